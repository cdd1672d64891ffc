"""Applying a bundle: the settings and the CA written with modes only the services read, the
terminal key created once and kept, the queue untouched, and a second provisioning only when
forced."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest

from kiosk.config import load_settings
from kiosk.crypto.keyfiles import read_key_pair
from kiosk.crypto.suite import encode_key
from kiosk.provisioning.apply import AlreadyProvisioned, apply_bundle
from kiosk.provisioning.ownership import Ownership
from tests.helpers.provisioning import a_bundle, rsa_ca_pem

AS_IS = Ownership(None, None)  # not root: the current user keeps the files


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def settings_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "etc" / "kiosk.toml"


def test_the_settings_ca_and_key_are_written_for_the_services_only(settings_file: Path) -> None:
    applied = apply_bundle(a_bundle(), settings_file, AS_IS)

    settings = load_settings(settings_file)
    assert settings.terminal.id == "GZ0001" and settings.terminal.region == "440100"
    assert settings.platform.url == "https://platform.example.gov.cn"
    assert settings.platform.ca_bundle == settings_file.parent / "tls" / "platform-ca.pem"
    assert settings.platform.ca_bundle.read_text() == rsa_ca_pem()
    assert mode(settings_file) == 0o640
    assert mode(settings.platform.ca_bundle) == 0o640
    assert mode(settings.platform.ca_bundle.parent) == 0o750
    assert applied.key_file == settings.terminal_key_path
    assert mode(applied.key_file) == 0o600 and mode(applied.key_file.parent) == 0o700
    assert applied.public_key == encode_key(read_key_pair(applied.key_file).public)
    assert applied.key_created and not applied.reprovisioned


def test_the_enrolment_line_names_terminal_key_and_suite(settings_file: Path) -> None:
    applied = apply_bundle(a_bundle(), settings_file, AS_IS)

    assert applied.enrolment_line == (
        f"kiosk platform enrol --terminal GZ0001 --public-key {applied.public_key} "
        f"--suite {applied.suite}"
    )


def test_a_provisioned_kiosk_is_provisioned_again_only_when_forced(settings_file: Path) -> None:
    first = apply_bundle(a_bundle(), settings_file, AS_IS)
    queue = first.database
    queue.write_bytes(b"the queue")

    with pytest.raises(AlreadyProvisioned) as refused:
        apply_bundle(a_bundle(hall_name="另一个大厅"), settings_file, AS_IS)
    assert "--force" in refused.value.refusal.en
    assert load_settings(settings_file).terminal.hall_name == first.hall_name

    again = apply_bundle(a_bundle(hall_name="另一个大厅"), settings_file, AS_IS, force=True)

    assert again.reprovisioned and not again.key_created
    assert again.public_key == first.public_key
    assert queue.read_bytes() == b"the queue"
    assert load_settings(settings_file).terminal.hall_name == "另一个大厅"


def test_provisioning_again_keeps_other_settings_and_comments(settings_file: Path) -> None:
    apply_bundle(a_bundle(), settings_file, AS_IS)
    text = settings_file.read_text()
    settings_file.write_text(
        "# the hall's printer\n" + text + '\n[devices.printer]\npaper = "58mm"\n'
    )

    apply_bundle(a_bundle(), settings_file, AS_IS, force=True)

    assert settings_file.read_text().startswith("# the hall's printer\n")
    assert tomllib.loads(settings_file.read_text())["devices"]["printer"]["paper"] == "58mm"


def test_as_root_files_are_given_to_their_owners(settings_file: Path) -> None:
    """Root's chown path, with the current user standing in for root and for kiosk."""
    me = (os.getuid(), os.getgid())

    applied = apply_bundle(a_bundle(), settings_file, Ownership(config=me, secret=me))

    for path in (settings_file, applied.ca_file, applied.key_file, applied.key_file.parent):
        assert (path.stat().st_uid, path.stat().st_gid) == me
