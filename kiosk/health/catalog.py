"""The health line of the catalog of matters in force: its version and how long ago it was
installed here (the catalog names no date of its own)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kiosk.catalog.models import Catalog
from kiosk.health.durations import duration
from kiosk.health.report import HealthLine, Status, line
from kiosk.i18n import msg

TITLE = msg("事项目录", "Catalog of matters")
# The province publishes changes every few weeks; a quarter without one means updates have
# stopped reaching this kiosk.
WARN_AFTER = timedelta(days=90)


@dataclass(frozen=True)
class CatalogFacts:
    version: str
    matters: int
    illustrative: bool  # the demonstration catalog shipped for trying the kiosk out
    installed_at: datetime | None  # None: the catalog shipped with the app


def catalog_facts(catalog: Catalog, data_dir: Path) -> CatalogFacts:
    """The catalog in force; installed when its folder is under data_dir/catalogs (written
    by kiosk.catalog.holder.CatalogHolder.install), else the one shipped with the app."""
    installed = data_dir / "catalogs" / catalog.version
    try:
        installed_at = datetime.fromtimestamp(installed.stat().st_mtime, UTC)
    except OSError:
        installed_at = None
    return CatalogFacts(catalog.version, len(catalog.matters), catalog.illustrative, installed_at)


def catalog_line(facts: CatalogFacts, now: datetime) -> HealthLine:
    if facts.illustrative:
        return line(
            "catalog",
            TITLE,
            Status.WARNING,
            msg(
                "正在使用演示目录 {version}，不是本地真实的事项",
                "The demonstration catalog {version} is in use, not the province's matters",
                version=facts.version,
            ),
            msg(
                "请联系技术人员安装本省发布的事项目录",
                "Call a technician to install the catalog the province published",
            ),
        )
    if facts.installed_at is None:
        return line(
            "catalog",
            TITLE,
            Status.OK,
            msg(
                "版本 {version}（随软件安装），共 {matters} 项",
                "Version {version} (shipped with the app), {matters} matters",
                version=facts.version,
                matters=facts.matters,
            ),
        )
    age = now - facts.installed_at
    if age >= WARN_AFTER:
        return line(
            "catalog",
            TITLE,
            Status.WARNING,
            msg(
                "版本 {version} 已经 {age}没有更新",
                "Version {version} has not been updated for {age}",
                version=facts.version,
                age=duration(age),
            ),
            msg(
                "请查看“与平台同步”一行是否正常；正常时请联系技术人员确认是否有新目录",
                "Check that the sync line is fine; if it is, ask a technician whether a newer "
                "catalog exists",
            ),
        )
    return line(
        "catalog",
        TITLE,
        Status.OK,
        msg(
            "版本 {version}，{age}前更新，共 {matters} 项",
            "Version {version}, updated {age} ago, {matters} matters",
            version=facts.version,
            age=duration(age),
            matters=facts.matters,
        ),
    )
