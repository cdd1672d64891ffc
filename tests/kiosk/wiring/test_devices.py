"""The kiosk opens the QR scanner its settings name (serial, HID or camera), or simulates the
kind asked for, and the real drivers read codes from it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import pytest

from drivers.qr import NothingScanned, Scanned, ScannerFault, ScannerSimulator
from drivers.qr.render import code_in_view, empty_view
from kiosk.config import KioskSettings
from kiosk.wiring.devices import DEMO_CASE_NUMBER, Devices, SimulatedScanner, open_devices
from tests.helpers.qr_degrade import write_clip

CASE_URL = "https://zwfw.example.gov.cn/progress?case=T3F9A0C21-20261123-000042"
# Generous: a read returns as soon as a code is complete; this only bounds a broken one.
READ_TIMEOUT = 5.0


def settings(tmp_path: Path, qr_scanner: dict[str, Any] | None = None) -> KioskSettings:
    devices: dict[str, Any] = {"printer": {"uri": ""}}
    if qr_scanner is not None:
        devices["qr_scanner"] = qr_scanner
    return KioskSettings.model_validate({"data_dir": tmp_path / "data", "devices": devices})


@pytest.fixture
def opened() -> Iterator[list[Devices]]:
    """Closes whatever a test opened."""
    devices: list[Devices] = []
    yield devices
    for each in devices:
        each.close()


def open_for(opened: list[Devices], *args: Any) -> Devices:
    devices = open_devices(*args)
    opened.append(devices)
    return devices


def test_without_a_scanner_section_no_scanner_is_opened(
    tmp_path: Path, opened: list[Devices]
) -> None:
    devices = open_for(opened, settings(tmp_path), False)
    assert (devices.qr_scanner, devices.camera) == (None, None)


def test_a_serial_scanner_is_read_on_its_port(tmp_path: Path, opened: list[Devices]) -> None:
    with ScannerSimulator() as simulator:
        config = settings(tmp_path, {"kind": "serial", "port": simulator.path})
        scanner = open_for(opened, config, False).qr_scanner
        assert scanner is not None
        scanner.flush()
        simulator.scan(CASE_URL)
        assert scanner.read(READ_TIMEOUT) == Scanned(CASE_URL)


def test_a_hid_scanner_is_opened_on_its_device_and_grabbed(
    tmp_path: Path, opened: list[Devices]
) -> None:
    fifo = tmp_path / "event-kbd"
    os.mkfifo(fifo)
    scanner = open_for(opened, settings(tmp_path, {"kind": "hid", "device": str(fifo)}), False)
    assert scanner.qr_scanner is not None

    result = scanner.qr_scanner.read(0.01)

    # The wiring asked for the grab; a FIFO, unlike an evdev node, refuses it.
    assert isinstance(result, ScannerFault)
    assert f"cannot grab {fifo}" in result.detail


def test_a_camera_is_read_from_its_source_at_the_configured_size(
    tmp_path: Path, opened: list[Devices]
) -> None:
    clip = write_clip(tmp_path / "held-up.avi", [empty_view(), *[code_in_view(CASE_URL)] * 3])
    config = settings(tmp_path, {"kind": "camera", "source": str(clip)})
    devices = open_for(opened, config, False)
    assert devices.qr_scanner is not None and devices.camera is not None

    assert devices.qr_scanner.read(READ_TIMEOUT) == Scanned(CASE_URL)
    frame = devices.camera.latest_frame()  # what a live preview shows
    assert frame is not None and frame.shape == (480, 640, 3)


def test_a_simulated_kiosk_has_a_serial_scanner_unless_told_otherwise(
    tmp_path: Path, opened: list[Devices]
) -> None:
    devices = open_for(opened, settings(tmp_path), True)
    assert devices.qr_scanner is not None and devices.scan_simulator is not None
    devices.qr_scanner.flush()

    devices.scan_simulator.scan(CASE_URL)

    assert devices.qr_scanner.read(READ_TIMEOUT) == Scanned(CASE_URL)


def test_a_simulated_hid_scanner_types_input_events_the_real_driver_reads(
    tmp_path: Path, opened: list[Devices]
) -> None:
    devices = open_for(opened, settings(tmp_path), True, SimulatedScanner("hid"))
    assert devices.qr_scanner is not None and devices.scan_simulator is not None
    devices.qr_scanner.flush()
    assert devices.qr_scanner.read(0.01) == NothingScanned()

    devices.scan_simulator.scan(CASE_URL)

    assert devices.qr_scanner.read(READ_TIMEOUT) == Scanned(CASE_URL)


def test_a_simulated_camera_without_input_shows_a_receipts_lookup_code(
    tmp_path: Path, opened: list[Devices]
) -> None:
    config = settings(tmp_path)
    devices = open_for(opened, config, True, SimulatedScanner("camera"))
    assert devices.qr_scanner is not None and devices.camera is not None

    expected = config.platform.lookup_url.format(case_number=DEMO_CASE_NUMBER)
    assert devices.qr_scanner.read(READ_TIMEOUT) == Scanned(expected)


def test_a_simulated_camera_plays_a_clip(tmp_path: Path, opened: list[Devices]) -> None:
    clip = write_clip(tmp_path / "clip.avi", [code_in_view(CASE_URL)] * 2)
    devices = open_for(opened, settings(tmp_path), True, SimulatedScanner("camera", clip))
    assert devices.qr_scanner is not None
    assert devices.qr_scanner.read(READ_TIMEOUT) == Scanned(CASE_URL)


def test_a_simulated_camera_plays_a_folder_of_images(tmp_path: Path, opened: list[Devices]) -> None:
    folder = tmp_path / "frames"
    folder.mkdir()
    cv2.imwrite(str(folder / "01.png"), empty_view())
    cv2.imwrite(str(folder / "02.png"), code_in_view(CASE_URL))
    devices = open_for(opened, settings(tmp_path), True, SimulatedScanner("camera", folder))
    assert devices.qr_scanner is not None
    assert devices.qr_scanner.read(READ_TIMEOUT) == Scanned(CASE_URL)


def test_camera_input_is_only_for_a_simulated_camera(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="camera_input is for a simulated camera"):
        SimulatedScanner("hid", tmp_path)


def test_a_simulated_camera_needs_a_clip_or_a_folder_with_images(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="neither a video file nor a folder of images"):
        SimulatedScanner("camera", tmp_path / "missing.avi")
    with pytest.raises(ValueError, match="holds no images"):
        SimulatedScanner("camera", tmp_path)
