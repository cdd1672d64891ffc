"""What one attempt to provision ends in, for the command line and the provisioning screen."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.provisioning.apply import Applied
from kiosk.provisioning.reach import Reachability
from kiosk.provisioning.refusals import Refusal


@dataclass(frozen=True)
class Provisioned:
    applied: Applied
    reachability: Reachability
    signed_by: str  # the id of the provisioning key that signed the bundle
    expires_at: str


@dataclass(frozen=True)
class Refused:
    refusals: list[Refusal]


Outcome = Provisioned | Refused
