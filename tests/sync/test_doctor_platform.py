"""`kiosk doctor` on the platform link: keys, HTTPS as the agent makes it, the agent's last
pass; each line says what to do."""

from __future__ import annotations

from kiosk.cli.doctor_checks import Check
from kiosk.cli.doctor_platform import platform_checks
from kiosk.config import KioskSettings
from kiosk.crypto.suite import encode_key
from sync.failures import TransientFailure
from tests.helpers.platform.agent_kiosk import agent_kiosk, settings_for
from tests.helpers.platform.fake_platform import FakePlatform
from tests.helpers.platform.reference import RunningPlatform


def doctor(settings: KioskSettings) -> dict[str, Check]:
    return {check.name: check for check in platform_checks(settings)}


def test_a_kiosk_that_never_synced_is_told_what_to_start(platform: RunningPlatform) -> None:
    found = doctor(settings_for(platform.url))
    assert found["sealing key"].ok
    assert found["catalog signing key"].ok
    assert not found["terminal key"].ok
    assert "kiosk keys terminal" in found["terminal key"].detail
    assert found["platform"].ok
    assert "healthy" in found["platform"].detail
    assert not found["sync agent"].ok
    assert "kiosk-sync-agent.service" in found["sync agent"].detail


def test_after_a_good_pass_every_platform_check_is_ok(platform: RunningPlatform) -> None:
    with agent_kiosk(platform) as kiosk:
        kiosk.submit()
        kiosk.agent.run_once()
        found = doctor(kiosk.settings)
    assert all(check.ok for check in found.values()), found
    assert kiosk.runtime.identity.public_key in found["terminal key"].detail
    assert "0 waiting, 0 quarantined" in found["sync agent"].detail


def test_a_sealing_key_that_is_not_the_platforms_is_caught_before_anything_is_sealed(
    platform: RunningPlatform,
) -> None:
    # Both platform keys are 32 bytes: swapped, they pass every check of the config itself.
    swapped = encode_key(platform.keys.catalog_signing.public)
    found = doctor(settings_for(platform.url, sealing_key=swapped))
    assert not found["platform"].ok
    assert "is not the platform's sealing key" in found["platform"].detail
    assert "kiosk platform init" in found["platform"].detail


def test_a_failed_pass_is_reported_with_its_reason() -> None:
    fake = FakePlatform()
    fake.fail("deliver_submissions", TransientFailure("HTTP 503 unavailable: maintenance"))
    with agent_kiosk(None, around_platform=lambda _client: fake) as kiosk:
        kiosk.submit()
        kiosk.agent.run_once()
        found = doctor(kiosk.settings)
    assert not found["sync agent"].ok
    assert "stopped early: HTTP 503 unavailable: maintenance" in found["sync agent"].detail
    assert "no success yet" in found["sync agent"].detail


def test_missing_keys_and_url_each_say_which_setting() -> None:
    settings = settings_for("http://127.0.0.1:9")
    bare = settings.platform.model_copy(
        update={"url": None, "sealing_key": None, "catalog_signing_key": None}
    )
    found = doctor(settings.model_copy(update={"platform": bare}))
    assert "set platform.sealing_key" in found["sealing key"].detail
    assert "refuses applications" in found["sealing key"].detail
    assert "set platform.catalog_signing_key" in found["catalog signing key"].detail
    assert "set [platform] url" in found["platform"].detail
    assert not any(check.ok for name, check in found.items() if name != "terminal key")
