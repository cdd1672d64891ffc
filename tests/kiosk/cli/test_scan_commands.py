"""`kiosk device scan` reads one code from whichever scanner the settings name, and `kiosk
doctor` checks that scanner; both tell a technician what to check when it is not there."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from drivers.qr import HidQrScanner, ScannerSimulator
from drivers.qr.hid_scanner import EVIOCGRAB
from drivers.qr.hid_simulator import HidScannerSimulator
from drivers.qr.render import code_in_view, empty_view
from kiosk.cli.main import main
from kiosk.cli.scanner_probe import SCANNER_CHECK, scanner_check
from kiosk.config import load_settings
from kiosk.wiring import devices
from tests.helpers.qr_degrade import write_clip

CASE_URL = "https://zwfw.example.gov.cn/progress?case=T3F9A0C21-20261123-000042"


def scanner_config(tmp_path: Path, section: str | None) -> Path:
    config = tmp_path / "scanner.toml"
    text = '[devices.printer]\nuri = ""\n'
    if section is not None:
        text += f"\n[devices.qr_scanner]\n{section}\n"
    config.write_text(text, encoding="utf-8")
    return config


def command(config: Path, *args: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "kiosk.cli.main",
        "device",
        "scan",
        *args,
        "--config",
        str(config),
    ]


def scan(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(config, *args), capture_output=True, text=True, timeout=60, check=False
    )


def assert_told_in_words(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr


@pytest.fixture
def missing_camera(tmp_path: Path) -> Path:
    unplugged = "/dev/v4l/by-id/usb-Kiosk_Test_Camera-video-index0"
    return scanner_config(tmp_path, f'kind = "camera"\nsource = "{unplugged}"')


@pytest.fixture
def missing_hid(tmp_path: Path) -> Path:
    return scanner_config(tmp_path, f'kind = "hid"\ndevice = "{tmp_path}/by-id/usb-scanner-kbd"')


# -- a code from each kind of scanner ----------------------------------------------------------


def test_a_camera_reads_a_code_from_a_recorded_clip(tmp_path: Path) -> None:
    clip = write_clip(tmp_path / "held-up.avi", [empty_view(), *[code_in_view(CASE_URL)] * 3])
    config = scanner_config(tmp_path, f'kind = "camera"\nsource = "{clip}"')

    result = scan(config, "--json")

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "text": CASE_URL,
        "scanner": {"kind": "camera", "source": str(clip)},
    }


def test_a_serial_scanner_prints_the_code_it_sends(tmp_path: Path) -> None:
    with ScannerSimulator() as simulator:
        config = scanner_config(tmp_path, f'kind = "serial"\nport = "{simulator.path}"')
        process = subprocess.Popen(
            command(config, "--json"), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        # The port drops what came before it was opened: send until the command has one.
        while process.poll() is None:
            simulator.scan(CASE_URL)
            time.sleep(0.05)
        stdout, stderr = process.communicate()

    assert process.returncode == 0, stderr
    assert json.loads(stdout) == {
        "text": CASE_URL,
        "scanner": {"kind": "serial", "port": simulator.path, "baudrate": 9600},
    }


def test_a_hid_scanner_prints_the_code_typed_and_grabs_the_device(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    grabs: list[tuple[int, int]] = []

    def ioctl(fd: int, request: int, arg: int) -> int:
        grabs.append((request, arg))  # a FIFO refuses EVIOCGRAB; an evdev node takes it
        return 0

    monkeypatch.setattr(devices, "HidQrScanner", functools.partial(HidQrScanner, ioctl=ioctl))
    with HidScannerSimulator() as simulator:
        simulator.scan(CASE_URL)  # waits in the FIFO until the command reads it
        config = scanner_config(tmp_path, f'kind = "hid"\ndevice = "{simulator.path}"')
        code = main(["device", "scan", "--json", "--config", str(config)])
        device = simulator.path

    assert code == 0
    assert json.loads(capsys.readouterr().out) == {
        "text": CASE_URL,
        "scanner": {"kind": "hid", "device": device},
    }
    assert grabs == [(EVIOCGRAB, 1)]


def test_nothing_scanned_in_time_exits_1_saying_so(tmp_path: Path) -> None:
    with ScannerSimulator() as simulator:
        config = scanner_config(tmp_path, f'kind = "serial"\nport = "{simulator.path}"')
        result = scan(config, "--timeout", "0.2")
    assert_told_in_words(result, "nothing scanned within 0.2 s")


def test_no_scanner_configured_is_said(tmp_path: Path) -> None:
    result = scan(scanner_config(tmp_path, None))
    assert_told_in_words(result, "no QR scanner configured", "[devices.qr_scanner]")


# -- a scanner that is not there -----------------------------------------------------------------


def test_an_unplugged_camera_is_reported_in_words(missing_camera: Path) -> None:
    assert_told_in_words(scan(missing_camera), "no such camera", "check the camera's USB cable")


def test_a_missing_hid_device_is_reported_in_words(missing_hid: Path) -> None:
    assert_told_in_words(scan(missing_hid), "no such device", "check the scanner's USB cable")


def test_a_camera_that_does_not_open_is_reported_at_once_in_words(tmp_path: Path) -> None:
    config = scanner_config(tmp_path, f'kind = "camera"\nsource = "{tmp_path}/no-clip.avi"')
    assert_told_in_words(
        scan(config, "--timeout", "600"), "the camera does not open", "check the camera's USB cable"
    )


def doctor_line(config: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    return scanner_check(load_settings(), simulated=False)


def test_the_doctor_reports_an_unplugged_camera_in_words(
    missing_camera: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = doctor_line(missing_camera, monkeypatch)
    assert (check.name, check.ok) == (SCANNER_CHECK, False)
    assert "no such camera; check the camera's USB cable" in check.detail


def test_the_doctor_reports_a_missing_hid_device_in_words(
    missing_hid: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = doctor_line(missing_hid, monkeypatch)
    assert not check.ok
    assert "no such device; check the scanner's USB cable" in check.detail


def test_the_doctor_finds_a_camera_that_delivers_pictures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clip = write_clip(tmp_path / "hall.avi", [empty_view()] * 2)
    check = doctor_line(
        scanner_config(tmp_path, f'kind = "camera"\nsource = "{clip}"'), monkeypatch
    )
    assert check.ok, check.detail
    assert "delivers pictures" in check.detail


def test_the_doctor_opens_a_serial_scanners_port_or_says_what_to_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with ScannerSimulator() as simulator:
        present = doctor_line(
            scanner_config(tmp_path, f'kind = "serial"\nport = "{simulator.path}"'), monkeypatch
        )
    absent = doctor_line(
        scanner_config(tmp_path, f'kind = "serial"\nport = "{tmp_path}/ttyACM9"'), monkeypatch
    )

    assert present.ok, present.detail
    assert present.detail == f"serial scanner on {simulator.path}: opens"
    assert not absent.ok
    assert "check the scanner's USB cable" in absent.detail


def test_the_doctor_says_when_no_scanner_is_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    check = doctor_line(scanner_config(tmp_path, None), monkeypatch)
    assert check.ok
    assert "none configured" in check.detail


def test_the_doctor_prints_the_scanner_line(missing_hid: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", "doctor", "--config", str(missing_hid)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "KIOSK_PLATFORM__URL": "http://127.0.0.1:9"},
    )
    assert result.returncode == 1
    assert f"FAIL {SCANNER_CHECK}: USB keyboard-mode scanner on" in result.stdout


# -- kiosk run's scanner simulation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["--simulate-camera", "missing.avi"], "neither a video file nor a folder of images"),
        (["--simulate-scanner", "hid", "--simulate-camera", "."], "not a hid scanner"),
    ],
)
def test_run_refuses_a_camera_simulation_it_cannot_play_before_starting_anything(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    problem: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["run", *args]) == 2
    assert problem in capsys.readouterr().err
    assert not (tmp_path / "data").exists()  # no database, no simulated platform
