from pathlib import Path

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.service_state import STATE_FILE, ServiceSwitch


def test_a_new_kiosk_is_in_service(tmp_path: Path) -> None:
    assert ServiceSwitch(tmp_path, MemoryAuditTrail()).in_service


def test_out_of_service_survives_a_restart_and_is_audited(tmp_path: Path) -> None:
    audit = MemoryAuditTrail()
    ServiceSwitch(tmp_path, audit).set_in_service(False, actor="S001")
    again = ServiceSwitch(tmp_path, audit).state()
    assert not again.in_service and again.changed_by == "S001"
    ServiceSwitch(tmp_path, audit).set_in_service(True, actor="S001")
    assert audit.kinds() == [AuditEvent.OUT_OF_SERVICE, AuditEvent.BACK_IN_SERVICE]


def test_setting_the_same_state_again_records_nothing(tmp_path: Path) -> None:
    audit = MemoryAuditTrail()
    ServiceSwitch(tmp_path, audit).set_in_service(True, actor="S001")
    assert audit.events == []


def test_a_damaged_state_file_leaves_the_kiosk_in_service(tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_text("{not json", encoding="utf-8")
    assert ServiceSwitch(tmp_path, MemoryAuditTrail()).in_service
