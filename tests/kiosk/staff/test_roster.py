"""The staff roster: numbers, roles and PIN hashes in a private file of the data dir."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.staff.pins import InvalidPin
from kiosk.staff.rights import Role
from kiosk.staff.roster import ROSTER_FILE, RosterError, StaffRoster


def test_a_member_added_is_found_by_their_pin_and_nobody_else(tmp_path: Path) -> None:
    roster = StaffRoster(tmp_path, MemoryAuditTrail())
    roster.set_pin("1001", Role.STAFF, "275931", actor="technician")
    roster.set_pin("2002", Role.TECHNICIAN, "864213", actor="technician")

    assert roster.role_for("1001", "275931") is Role.STAFF
    assert roster.role_for("2002", "864213") is Role.TECHNICIAN
    assert roster.role_for("1001", "864213") is None
    assert roster.role_for("3003", "275931") is None


def test_the_file_holds_no_pin_and_only_its_owner_reads_it(tmp_path: Path) -> None:
    roster = StaffRoster(tmp_path, MemoryAuditTrail())
    roster.set_pin("1001", Role.STAFF, "275931", actor="technician")

    path = tmp_path / ROSTER_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    assert "275931" not in text
    assert set(json.loads(text)["staff"][0]) == {"number", "role", "pin_hash"}


def test_setting_a_pin_again_replaces_it_and_every_change_is_audited(tmp_path: Path) -> None:
    audit = MemoryAuditTrail()
    roster = StaffRoster(tmp_path, audit)
    roster.set_pin("1001", Role.STAFF, "275931", actor="technician")
    roster.set_pin("1001", Role.TECHNICIAN, "864213", actor="technician")

    assert [member.role for member in roster.members()] == [Role.TECHNICIAN]
    assert roster.role_for("1001", "275931") is None
    assert roster.remove("1001", actor="technician")
    assert not roster.remove("1001", actor="technician")
    assert audit.kinds() == [
        AuditEvent.STAFF_PIN_SET,
        AuditEvent.STAFF_PIN_SET,
        AuditEvent.STAFF_REMOVED,
    ]
    assert audit.events[0].details == {"staff_number": "1001", "role": "staff"}
    assert all("275931" not in str(event.details) for event in audit.events)


def test_a_bad_number_or_pin_changes_nothing(tmp_path: Path) -> None:
    audit = MemoryAuditTrail()
    roster = StaffRoster(tmp_path, audit)
    with pytest.raises(RosterError):
        roster.set_pin("ab12", Role.STAFF, "275931", actor="technician")
    with pytest.raises(InvalidPin):
        roster.set_pin("1001", Role.STAFF, "123456", actor="technician")
    assert roster.members() == [] and audit.events == []


def test_a_damaged_roster_is_reported_not_taken_as_empty(tmp_path: Path) -> None:
    (tmp_path / ROSTER_FILE).write_text("{not json", encoding="utf-8")
    with pytest.raises(RosterError):
        StaffRoster(tmp_path, MemoryAuditTrail()).members()
