"""The settings a bundle gives a kiosk, by the dotted keys of kiosk.config."""

from __future__ import annotations

from pathlib import Path

from kiosk.provisioning.bundle import Bundle


def bundle_settings(bundle: Bundle, ca_file: Path) -> dict[str, str]:
    """The keys `apply_bundle` writes into the settings file; `ca_file` is where the bundle's
    CA certificates are put."""
    return {
        "terminal.id": bundle.terminal_id,
        "terminal.hall_name": bundle.hall_name,
        "terminal.hotline": bundle.hotline,
        "terminal.region": bundle.region,
        "platform.url": bundle.platform_url,
        "platform.lookup_url": bundle.lookup_url,
        "platform.suite": bundle.suite,
        "platform.sealing_key": bundle.sealing_key,
        "platform.catalog_signing_key": bundle.catalog_signing_key,
        "platform.ca_bundle": str(ca_file),
    }


def nested(flat: dict[str, str]) -> dict[str, object]:
    """`{"terminal.id": X}` as the table `{"terminal": {"id": X}}` a settings file reads as."""
    tables: dict[str, object] = {}
    for dotted, value in flat.items():
        table, _, key = dotted.partition(".")
        section = tables.setdefault(table, {})
        assert isinstance(section, dict)
        section[key] = value
    return tables
