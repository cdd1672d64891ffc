"""Who may open the console: a small file in the data dir of staff numbers (工号), each with
a role and a PIN hash, and no names. Technicians keep it with `kiosk staff`; the console only
checks PINs against it."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from kiosk.atomic_file import PRIVATE_MODE, replace_json
from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import AuditTrail
from kiosk.i18n import Message, msg
from kiosk.staff.pins import hash_pin, pin_matches, spend_a_check
from kiosk.staff.rights import Role

ROSTER_FILE = "staff.json"
# Digits only: the number is typed on the console's digit pad.
STAFF_NUMBER = re.compile(r"^[0-9]{3,12}$")


class RosterError(ValueError):
    """The roster cannot do what was asked; `message` says why in words."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.render("en"))
        self.message = message


@dataclass(frozen=True)
class StaffMember:
    number: str
    role: Role
    pin_hash: str


def staff_number_problem(number: str) -> Message | None:
    if STAFF_NUMBER.fullmatch(number) is None:
        return msg("工号须为 3 到 12 位数字", "A staff number is 3 to 12 digits")
    return None


class StaffRoster:
    def __init__(self, data_dir: Path, audit: AuditTrail) -> None:
        self._path = data_dir / ROSTER_FILE
        self._audit = audit

    @property
    def path(self) -> Path:
        return self._path

    def members(self) -> list[StaffMember]:
        """Everyone on the roster, by staff number; an absent file is an empty roster."""
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise RosterError(
                msg(
                    "工号名单文件已损坏：{path}",
                    "The staff roster is damaged: {path}",
                    path=self._path,
                )
            ) from exc
        members = [
            StaffMember(str(entry["number"]), Role(entry["role"]), str(entry["pin_hash"]))
            for entry in data.get("staff", [])
        ]
        return sorted(members, key=lambda member: member.number)

    def set_pin(self, number: str, role: Role, pin: str, actor: str) -> None:
        """Add `number` with `role` and `pin`, or give them a new role and PIN; audited."""
        problem = staff_number_problem(number)
        if problem is not None:
            raise RosterError(problem)
        pin_hash = hash_pin(pin)  # raises InvalidPin before anything is written
        others = [member for member in self.members() if member.number != number]
        self._write([*others, StaffMember(number, role, pin_hash)])
        self._audit.record(
            AuditEvent.STAFF_PIN_SET, actor, {"staff_number": number, "role": role.value}
        )

    def remove(self, number: str, actor: str) -> bool:
        """Take `number` off the roster; whether they were on it. Audited."""
        members = self.members()
        kept = [member for member in members if member.number != number]
        if len(kept) == len(members):
            return False
        self._write(kept)
        self._audit.record(AuditEvent.STAFF_REMOVED, actor, {"staff_number": number})
        return True

    def knows(self, number: str) -> bool:
        return any(member.number == number for member in self.members())

    def role_for(self, number: str, pin: str) -> Role | None:
        """The role of `number` if `pin` is theirs; None otherwise (an unknown number costs
        the same time as a wrong PIN)."""
        for member in self.members():
            if member.number == number:
                return member.role if pin_matches(pin, member.pin_hash) else None
        spend_a_check(pin)
        return None

    def _write(self, members: list[StaffMember]) -> None:
        entries = [
            {"number": member.number, "role": member.role.value, "pin_hash": member.pin_hash}
            for member in sorted(members, key=lambda member: member.number)
        ]
        replace_json(self._path, {"staff": entries}, PRIVATE_MODE)
