"""Personal data is sealed at rest: after residents apply through `kiosk submit` and through
the service the touchscreen uses, no name, ID number, mobile number or address they typed
can be found in the database file, its write-ahead log, anything else in the data directory
or the logs; yet the platform's private key opens every case back to the exact answers."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.catalog import load_catalog
from kiosk.catalog.offerings import Offering, find_offering
from kiosk.config import KioskSettings
from kiosk.forms import Application
from kiosk.logs import configure_logging
from kiosk.storage.sqlite import flush_wal
from kiosk.storage.tables import SubmissionRow
from kiosk.wiring.services import KioskServices, build_services
from tests.helpers.data import ELDERLY_MATTER, elderly_answers
from tests.helpers.devices.recording_printer import RecordingPrinter
from tests.helpers.kiosk_cli import Kiosk
from tests.helpers.samples import id_number_for, sample_application_json
from tests.helpers.sealed import opened_payload

NEWBORN = "YSLB-BIRTH-0001"
TODAY = datetime.now(ZoneInfo("Asia/Shanghai")).date()


def elderly(name: str, born: date, mobile: str, addresses: tuple[str, str]) -> dict[str, Any]:
    """An 老年人优待证 application whose card is posted to a second address."""
    answers = elderly_answers(
        name=name, id_number=id_number_for(born, female=True), mobile=mobile, address=addresses[0]
    )
    return {"answers": answers, "delivery": {"method": "邮寄", "address": addresses[1]}}


def newborn_offering() -> Offering:
    offering = find_offering(load_catalog(), NEWBORN)
    assert offering is not None
    return offering


NEWBORN_MEMBERS = newborn_offering().members


def newborn(names: tuple[str, str, str], mobile: str, addresses: tuple[str, str]) -> Any:
    data = sample_application_json(newborn_offering(), TODAY)
    answers = data["answers"]
    answers["name"], answers["other_parent_name"], answers["child_name"] = names
    answers["mobile"] = mobile
    answers["address"], answers["mailing_address"] = addresses
    if "delivery" in data and "address" in data["delivery"]:
        data["delivery"]["address"] = addresses[1]
    return data


# Through `kiosk submit`, in its own process.
CLI_ELDERLY = elderly(
    "欧阳淑珍", date(1951, 3, 4), "13911112222", ("幸福路7号3栋502室", "东风路5号")
)
CLI_BUNDLE = newborn(("司马建国", "上官𠇔兰", "司马𠇔"), "13722223333", ("和平街9号", "光明巷12号"))
# Through the service the touchscreen calls.
SERVICE_ELDERLY = elderly(
    "𠇔明", date(1948, 7, 15), "13633334444", ("长安大道168号2单元", "西湖路8号")
)
SERVICE_BUNDLE = newborn(
    ("诸葛慧敏", "端木志强", "诸葛𠇔乐"), "13544445555", ("春风路3号", "秋月街21号")
)

PERSONAL_FIELDS = (
    "name",
    "other_parent_name",
    "child_name",
    "id_number",
    "other_parent_id_number",
    "mobile",
    "address",
    "mailing_address",
)


def secrets_in(application: dict[str, Any]) -> set[str]:
    """Every name, ID number, mobile and address typed, and each ID without its check char."""
    answers = application["answers"]
    found = {str(answers[key]) for key in PERSONAL_FIELDS if key in answers}
    found |= {
        answers[key][:17] for key in ("id_number", "other_parent_id_number") if key in answers
    }
    if application.get("delivery", {}).get("address"):
        found.add(application["delivery"]["address"])
    return found


ALL_SECRETS = sorted(
    secrets_in(CLI_ELDERLY)
    | secrets_in(CLI_BUNDLE)
    | secrets_in(SERVICE_ELDERLY)
    | secrets_in(SERVICE_BUNDLE)
)


def leaked(secrets: list[str], data: bytes) -> list[str]:
    return [secret for secret in secrets if secret.encode("utf-8") in data]


def data_dir_bytes(data_dir: Path) -> dict[str, bytes]:
    """Every file the kiosk keeps (the database, its -wal and -shm, catalogs, keys)."""
    return {
        str(path.relative_to(data_dir)): path.read_bytes()
        for path in sorted(data_dir.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def captured_logs() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    stream = io.StringIO()
    configure_logging("DEBUG", stream)
    yield stream
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
def services(settings: KioskSettings) -> Iterator[KioskServices]:
    services = build_services(settings, RecordingPrinter())
    yield services
    services.close()


def test_nothing_personal_is_readable_at_rest_yet_the_platform_opens_every_case(
    kiosk: Kiosk,
    services: KioskServices,
    settings: KioskSettings,
    captured_logs: io.StringIO,
) -> None:
    assert "𠇔明" in ALL_SECRETS  # a name beyond the BMP is in play
    assert {"东风路5号", "110105194807150028", "11010519480715002"} < set(ALL_SECRETS)
    # An open connection keeps SQLite from folding the WAL into the file when a process ends.
    keeper = services.engine.raw_connection()
    try:
        stderr = []
        for matter, data in ((ELDERLY_MATTER, CLI_ELDERLY), (NEWBORN, CLI_BUNDLE)):
            result = kiosk("submit", "--matter", matter, "--data", json.dumps(data), "--json")
            assert result.returncode == 0, result.stderr
            stderr.append(result.stderr)
        services.submissions.submit(ELDERLY_MATTER, Application.from_json(SERVICE_ELDERLY))
        services.submissions.submit(NEWBORN, Application.from_json(SERVICE_BUNDLE))

        data_dir = settings.data_dir
        before_checkpoint = data_dir_bytes(data_dir)
        wal = before_checkpoint["kiosk.db-wal"]
        with Session(services.engine) as session:
            rows = list(session.scalars(select(SubmissionRow).order_by(SubmissionRow.id)))
        assert len(rows) == 2 + 2 * len(NEWBORN_MEMBERS)
        assert all(row.case_number.encode() in wal for row in rows)  # the WAL holds them all
        for name, content in before_checkpoint.items():
            assert leaked(ALL_SECRETS, content) == [], name

        flush_wal(services.engine)
        main_file = (data_dir / "kiosk.db").read_bytes()
        assert all(row.case_number.encode() in main_file for row in rows)
        assert leaked(ALL_SECRETS, main_file) == []
    finally:
        keeper.close()

    assert leaked(ALL_SECRETS, "".join(stderr).encode()) == []
    assert "submission queued" in captured_logs.getvalue()
    assert leaked(ALL_SECRETS, captured_logs.getvalue().encode()) == []

    # In order: the CLI's elderly case, its bundle's cases, the service's, and its bundle's.
    payloads = [opened_payload(row) for row in rows]
    assert payloads[0]["delivery"] == CLI_ELDERLY["delivery"]
    opened = [payload["answers"] for payload in payloads]
    members = len(NEWBORN_MEMBERS)
    assert opened[0] == CLI_ELDERLY["answers"]
    assert opened[1 + members] == SERVICE_ELDERLY["answers"]
    for submitted, cases in (
        (CLI_BUNDLE["answers"], opened[1 : 1 + members]),
        (SERVICE_BUNDLE["answers"], opened[2 + members :]),
    ):
        assert len(cases) == members
        for answers in cases:  # each member's case holds its own share of the answers
            assert answers == {key: submitted[key] for key in answers}
