"""The package's data files, checked without building it: the control template's fields, the
install map, the maintainer scripts' syntax, a reason for every lintian override, and the
units as systemd reads them (the slow test, tests/slow/packaging/, checks the built package)."""

from __future__ import annotations

import shutil
import subprocess
from email.parser import HeaderParser
from pathlib import Path

import pytest

CHECKOUT = Path(__file__).resolve().parents[2]
DEB = CHECKOUT / "packaging" / "deb"
APP = "/opt/kiosk/.venv/bin/kiosk"


def control() -> dict[str, str]:
    text = (DEB / "control.in").read_text(encoding="utf-8")
    return dict(HeaderParser().parsestr(text).items())


def test_the_control_template_declares_what_the_kiosk_runs_on() -> None:
    fields = control()
    assert fields["Package"] == "kiosk"
    assert {"Version", "Architecture", "Installed-Size"} <= fields.keys()
    depends = {item.split()[0] for item in fields["Depends"].split(",")}
    needed = {
        "python3.11", "cage", "xwayland", "fonts-noto-cjk", "espeak-ng", "libzbar0",
        "libusb-1.0-0", "libwayland-client0", "libwayland-cursor0", "libwayland-egl1",
        "libegl1", "libgl1", "libfontconfig1", "libxkbcommon0", "polkitd", "systemd",
    }  # fmt: skip
    assert needed <= depends, needed - depends
    # Updates come only as images or packages the province approves.
    assert "unattended-upgrades" in fields["Conflicts"]
    assert "\n" not in fields["Depends"]  # lintian refuses a folded Depends


def test_every_installed_file_exists_with_an_explicit_mode() -> None:
    lines = (DEB / "install").read_text(encoding="utf-8").splitlines()
    entries = [line.split() for line in lines if line.strip() and not line.startswith("#")]
    assert entries
    for source, target, mode in entries:
        assert (CHECKOUT / source).is_file(), source
        assert not target.startswith("/"), target
        assert mode in ("0644", "0755"), (source, mode)
    targets = {target for _source, target, _mode in entries}
    # The example settings only: an absent /etc/kiosk/kiosk.toml means "not provisioned".
    assert not any(target.startswith("etc/") for target in targets)
    assert "usr/share/kiosk/kiosk.toml.example" in targets


@pytest.mark.parametrize("script", ["postinst", "prerm", "postrm"])
def test_the_maintainer_scripts_are_posix_shell(script: str) -> None:
    path = DEB / script
    assert path.read_text(encoding="utf-8").startswith("#!/bin/sh\n")
    subprocess.run(["sh", "-n", str(path)], check=True)


def test_purge_alone_deletes_the_state() -> None:
    postrm = (DEB / "postrm").read_text(encoding="utf-8")
    purge = postrm[postrm.index("    purge)") :]
    assert "rm -rf /var/lib/kiosk /etc/kiosk" in purge
    assert "rm -rf" not in postrm[: postrm.index("    purge)")]


def test_every_lintian_override_has_its_reason_above_it() -> None:
    lines = (DEB / "lintian-overrides").read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if line.startswith("kiosk:"):
            above = lines[number - 1]
            assert above.startswith(("#", "kiosk:")), line
            # A run of overrides shares the comment that opens it.
            start = number
            while lines[start - 1].startswith("kiosk:"):
                start -= 1
            assert lines[start - 1].startswith("#"), line


def test_the_units_verify_clean_on_this_host(tmp_path: Path) -> None:
    if shutil.which("systemd-analyze") is None:
        pytest.skip("no systemd-analyze on this host")
    # The app and cage are not installed here: point the commands at a program that is.
    true = shutil.which("true")
    assert true is not None
    for unit in ("kiosk.service", "kiosk-sync-agent.service"):
        text = (CHECKOUT / "packaging" / "systemd" / unit).read_text(encoding="utf-8")
        text = text.replace(APP, true).replace("/usr/bin/cage", true)
        (tmp_path / unit).write_text(text, encoding="utf-8")
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(p) for p in sorted(tmp_path.glob("*.service")))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""
