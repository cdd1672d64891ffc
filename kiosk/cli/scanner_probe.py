"""The configured QR scanner as a technician meets it: what it is, whether it opens, and when
it does not, what to check, in words; for `kiosk doctor` and `kiosk device scan`."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.cli.doctor_checks import Check
from kiosk.config import (
    CameraScannerSettings,
    HidScannerSettings,
    KioskSettings,
    QrScannerSettings,
    SerialScannerSettings,
)
from kiosk.device_table import missing_stable_device

if TYPE_CHECKING:
    from drivers.qr import ScannerFault

SCANNER_CHECK = "qr scanner"


def described(settings: QrScannerSettings) -> dict[str, object]:
    """The scanner's kind and where it is (port, device or source), for JSON."""
    return settings.model_dump(include={"kind", "port", "baudrate", "device", "source"})


def label(settings: QrScannerSettings) -> str:
    if isinstance(settings, SerialScannerSettings):
        return f"serial scanner on {settings.port}"
    if isinstance(settings, HidScannerSettings):
        return f"USB keyboard-mode scanner on {settings.device}"
    if isinstance(settings.source, int):
        return f"camera {settings.source} (/dev/video{settings.source})"
    return f"camera {settings.source}"


def missing_device(settings: QrScannerSettings) -> str | None:
    """What is wrong before the scanner is even opened: a device node that is not there or
    cannot be read; None when nothing is."""
    node = _node_of(settings)
    if node is not None and (missing := missing_stable_device(node)) is not None:
        return f"{label(settings)}: {missing}"
    if isinstance(settings, HidScannerSettings):
        return _node_problem(
            Path(settings.device),
            f"{label(settings)}: no such device; check the scanner's USB cable and that "
            "[devices.qr_scanner] device names it (ls -l /dev/input/by-id/ lists the keyboards "
            "plugged in; a scanner's name ends in -event-kbd)",
        )
    if isinstance(settings, CameraScannerSettings) and _is_device_path(settings.source):
        return _node_problem(
            Path(str(settings.source)),
            f"{label(settings)}: no such camera; check the camera's USB cable and that "
            "[devices.qr_scanner] source names it (v4l2-ctl --list-devices lists the cameras)",
        )
    return None


def advice(settings: QrScannerSettings, fault: ScannerFault) -> str:
    """What a technician should check after the scanner failed to open or to deliver."""
    detail = f" ({fault.detail})" if fault.detail else ""
    if isinstance(settings, SerialScannerSettings):
        fix = (
            "check the scanner's USB cable, that [devices.qr_scanner] port names it "
            "(ls -l /dev/serial/by-id/) and that the kiosk's user is in the dialout group"
        )
    elif isinstance(settings, HidScannerSettings):
        fix = (
            "check the scanner's USB cable, that no other program holds the device "
            "and that the kiosk's user may read it (the input group, or a udev rule)"
        )
    else:
        fix = (
            "the camera does not open or delivers no picture; check the camera's USB cable, that "
            "[devices.qr_scanner] source names it (v4l2-ctl --list-devices), that no other "
            "program uses it and that the kiosk's user is in the video group"
        )
    return f"{label(settings)}: {fix}{detail}"


def scanner_check(settings: KioskSettings, simulated: bool) -> Check:
    """The doctor's line: the scanner opens (a camera delivers a frame), or what to check."""
    from drivers.qr import ScannerFault
    from kiosk.wiring.devices import build_scanner

    if simulated:
        return Check(SCANNER_CHECK, True, "simulated serial scanner on a pseudo-terminal")
    scanner_settings = settings.devices.qr_scanner
    if scanner_settings is None:
        return Check(
            SCANNER_CHECK, True, "none configured (add [devices.qr_scanner] if the kiosk has one)"
        )
    problem = missing_device(scanner_settings)
    if problem is not None:
        return Check(SCANNER_CHECK, False, problem)
    quiet_opencv()
    scanner = build_scanner(scanner_settings)
    try:
        result = scanner.read(0.0)  # opens it; a camera reads one frame
    finally:
        scanner.close()
    if isinstance(result, ScannerFault):
        return Check(SCANNER_CHECK, False, advice(scanner_settings, result))
    works = "delivers pictures" if isinstance(scanner_settings, CameraScannerSettings) else "opens"
    return Check(SCANNER_CHECK, True, f"{label(scanner_settings)}: {works}")


def quiet_opencv() -> None:
    """OpenCV prints its own warnings for a camera it cannot open; the technician gets ours."""
    os.environ.setdefault("OPENCV_LOG_LEVEL", "ERROR")  # read when cv2 is first imported


def _node_of(settings: QrScannerSettings) -> str | None:
    """The device node the scanner's settings name, if they name one."""
    if isinstance(settings, SerialScannerSettings):
        return settings.port
    if isinstance(settings, HidScannerSettings):
        return settings.device
    return str(settings.source) if _is_device_path(settings.source) else None


def _is_device_path(source: int | str) -> bool:
    return isinstance(source, str) and source.startswith("/dev/")


def _node_problem(path: Path, missing: str) -> str | None:
    if not path.exists():
        return missing
    if not os.access(path, os.R_OK):
        return (
            f"{path}: the kiosk's user may not read it; add the user to the group that owns it "
            f"(ls -l {path}) or install a udev rule for the device"
        )
    return None
