"""Builds ``fake_termb.c`` into a shared library and drives its file-backed state.

The library reads its state directory (``FAKE_TERMB_DIR``) on every call, so a test can
place a card, take it away or break the reader between two reads; ``fake_termb.c`` lists
the files.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from drivers.idcard.record import IdCardRecord

SOURCE = Path(__file__).with_name("fake_termb.c")
STATE_VARIABLE = "FAKE_TERMB_DIR"


def build_fake_termb(directory: Path) -> Path:
    """Compile the fake into ``directory``; skips the calling test when there is no cc."""
    compiler = shutil.which("cc")
    if compiler is None:
        pytest.skip("no C compiler (cc) on PATH to build the fake termb library")
    library = directory / "libfaketermb.so"
    subprocess.run(
        [compiler, "-shared", "-fPIC", "-O1", "-Wall", "-o", str(library), str(SOURCE)],
        check=True,
        capture_output=True,
    )
    return library


class FakeTermbState:
    """The fake library's state directory, written the way the C side reads it."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def place_card(self, fields: dict[str, bytes]) -> None:
        """Put a card on the reader: getter name → the bytes that getter returns."""
        self.remove_card()
        card = self.directory / "card"
        card.mkdir()
        for getter, data in fields.items():
            (card / getter).write_bytes(data)

    def place_record(self, record: IdCardRecord, photo: bytes | None = None) -> None:
        """Put ``record`` on the reader, its text GBK-encoded as an SDK returns it."""
        self.place_card(gbk_fields(record, photo))

    def spoil_next_read(self, getter: str, data: bytes) -> None:
        """Make the next read's ``getter`` return ``data``; later reads get the card's own."""
        (self.directory / "card" / f"{getter}.once").write_bytes(data)

    def remove_card(self) -> None:
        shutil.rmtree(self.directory / "card", ignore_errors=True)

    def set_result(self, function: str, value: int | None) -> None:
        """Force what ``init``, ``auth``, ``read`` or ``wlt2bmp`` returns; None restores it."""
        path = self.directory / function
        if value is None:
            path.unlink(missing_ok=True)
        else:
            path.write_text(str(value))

    def calls(self) -> list[str]:
        path = self.directory / "calls"
        return path.read_text().splitlines() if path.exists() else []


def gbk_fields(record: IdCardRecord, photo: bytes | None = None) -> dict[str, bytes]:
    """The getters' answers for ``record``, as a GBK SDK gives them."""
    valid_to = "长期" if record.valid_to is None else record.valid_to.strftime("%Y%m%d")
    texts = {
        "GetPeopleName": record.name,
        "GetPeopleSex": record.sex,
        "GetPeopleNation": record.nation,
        "GetPeopleBirthday": record.birth_date.strftime("%Y%m%d"),
        "GetPeopleAddress": record.address,
        "GetPeopleIDCode": record.id_number,
        "GetDepartment": record.issuer,
        "GetStartDate": record.valid_from.strftime("%Y%m%d"),
        "GetEndDate": valid_to,
    }
    fields = {getter: text.encode("gbk") for getter, text in texts.items()}
    if photo is not None:
        fields["GetBMPData"] = photo
    return fields
