"""Catalog version and age, the app's and agent's versions, uptimes, open help requests."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.catalog import load_catalog
from kiosk.catalog.holder import CatalogHolder
from kiosk.catalog.loader import default_catalog_dir
from kiosk.health.catalog import CatalogFacts, catalog_facts, catalog_line
from kiosk.health.help_requests import help_line
from kiosk.health.report import Status
from kiosk.health.versions import (
    machine_uptime,
    process_uptime,
    uptime_line,
    versions_line,
)

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def test_the_shipped_catalog_is_said_as_shipped_with_its_version(tmp_path: Path) -> None:
    catalog = CatalogHolder(tmp_path).current()
    facts = catalog_facts(catalog, tmp_path)
    assert facts.installed_at is None
    assert facts.version == catalog.version
    line = catalog_line(facts, NOW)
    assert catalog.version in line.message.render()


def test_an_installed_catalog_has_the_age_of_its_install(tmp_path: Path) -> None:
    holder = CatalogHolder(tmp_path)
    shipped = load_catalog()
    source = tmp_path / "source"
    shutil.copytree(default_catalog_dir(), source)
    holder.install(source)
    facts = catalog_facts(holder.current(), tmp_path)
    assert facts.installed_at is not None
    assert facts.version == shipped.version


def test_a_catalog_not_updated_for_a_quarter_is_a_warning() -> None:
    fresh = CatalogFacts("2026.11", 40, False, NOW - timedelta(days=3))
    line = catalog_line(fresh, NOW)
    assert line.status is Status.OK
    assert line.message.render() == "版本 2026.11，3 天前更新，共 40 项"
    stale = catalog_line(CatalogFacts("2026.01", 40, False, NOW - timedelta(days=120)), NOW)
    assert stale.status is Status.WARNING
    assert "已经 120 天没有更新" in stale.message.render()


def test_the_demonstration_catalog_is_a_warning() -> None:
    line = catalog_line(CatalogFacts("demo-1", 3, True, None), NOW)
    assert line.status is Status.WARNING
    assert "演示目录" in line.message.render()


def test_versions_agree_or_the_line_says_to_restart() -> None:
    assert versions_line("0.1.0", "0.1.0").status is Status.OK
    assert versions_line("0.1.0", None).message.render() == "本机程序 0.1.0，同步程序 -"
    differ = versions_line("0.2.0", "0.1.0")
    assert differ.status is Status.WARNING
    assert "重启本机" in differ.todo.render()


def test_uptimes_come_from_proc(tmp_path: Path) -> None:
    proc_uptime = tmp_path / "uptime"
    proc_uptime.write_text("90000.5 170000.0\n")
    stat = tmp_path / "stat"
    ticks = 100 * 86400  # started a day after boot, at 100 ticks a second
    fields = ["S"] + ["0"] * 18 + [str(ticks)] + ["0"] * 10
    stat.write_text("4242 (kiosk run (ui)) " + " ".join(fields) + "\n")
    assert machine_uptime(proc_uptime) == timedelta(seconds=90000.5)
    app = process_uptime(stat, proc_uptime)
    assert app is not None
    assert app <= timedelta(seconds=90000.5)
    line = uptime_line(timedelta(minutes=5), timedelta(days=3))
    assert line.message.render() == "本机程序已运行 5 分钟，机器已开机 3 天"
    assert line.message.render("en_US") == "App running for 5 min, machine up for 3 days"


def test_this_process_has_an_uptime() -> None:
    uptime = process_uptime()
    assert uptime is not None and uptime >= timedelta(0)


def test_open_help_requests_are_a_warning_saying_to_go_and_help() -> None:
    assert help_line(0).status is Status.OK
    waiting = help_line(2)
    assert waiting.status is Status.WARNING
    assert waiting.message.render() == "有 2 位居民在等待帮助"
