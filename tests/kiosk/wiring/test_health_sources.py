"""The health checks as composed for the kiosk: the network and platform lines through a real
TCP connection and the platform client's health check, against a scripted platform on
loopback."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.catalog.holder import CatalogHolder
from kiosk.config import KioskSettings, PlatformSettings
from kiosk.health.collect import collect
from kiosk.health.report import HealthLine, Status
from kiosk.storage.migrate import ensure_current_schema
from kiosk.storage.sqlite import SqliteDatabase
from kiosk.wiring.health import ask_platform, health_sources
from tests.helpers.network.ports import free_port
from tests.helpers.platform.scripted_server import Reply, scripted_server

HEALTHY = {"status": "ok", "time": datetime.now(UTC).isoformat()}


def test_a_platform_that_answers_its_health_check_is_reachable() -> None:
    with scripted_server() as server:
        server.script(Reply(200, HEALTHY))
        answer = ask_platform(server.url, PlatformSettings(url=server.url))
        assert answer.reachable
        assert server.received[0].path == "/v1/health"


def test_a_platform_in_trouble_is_not() -> None:
    with scripted_server() as server:
        server.script(Reply(503, "maintenance"))
        answer = ask_platform(server.url, PlatformSettings(url=server.url))
        assert not answer.reachable
        assert "503" in answer.detail


def report_for(settings: KioskSettings) -> dict[str, HealthLine]:
    ensure_current_schema(settings.database_path)
    database = SqliteDatabase(settings.database_path)
    try:
        checks = health_sources(
            settings, database, CatalogHolder(settings.data_dir), None, lambda: 3
        )
        return {line.topic: line for line in collect(checks).lines}
    finally:
        database.close()


def test_every_part_is_reported_and_the_platform_through_the_network(
    settings: KioskSettings,
) -> None:
    with scripted_server() as server:
        server.script(Reply(200, HEALTHY))
        platform = settings.platform.model_copy(update={"url": server.url})
        lines = report_for(settings.model_copy(update={"platform": platform}))
    assert lines["network"].status is Status.OK
    assert lines["platform"].status is Status.OK
    assert lines["help"].message.render() == "有 3 位居民在等待帮助"
    assert set(lines) >= {"id_reader", "qr_scanner", "printer", "queue", "ratings", "disk"}


def test_nothing_listening_at_the_platform_address_is_a_network_fault(
    settings: KioskSettings,
) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    platform = settings.platform.model_copy(update={"url": url})
    lines = report_for(settings.model_copy(update={"platform": platform}))
    assert lines["network"].status is Status.FAULT
    assert "ConnectionRefusedError" in lines["network"].message.render()
