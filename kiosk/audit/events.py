"""Every audited action, named once: a dotted name and a sentence saying when it is written.

A new kind of event is added here before any code records it; the log, `kiosk audit export` and
the platform all read the dotted names, so a name is never changed once released.
"""

from __future__ import annotations

from enum import Enum


class AuditEvent(Enum):
    """One kind of audited action; `doc` says when it is recorded."""

    doc: str

    def __new__(cls, dotted: str, doc: str) -> AuditEvent:
        member = object.__new__(cls)
        member._value_ = dotted
        member.doc = doc
        return member

    # -- the resident's side -----------------------------------------------------------
    SUBMISSION_ACCEPTED = ("submission.accepted", "A case was committed to the local queue.")
    RECEIPT_PRINTED = ("receipt.printed", "A case's receipt was printed at the end of a visit.")
    RECEIPT_REPRINTED = ("receipt.reprinted", "Staff or a technician reprinted a case's receipt.")
    RATING_RECORDED = ("rating.recorded", "A resident's rating (好差评) of cases was kept.")
    HELP_REQUESTED = ("help.requested", "A resident pressed 'call staff': a help request (帮办).")
    HELP_RESOLVED = ("help.resolved", "Staff marked a help request as dealt with.")

    # -- staff access ------------------------------------------------------------------
    STAFF_LOGIN = ("staff.login", "A staff member or technician entered the right PIN.")
    STAFF_PIN_REFUSED = ("staff.pin_refused", "A wrong PIN was entered at the staff entry.")
    STAFF_LOCKED_OUT = ("staff.locked_out", "Too many wrong PINs: the entry is locked a while.")
    STAFF_LOGOUT = ("staff.logout", "The console was left, by its button or by idling.")
    STAFF_PIN_SET = ("staff.pin_set", "A technician set or changed a staff member's PIN.")
    STAFF_REMOVED = ("staff.removed", "A technician took a staff number off the roster.")

    # -- the console's acts ------------------------------------------------------------
    OUT_OF_SERVICE = ("service.out_of_service", "The kiosk was taken out of service (暂停服务).")
    BACK_IN_SERVICE = ("service.back_in_service", "The kiosk was put back in service.")
    DEVICE_TESTED = ("device.tested", "Staff ran a test read, scan or print; the outcome.")
    SYNC_REQUESTED = ("sync.requested", "Staff asked the sync agent to deliver now.")
    APP_RESTART_REQUESTED = ("app.restart_requested", "Staff restarted the touchscreen app.")
    MACHINE_REBOOT_REQUESTED = ("machine.reboot_requested", "Staff rebooted the machine.")
    DIAGNOSTICS_EXPORTED = ("diagnostics.exported", "A diagnostics bundle was written to a drive.")
    CONFIG_CHANGED = ("config.changed", "A setting was changed: its key, old and new value.")

    # -- delivery ----------------------------------------------------------------------
    DELIVERED = ("sync.delivered", "The platform acknowledged an item of the queue.")
    QUARANTINED = ("queue.quarantined", "An item was set aside: the platform refused it.")
    RETRIED = ("queue.retried", "Staff put a set-aside item back in the queue.")

    # -- the machine -------------------------------------------------------------------
    UPDATE_INSTALLED = (
        "update.installed",
        "A technician installed a software update bundle to the slot not booted; it runs from "
        "the next boot and stays only if that boot is healthy.",
    )
    UPDATE_COMMITTED = (
        "update.committed",
        "The slot booted was healthy (first screen painted, critical checks passed) and was "
        "marked good, so it keeps booting.",
    )
    UPDATE_REJECTED = (
        "update.rejected",
        "The slot booted was not healthy in time, or a technician rejected it: marked bad, "
        "and the machine rebooted into the other slot.",
    )
    HOUSEKEEPING_DONE = ("housekeeping.done", "The nightly purge, integrity check and backup ran.")
    BACKUP_RESTORED = (
        "housekeeping.restored",
        "A technician put a backup in place of the database; the log goes back to the backup's "
        "head, and this record says so (the platform sees the head go back too).",
    )
    CRASH_LOOP = ("app.crash_loop", "The app restarted too often and shows out of service.")
    PROVISIONED = (
        "terminal.provisioned",
        "A signed provisioning bundle was applied (`kiosk provision` or the provisioning "
        "screen): the terminal id, the provisioning key that signed it, and whether it replaced "
        "an earlier provisioning.",
    )

    @property
    def dotted(self) -> str:
        return str(self.value)
