"""The polkit rule shipped for the console allows the kiosk user exactly a reboot through
logind and restarting the kiosk's two units, nothing else (read as text, never run)."""

from __future__ import annotations

import re
from pathlib import Path

RULE = Path(__file__).resolve().parents[3] / "packaging" / "polkit" / "50-kiosk-reboot.rules"


def code_of(rule: str) -> str:
    """The rule without its comments."""
    return "\n".join(line.split("//", 1)[0] for line in rule.splitlines())


def test_the_rule_names_exactly_the_reboot_and_unit_actions() -> None:
    code = code_of(RULE.read_text(encoding="utf-8"))
    actions = set(re.findall(r'action\.id === "([^"]+)"', code))
    assert actions == {
        "org.freedesktop.login1.reboot",
        "org.freedesktop.login1.reboot-multiple-sessions",
        "org.freedesktop.systemd1.manage-units",
    }


def test_units_may_only_be_restarted_and_only_the_kiosks_own() -> None:
    code = code_of(RULE.read_text(encoding="utf-8"))
    assert set(re.findall(r'unit === "([^"]+)"', code)) == {
        "kiosk.service",
        "kiosk-sync-agent.service",
    }
    assert set(re.findall(r'verb === "([^"]+)"', code)) == {"restart"}


def test_only_the_kiosk_user_is_granted_and_nothing_is_granted_by_default() -> None:
    code = code_of(RULE.read_text(encoding="utf-8"))
    assert re.findall(r'subject\.user !== "([^"]+)"', code) == ["kiosk"]
    assert code.count("polkit.Result.YES") == 2
    # Whatever falls through is left to polkit's defaults (which refuse the kiosk user).
    assert re.search(r"return polkit\.Result\.NOT_HANDLED;\s*\}\);\s*$", code)
    assert "AUTH_SELF" not in code and "subject.isInGroup" not in code
