"""QR symbols drawn as images (the simulated camera's frames, the tests' and benchmarks'
degraded ones): one pixel per module, by OpenCV's encoder, as domestic generators encode."""

from __future__ import annotations

from typing import Literal

import cv2
import numpy as np
from numpy.typing import NDArray

# ISO/IEC 18004 asks for a 4-module light margin around the symbol.
QUIET_ZONE_MODULES = 4


_CORRECTION = {"L": cv2.QRCODE_ENCODER_CORRECT_LEVEL_L, "M": cv2.QRCODE_ENCODER_CORRECT_LEVEL_M}


def render_qr(
    payload: str, *, eci: bool = False, correction: Literal["L", "M"] = "M"
) -> NDArray[np.uint8]:
    """The symbol at one pixel per module (0 dark, 255 light) with a 4-module quiet zone.

    The payload goes in as UTF-8 in byte mode, error correction level M (what receipt and
    government app generators use); L holds a fifth more, for a long code shown on a clean
    screen or sheet (a provisioning bundle). With ``eci`` the symbol starts with ECI 26
    (UTF-8); without it, as most generators do, a decoder has to guess the character set,
    which is where zbar's default Shift-JIS guess garbles Chinese.
    """
    params = cv2.QRCodeEncoder.Params()
    params.mode = cv2.QRCODE_ENCODER_MODE_ECI if eci else cv2.QRCODE_ENCODER_MODE_BYTE
    params.correction_level = _CORRECTION[correction]
    image = np.asarray(cv2.QRCodeEncoder.create(params).encode(payload), dtype=np.uint8)
    # OpenCV's margin is 2 modules; cut the symbol out by its dark modules and add our own.
    rows = np.flatnonzero((image == 0).any(axis=1))
    cols = np.flatnonzero((image == 0).any(axis=0))
    symbol = image[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    q = QUIET_ZONE_MODULES
    return np.asarray(
        cv2.copyMakeBorder(symbol, q, q, q, q, cv2.BORDER_CONSTANT, value=255), dtype=np.uint8
    )


def code_in_view(
    payload: str, frame_size: tuple[int, int] = (640, 480), *, grey: int = 140
) -> NDArray[np.uint8]:
    """A BGR frame of ``frame_size`` (width, height) showing the code on a plain ``grey``
    background, filling half the frame's height: a phone held up to the camera."""
    width, height = frame_size
    symbol = render_qr(payload)
    scale = max(1, (height // 2) // symbol.shape[0])
    big = cv2.resize(symbol, None, fx=scale, fy=scale, interpolation=cv2.INTER_NEAREST)
    frame = empty_view(frame_size, grey=grey)
    top, left = (height - big.shape[0]) // 2, (width - big.shape[1]) // 2
    frame[top : top + big.shape[0], left : left + big.shape[1]] = big[:, :, np.newaxis]
    return frame


def empty_view(frame_size: tuple[int, int] = (640, 480), *, grey: int = 140) -> NDArray[np.uint8]:
    """A BGR frame of ``frame_size`` (width, height) with nothing in it."""
    width, height = frame_size
    return np.full((height, width, 3), grey, dtype=np.uint8)
