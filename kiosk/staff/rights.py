"""Rights by verb: a role is a set of verbs, and code asks `can(role, verb)`, never a role's name.

Two roles work at the kiosk itself: staff operate it (hall staff with no technical training),
technicians also configure it. A new privileged act is a new verb here first.
"""

from __future__ import annotations

from enum import Enum


class Role(Enum):
    STAFF = "staff"
    TECHNICIAN = "technician"


class Verb(Enum):
    VIEW_HEALTH = "console.view_health"
    TEST_DEVICES = "console.test_devices"
    REPRINT = "console.reprint"
    SYNC_NOW = "console.sync_now"
    RETRY_QUARANTINED = "queue.retry"
    OUT_OF_SERVICE = "service.out_of_service"
    RESTART_APP = "app.restart"
    REBOOT_MACHINE = "machine.reboot"
    EXPORT_DIAGNOSTICS = "diagnostics.export"
    VIEW_HELP_REQUESTS = "help.view"
    RESOLVE_HELP_REQUESTS = "help.resolve"
    VIEW_CONFIG = "config.view"
    SET_CONFIG = "config.set"


_STAFF = frozenset(
    {
        Verb.VIEW_HEALTH,
        Verb.TEST_DEVICES,
        Verb.REPRINT,
        Verb.SYNC_NOW,
        Verb.RETRY_QUARANTINED,
        Verb.OUT_OF_SERVICE,
        Verb.RESTART_APP,
        Verb.REBOOT_MACHINE,
        Verb.EXPORT_DIAGNOSTICS,
        Verb.VIEW_HELP_REQUESTS,
        Verb.RESOLVE_HELP_REQUESTS,
    }
)
RIGHTS: dict[Role, frozenset[Verb]] = {
    Role.STAFF: _STAFF,
    Role.TECHNICIAN: _STAFF | {Verb.VIEW_CONFIG, Verb.SET_CONFIG},
}


def can(role: Role, verb: Verb) -> bool:
    return verb in RIGHTS[role]
