"""The package as a kiosk gets it: lintian-clean, installed by apt into a fresh Debian 12 root,
its units valid there, its user, files and modes as the lockdown needs, the app runnable, the
udev rules parsed, secrets kept from other users, and purge the only thing that deletes state.

Run by scripts/test-packaging (needs root: chroot and mounts). The tests run in file order on
one installed root; the removal tests come last.
"""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest

from tests.helpers.provisioning import rsa_ca_pem
from tests.slow.packaging.debian_root import CHECKOUT, DebianRoot, run, step

UNITS = ("kiosk.service", "kiosk-sync-agent.service")
KIOSK_ENV = {"KIOSK_CONFIG": "/etc/kiosk/kiosk.toml", "KIOSK_DATA_DIR": "/var/lib/kiosk"}


def test_lintian_finds_nothing_not_overridden(deb: Path) -> None:
    with step("lintian"):
        result = subprocess.run(
            ["lintian", "--fail-on", "error,warning", "--tag-display-limit", "0", str(deb)],
            capture_output=True,
            text=True,
            check=False,
        )
    complaints = [line for line in result.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert complaints == [], "\n".join(complaints)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_installed_units_verify_clean(installed: DebianRoot) -> None:
    with step("systemd-analyze verify"):
        result = installed.try_run("systemd-analyze", "verify", *UNITS)
    assert result.returncode == 0, result.stderr
    # Warnings are printed too, with exit 0: the units must give none.
    assert [line for line in result.stderr.splitlines() if line.strip()] == []


def test_the_units_are_enabled_and_the_lockdown_units_masked(installed: DebianRoot) -> None:
    assert (installed / "etc/systemd/system/graphical.target.wants/kiosk.service").is_symlink()
    wants = "etc/systemd/system/multi-user.target.wants/kiosk-sync-agent.service"
    assert (installed / wants).is_symlink()
    for unit in ("ctrl-alt-del.target", "apt-daily.timer", "apt-daily-upgrade.timer"):
        assert (installed / f"etc/systemd/system/{unit}").readlink() == Path("/dev/null"), unit


def test_the_kiosk_user_has_no_shell_and_only_its_device_group(installed: DebianRoot) -> None:
    entry = installed.run("getent", "passwd", "kiosk").stdout.strip().split(":")
    assert entry[5] == "/var/lib/kiosk"
    assert entry[6] == "/usr/sbin/nologin"
    assert int(entry[2]) < 1000  # a system user
    groups = set(installed.run("id", "-nG", "kiosk").stdout.split())
    assert groups == {"kiosk", "kiosk-devices"}


def test_code_is_root_owned_and_read_only(installed: DebianRoot) -> None:
    assert installed.stat("/opt/kiosk") == ("root", "root", "755")
    # Anything under /opt/kiosk not owned by root or writable by others than its owner:
    loose = installed.run(
        "find",
        "/opt/kiosk",
        "!",
        "-type",
        "l",
        "(",
        "!",
        "-user",
        "root",
        "-o",
        "-perm",
        "/022",
        ")",
    ).stdout.split()
    assert loose == []


def test_state_and_settings_dirs_belong_to_whom_they_should(installed: DebianRoot) -> None:
    assert installed.stat("/var/lib/kiosk") == ("kiosk", "kiosk", "750")
    assert installed.stat("/etc/kiosk") == ("kiosk", "kiosk", "750")
    # No settings file: that is how the app knows the kiosk is not provisioned yet.
    assert not (installed / "etc/kiosk/kiosk.toml").exists()
    example = (installed / "usr/share/kiosk/kiosk.toml.example").read_text(encoding="utf-8")
    assert tomllib.loads(example)["devices"]["id_reader"]["port"] == "/dev/kiosk/id-reader"


def test_the_lockdown_files_are_installed(installed: DebianRoot) -> None:
    logind = (installed / "usr/lib/systemd/logind.conf.d/kiosk.conf").read_text()
    assert "NAutoVTs=0" in logind and "HandlePowerKey=ignore" in logind
    # sysctl.d files apply in the order of their names, wherever they are: the last to set
    # kernel.sysrq wins (a dangling link, such as 99-sysctl.conf without procps, sets nothing).
    setting = sorted(
        (conf.name, conf.read_text())
        for folder in ("usr/lib/sysctl.d", "etc/sysctl.d")
        for conf in (installed / folder).glob("*.conf")
        if conf.is_file() and "kernel.sysrq" in conf.read_text()
    )[-1]
    assert setting == ("90-kiosk.conf", (CHECKOUT / "packaging/sysctl/90-kiosk.conf").read_text())
    manager = installed.run("systemd-analyze", "cat-config", "systemd/system.conf").stdout
    assert "CtrlAltDelBurstAction=none" in manager
    journald = installed.run("systemd-analyze", "cat-config", "systemd/journald.conf").stdout
    assert "SystemMaxUse=400M" in journald
    assert (installed / "usr/share/polkit-1/rules.d/50-kiosk-reboot.rules").is_file()


def test_the_app_runs_from_its_environment_as_the_kiosk_user(installed: DebianRoot) -> None:
    with step("kiosk --help in the root"):
        result = installed.run("/opt/kiosk/.venv/bin/kiosk", "--help", user="kiosk")
    assert "doctor" in result.stdout
    # Qt's widgets load with the system libraries the package depends on and nothing else.
    qt = (
        "from PySide6.QtWidgets import QApplication, QLabel; app = QApplication([]); "
        "label = QLabel('政务服务'); label.show(); app.processEvents(); print('qt ok')"
    )
    env = {"QT_QPA_PLATFORM": "offscreen", "HOME": "/var/lib/kiosk"}
    python = "/opt/kiosk/.venv/bin/python"
    assert installed.run(python, "-c", qt, user="kiosk", env=env).stdout.strip() == "qt ok"


def test_the_doctor_runs_and_names_the_stable_device_paths(installed: DebianRoot) -> None:
    # Not provisioned, the kiosk has no settings; the doctor is given the least a kiosk has.
    (installed / "tmp/doctor.toml").write_text('[terminal]\nid = "GZ0001"\n')
    env = {**KIOSK_ENV, "KIOSK_CONFIG": "/tmp/doctor.toml"}
    with step("kiosk doctor in the root"):
        result = installed.try_run("kiosk", "doctor", user="kiosk", env=env)
    lines = result.stdout.splitlines()
    # No devices in a chroot: the doctor fails (exit 1) but every check says its piece.
    assert result.returncode == 1, result.stdout + result.stderr
    assert any(line.startswith("OK   database") for line in lines), result.stdout
    reader = next(line for line in lines if " id card reader: " in line)
    assert "/dev/kiosk/id-reader is missing" in reader
    assert "1a86:7523" in reader


def test_the_udev_rules_parse(installed: DebianRoot) -> None:
    """systemd 252 has no `udevadm verify`; `udevadm test` reads every rules file and names
    each line it cannot parse."""
    with step("udevadm test"):
        result = installed.try_run("udevadm", "test", "/sys/class/tty/tty1")
    output = result.stdout + result.stderr
    assert "70-kiosk-devices.rules" in output, output[-2000:]
    problems = [line for line in output.splitlines() if "70-kiosk-devices.rules" in line]
    assert [line for line in problems if "Reading rules file" not in line] == []


def test_secrets_are_kept_from_other_users_after_provisioning(installed: DebianRoot) -> None:
    if installed.try_run("kiosk", "provision", "--help").returncode != 0:
        pytest.skip("this package has no `kiosk provision` yet (the provisioning branch adds it)")
    bundle = _provisioning_bundle(installed)
    with step("kiosk provision in the root"):
        trusted = {**KIOSK_ENV, "KIOSK_PROVISIONING_KEYS": "/tmp/provisioning.pub"}
        installed.run("kiosk", "provision", f"/tmp/{bundle.name}", env=trusted)
    assert installed.stat("/var/lib/kiosk/keys") == ("kiosk", "kiosk", "700")
    keys = installed.run("find", "/var/lib/kiosk/keys", "-type", "f").stdout.split()
    assert keys
    for key in keys:
        assert installed.stat(key) == ("kiosk", "kiosk", "600"), key
    settings = installed.run("find", "/etc/kiosk", "-type", "f").stdout.split()
    assert "/etc/kiosk/kiosk.toml" in settings
    for path in settings:
        assert installed.stat(path) == ("kiosk", "kiosk", "640"), path
    for directory in installed.run("find", "/etc/kiosk", "-type", "d").stdout.split():
        assert installed.stat(directory) == ("kiosk", "kiosk", "750"), directory


def test_remove_keeps_state_and_unmasks(installed: DebianRoot) -> None:
    (installed / "var/lib/kiosk/kept").write_text("queue")
    installed.run(
        "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "remove", "-y", "-qq", "kiosk"
    )
    assert (installed / "var/lib/kiosk/kept").exists()
    assert (installed / "etc/kiosk").is_dir()
    assert not (installed / "etc/systemd/system/ctrl-alt-del.target").exists()
    assert not (installed / "opt/kiosk/.venv").exists()


def test_purge_removes_state(installed: DebianRoot) -> None:
    installed.run("dpkg", "--purge", "kiosk")
    assert not (installed / "var/lib/kiosk").exists()
    assert not (installed / "etc/kiosk").exists()


def _provisioning_bundle(root: DebianRoot) -> Path:
    """The province's side, done with this checkout's own environment (it has the platform's
    extra): a provisioning key the root is told to trust, the platform's keys, a CA, and the signed
    bundle for one terminal, copied into the root's /tmp."""
    work = CHECKOUT / "var" / "build" / "packaging" / "province"
    run(["rm", "-rf", str(work)])
    work.mkdir(parents=True)
    kiosk = ["uv", "run", "--frozen", "kiosk"]
    run([*kiosk, "platform", "provisioning-key", "--out", str(work / "key")], cwd=CHECKOUT)
    # Trusted through $KIOSK_PROVISIONING_KEYS: /etc/kiosk holds only what provisioning writes.
    (root / "tmp/provisioning.pub").write_bytes((work / "key/provisioning.pub").read_bytes())
    keys = str(work / "platform-keys")
    init = ["init", "--db", f"sqlite:///{work}/platform.db", "--keys", keys]
    run([*kiosk, "platform", *init], cwd=CHECKOUT)
    ca = work / "ca.pem"
    ca.write_text(rsa_ca_pem(), encoding="ascii")
    bundle = work / "GZ0001.kiosk-provision"
    terminal = ["--terminal", "GZ0001", "--hall", "测试大厅", "--region", "440100"]
    platform = [
        "--url",
        "https://platform.example.gov.cn",
        "--ca",
        str(ca),
        "--platform-keys",
        keys,
    ]
    signing = ["--key", str(work / "key/provisioning.key"), "--out", str(bundle)]
    run([*kiosk, "platform", "provisioning-bundle", *terminal, *platform, *signing], cwd=CHECKOUT)
    (root / "tmp" / bundle.name).write_bytes(bundle.read_bytes())
    return bundle
