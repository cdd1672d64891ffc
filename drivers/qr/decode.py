"""Finding and decoding a QR code in a camera frame (摄像头扫码): the decoders the kiosk can use.

Every decoder takes one frame (a grayscale or BGR ``uint8`` array, as OpenCV delivers it) and
returns the code's text, or None when it finds no readable code. None is the normal answer for
most camera frames, so it is a value, never an exception, and a broken frame (empty, wrong
type) is just another frame without a code.

All of them read the code's raw bytes and turn them into text with ``decode_code`` (UTF-8,
else GB18030), the same rule the serial scanner applies, instead of trusting a library's own
character-set guess: zbar guesses Shift-JIS for UTF-8 Chinese without an ECI header, and
zxing-cpp's ``.text`` misreads some short Chinese payloads.

``LayeredDecoder`` is the one the kiosk uses: zxing-cpp on the frame as it is and, only when
that finds nothing but the frame looks as if it may show a code, zxing-cpp again on shrunken
copies and a few cheap clean-ups of the frame. Measured on the generated set of
``tests.helpers.qr_degrade`` with ``benchmarks/qr_decoders.py``, which also shows why no second
library is in it and what a frame without a code costs.

Decoder objects keep native state (a zbar scanner, an OpenCV detector): use one per thread.
"""

from __future__ import annotations

import ctypes
import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from os import PathLike
from typing import Any, Protocol, TypeAlias

import cv2
import numpy as np
import zxingcpp
from numpy.typing import NDArray

from drivers.qr.busy_patch import shows_busy_patch
from drivers.qr.serial_scanner import decode_code

logger = logging.getLogger(__name__)

Frame: TypeAlias = NDArray[np.uint8]
"""A camera frame: ``(h, w)`` grayscale or ``(h, w, 3)`` BGR, ``uint8``."""

Preprocess: TypeAlias = Callable[[Frame], Frame]
"""A clean-up of a grayscale frame, giving another grayscale frame."""


class QrDecoder(Protocol):
    """Finds one QR code in a frame and returns its text, or None if there is none to read."""

    def decode(self, image: Frame) -> str | None:
        """The text of a QR code in ``image``; None for no code, an unreadable one, or a
        frame that is not an image at all. Never raises for what the camera delivers."""
        ...


def to_gray(image: Any) -> Frame | None:
    """``image`` as a contiguous grayscale ``uint8`` array; None if it is not an image."""
    if not isinstance(image, np.ndarray) or image.dtype != np.uint8 or image.size == 0:
        return None
    if image.ndim == 2:
        return np.ascontiguousarray(image)
    if image.ndim == 3 and image.shape[2] == 1:
        return np.ascontiguousarray(image[:, :, 0])
    if image.ndim == 3 and image.shape[2] == 3:
        return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
    if image.ndim == 3 and image.shape[2] == 4:
        return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGRA2GRAY), dtype=np.uint8)
    return None


def _text(raw: bytes) -> str | None:
    """A code's text from its bytes; an empty code counts as none."""
    return decode_code(raw) if raw else None


# -- single libraries ------------------------------------------------------------------------


@dataclass(frozen=True)
class ZxingRead:
    """What one zxing-cpp pass saw: the code's text, or whether it found a symbol (finder
    patterns and a grid) that it could not decode."""

    text: str | None
    undecoded: bool


class ZxingDecoder:
    """zxing-cpp, QR only; the text comes from the symbol's bytes, not from ``.text``.

    ``try_downscale`` also searches shrunken copies of the frame, which finds big and blurred
    codes; ``try_invert`` also tries light-on-dark codes (phones in dark mode), and doubles
    the work on frames without a code. ``try_rotate`` only matters for 1-D barcodes: a QR
    code's finder patterns already give its orientation.
    """

    def __init__(
        self,
        *,
        try_downscale: bool = True,
        try_invert: bool = False,
        binarizer: zxingcpp.Binarizer = zxingcpp.Binarizer.LocalAverage,
    ) -> None:
        self._options: dict[str, Any] = {
            "formats": zxingcpp.BarcodeFormat.QRCode,
            "try_rotate": False,
            "try_downscale": try_downscale,
            "try_invert": try_invert,
            "binarizer": binarizer,
            # Symbols found but not decoded come back too (``valid`` False): free, and a
            # sign that a cleaned-up frame may read.
            "return_errors": True,
        }

    def decode(self, image: Frame) -> str | None:
        return self.read(image).text

    def read(self, image: Frame) -> ZxingRead:
        """The code's text, and whether zxing-cpp found a symbol it could not decode."""
        gray = to_gray(image)
        if gray is None:
            return ZxingRead(None, undecoded=False)
        try:
            barcodes = zxingcpp.read_barcodes(gray, **self._options)
        except (RuntimeError, ValueError) as error:  # an image zxing-cpp cannot take
            logger.debug("zxing-cpp refused a frame: %s", error)
            return ZxingRead(None, undecoded=False)
        for barcode in barcodes:
            if barcode.valid:
                text = _text(bytes(barcode.bytes))
                if text is not None:
                    return ZxingRead(text, undecoded=False)
        return ZxingRead(None, undecoded=bool(barcodes))


class ZbarDecoder:
    """zbar through pyzbar's ctypes bindings, QR only, with ZBAR_CFG_BINARY on.

    Without that setting zbar converts the payload to text itself and, for UTF-8 Chinese
    without an ECI header, guesses Shift-JIS: the result is valid but wrong text. With it
    zbar hands over the raw bytes (zbar ≥ 0.23), which ``decode_code`` turns into text.
    ``binary=False`` keeps zbar's own conversion, for comparison only.

    pyzbar's ``decode`` cannot set the option and reads only the blue channel of a colour
    image, so this drives the library directly. One scanner is kept per decoder.
    """

    # fourcc "Y800": 8-bit grayscale, one byte per pixel
    _Y800 = ord("Y") | ord("8") << 8 | ord("0") << 16 | ord("0") << 24

    def __init__(self, *, binary: bool = True, test_inverted: bool = False) -> None:
        from pyzbar import wrapper

        self._zbar = wrapper
        self._scanner = wrapper.zbar_image_scanner_create()
        # Symbology 0 addresses all of them: switch everything off, then QR back on.
        wrapper.zbar_image_scanner_set_config(self._scanner, 0, wrapper.ZBarConfig.CFG_ENABLE, 0)
        wrapper.zbar_image_scanner_set_config(
            self._scanner, wrapper.ZBarSymbol.QRCODE, wrapper.ZBarConfig.CFG_ENABLE, 1
        )
        self.binary = binary and self._configure(b"qrcode.binary")
        if binary and not self.binary:
            logger.warning("this zbar has no binary mode; Chinese codes may come out garbled")
        if test_inverted:
            self._configure(b"test-inverted")

    def _configure(self, setting: bytes) -> bool:
        """Apply a zbar config string; the library parses it, so the numeric ids come from
        the installed version (pyzbar's enum predates ZBAR_CFG_BINARY)."""
        symbology, config, value = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
        zbar = self._zbar
        if zbar.zbar_parse_config(
            setting, ctypes.byref(symbology), ctypes.byref(config), ctypes.byref(value)
        ):
            return False
        return not zbar.zbar_image_scanner_set_config(
            self._scanner, symbology.value, config.value, value.value
        )

    def decode(self, image: Frame) -> str | None:
        gray = to_gray(image)
        if gray is None:
            return None
        zbar = self._zbar
        height, width = gray.shape
        zimage = zbar.zbar_image_create()
        try:
            zbar.zbar_image_set_format(zimage, self._Y800)
            zbar.zbar_image_set_size(zimage, width, height)
            # zbar reads the pixels in place; ``gray`` outlives the scan, so no cleanup hook.
            zbar.zbar_image_set_data(zimage, gray.ctypes.data, gray.nbytes, None)
            if zbar.zbar_scan_image(self._scanner, zimage) <= 0:
                return None
            symbol = zbar.zbar_image_first_symbol(zimage)
            while symbol:
                length = zbar.zbar_symbol_get_data_length(symbol)
                raw = ctypes.string_at(zbar.zbar_symbol_get_data(symbol), length)
                text = _text(raw)
                if text is not None:
                    return text
                symbol = zbar.zbar_symbol_next(symbol)
            return None
        finally:
            zbar.zbar_image_destroy(zimage)

    def __del__(self) -> None:
        scanner, self._scanner = getattr(self, "_scanner", None), None
        if scanner:
            self._zbar.zbar_image_scanner_destroy(scanner)


class OpenCvDecoder:
    """OpenCV's ``QRCodeDetector``, or with ``aruco`` the ``QRCodeDetectorAruco`` variant
    (finder patterns located with the ArUco machinery: finds more, costs more).

    Uses ``detectAndDecodeBytes`` so the character set is ours to decide. OpenCV raises for
    some codes it cannot handle (several segments with an ECI header); those count as none.
    """

    def __init__(self, *, aruco: bool = False) -> None:
        self._detector: Any = cv2.QRCodeDetectorAruco() if aruco else cv2.QRCodeDetector()

    def decode(self, image: Frame) -> str | None:
        gray = to_gray(image)
        if gray is None:
            return None
        try:
            raw, _points, _straight = self._detector.detectAndDecodeBytes(gray)
        except cv2.error as error:
            logger.debug("OpenCV could not decode a code: %s", error)
            return None
        return _text(bytes(raw)) if raw is not None else None


# -- clean-ups for the fallback passes ---------------------------------------------------------


def stretch_contrast(gray: Frame) -> Frame:
    """Spread the 1st–99th percentile of brightness over 0–255: a dim or washed-out frame
    becomes a normal one."""
    cumulative = np.cumsum(np.bincount(gray.ravel(), minlength=256))
    low = int(np.searchsorted(cumulative, cumulative[-1] * 0.01))
    high = int(np.searchsorted(cumulative, cumulative[-1] * 0.99))
    if high - low < 4:
        return gray
    lut = np.clip((np.arange(256) - low) * (255.0 / (high - low)), 0, 255).astype(np.uint8)
    return np.asarray(cv2.LUT(gray, lut), dtype=np.uint8)


def equalize_locally(gray: Frame) -> Frame:
    """CLAHE: contrast raised tile by tile, which evens out a glare spot or a shadow."""
    clahe = cv2.createCLAHE(clipLimit=3.0, tileGridSize=(8, 8))  # has buffers: one per call
    return np.asarray(clahe.apply(gray), dtype=np.uint8)


def sharpen(gray: Frame) -> Frame:
    """Unsharp mask: steepens the module edges that defocus and shake smeared."""
    blurred = cv2.GaussianBlur(gray, (0, 0), 2.0)
    return np.asarray(cv2.addWeighted(gray, 2.0, blurred, -1.0, 0), dtype=np.uint8)


def denoise(gray: Frame) -> Frame:
    """A median filter: removes sensor speckle and JPEG ringing, keeps module edges."""
    return np.asarray(cv2.medianBlur(gray, 3), dtype=np.uint8)


def threshold_otsu(gray: Frame) -> Frame:
    """Black and white at Otsu's global threshold, after a light blur against noise."""
    smooth = cv2.GaussianBlur(gray, (3, 3), 0)
    _, binary = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)
    return np.asarray(binary, dtype=np.uint8)


def threshold_adaptive(gray: Frame) -> Frame:
    """Black and white against the local mean: survives a brightness gradient across the
    code (a phone screen under a lamp)."""
    return np.asarray(
        cv2.adaptiveThreshold(
            gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, blockSize=31, C=5
        ),
        dtype=np.uint8,
    )


def upscale(gray: Frame) -> Frame:
    """Twice the size (bicubic): gives small codes more pixels per module to work with."""
    return np.asarray(
        cv2.resize(gray, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC), dtype=np.uint8
    )


def downscale(gray: Frame) -> Frame:
    """Half the size (area average): a cheap low-pass for blurred or noisy frames."""
    return np.asarray(
        cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA), dtype=np.uint8
    )


def invert(gray: Frame) -> Frame:
    """Light modules on dark: a phone in dark mode, or glare that flipped the contrast."""
    return np.asarray(cv2.bitwise_not(gray), dtype=np.uint8)


def chain(*steps: Preprocess) -> Preprocess:
    """Several clean-ups one after the other."""

    def run(gray: Frame) -> Frame:
        for step in steps:
            gray = step(gray)
        return gray

    run.__name__ = "+".join(step.__name__ for step in steps)
    return run


# -- the kiosk's decoder ---------------------------------------------------------------------


# The smallest QR symbol (version 1) is 21 modules wide: a frame narrower than 21 pixels
# cannot show one, so no clean-up is worth running on it.
SMALLEST_SYMBOL_PX = 21

Fallback: TypeAlias = tuple[Preprocess | None, QrDecoder]
"""One fallback pass: an optional clean-up of the grayscale frame and a decoder to run on it."""


def default_fallbacks() -> list[Fallback]:
    """The fallback passes the kiosk uses, in order.

    First zxing-cpp's own search of shrunken copies of the frame, which finds big and
    blurred codes: the kiosk's first pass leaves it out, since on a frame without a code it
    costs a third more than the search at full size. The rest were chosen greedily by
    frames rescued per millisecond among the frames plain zxing-cpp (with that search)
    misses (``benchmarks/qr_decoders.py --candidates`` prints the figures): half size plus
    contrast stretch rescues most (low contrast, noisy "all at once" frames) for the least
    time, the median filter takes speckle and JPEG ringing, the adaptive threshold glare
    gradients, the unsharp mask and the 2× upscale blurred and small codes. zbar (binary
    mode) or OpenCV as a second library rescued at most a frame or two for 6–10 ms each, so
    neither is here. The inverted frame comes last: the generated set has no light-on-dark
    codes, but a phone in dark mode shows them, and it costs 0.3 ms.
    """
    zxing = ZxingDecoder()
    return [
        (None, zxing),
        (chain(downscale, stretch_contrast), zxing),
        (denoise, zxing),
        (threshold_adaptive, zxing),
        (sharpen, zxing),
        (upscale, zxing),
        (invert, zxing),
    ]


class LayeredDecoder:
    """A fast decoder on the frame as it is; only when it finds nothing and the frame may
    still show a code, the fallback passes in order until one reads it.

    The first pass is zxing-cpp at full size only, which reads most frames that show a code
    in well under a millisecond. The fallbacks cost several milliseconds, and most frames a
    camera sees show no code at all, so they run only when the frame may hold one: zxing-cpp
    found a symbol it could not decode, or ``gate`` says so (by default, the frame has a busy
    patch: ``shows_busy_patch``). With ``gate`` None, or ``thorough=True`` for one call, a
    frame gets every pass whatever it shows. ``last_pass`` names the pass that read the last
    frame (0 the first decoder, 1… the fallbacks), for tuning.
    """

    def __init__(
        self,
        first: ZxingDecoder | None = None,
        fallbacks: Sequence[Fallback] | None = None,
        *,
        gate: Callable[[Frame], bool] | None = shows_busy_patch,
    ) -> None:
        self._first = first if first is not None else ZxingDecoder(try_downscale=False)
        self._fallbacks = list(fallbacks) if fallbacks is not None else default_fallbacks()
        self._gate = gate
        self.last_pass: int | None = None

    def decode(self, image: Frame, *, thorough: bool = False) -> str | None:
        self.last_pass = None
        gray = to_gray(image)
        if gray is None:
            return None
        first = self._first.read(gray)
        if first.text is not None:
            self.last_pass = 0
            return first.text
        if min(gray.shape) < SMALLEST_SYMBOL_PX:
            return None
        if not (thorough or self._gate is None or first.undecoded or self._gate(gray)):
            return None
        for number, (clean_up, decoder) in enumerate(self._fallbacks, start=1):
            try:
                cleaned = clean_up(gray) if clean_up is not None else gray
            except cv2.error as error:  # a clean-up that cannot take this frame: pass on
                logger.debug("clean-up %s failed: %s", clean_up, error)
                continue
            text = decoder.decode(cleaned)
            if text is not None:
                self.last_pass = number
                return text
        return None


def decode_file(path: str | PathLike[str], decoder: QrDecoder | None = None) -> str | None:
    """The text of a QR code in the image file at ``path``; None if the file is missing,
    unreadable, not an image, or shows no readable code."""
    try:
        if not os.path.isfile(path):  # asked first, or OpenCV warns on stderr about it
            return None
        image = cv2.imread(os.fspath(path), cv2.IMREAD_COLOR)
    except (cv2.error, TypeError, ValueError) as error:
        logger.debug("cannot read image %s: %s", path, error)
        return None
    if image is None:  # missing, unreadable or not an image: OpenCV says so with None
        return None
    frame = np.asarray(image, dtype=np.uint8)
    # One image, read once: worth every pass, code-like or not.
    return (decoder if decoder is not None else LayeredDecoder(gate=None)).decode(frame)
