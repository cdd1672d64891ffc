"""The card's photo: decode its WLT bytes into a BMP through a vendor decoder, or not at all.

The photo travels as 1024 bytes of WLT, a proprietary format that only vendor libraries
decode (commonly a ``libwlt2bmp`` with a ``wlt2bmp``-style call) into a 102x126 24-bit
image. ``decode_photo`` calls such a library when one is configured, or installed under the
conventional name, and otherwise returns None: the kiosk keeps the bytes and shows no
photo. It never draws a stand-in that could pass for the holder.

The call made is ``int function(const unsigned char *wlt, unsigned char *bmp, int flag)``
with 1024 WLT bytes in and a complete BMP file written to ``bmp``; 1 means success. Vendor
decoders differ (some write a file, some raw pixels, some want a licence number as
``flag``); one with another shape needs a small shim library exporting this call. Whatever
comes back must be a well-formed BMP, else it is discarded.

A photo that already is a BMP (the vendor SDK reader stores what ``GetBMPData`` returns)
is passed through unchanged.

Vendor decoders keep global state and are rarely thread-safe, so calls are serialised.
Decode on a worker thread: it is not GUI work.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import logging
import threading
from collections.abc import Callable

logger = logging.getLogger(__name__)

WLT_SIZE = 1024
DEFAULT_FUNCTION = "wlt2bmp"
DEFAULT_LIBRARY_NAME = "wlt2bmp"  # find_library looks for libwlt2bmp.so

_OK = 1
_BMP_HEADER_SIZE = 54  # file header (14) + BITMAPINFOHEADER (40)
# A 102x126 24-bit BMP is 38 862 bytes; the rest is room for a decoder that writes more.
_BMP_BUFFER_SIZE = 64 * 1024

_Decoder = Callable[[ctypes.Array[ctypes.c_char], ctypes.Array[ctypes.c_char], int], int]

_lock = threading.Lock()
_decoders: dict[tuple[str, str], _Decoder] = {}
_reported: set[tuple[str, str]] = set()


def decode_photo(
    wlt: bytes,
    library_path: str | None,
    *,
    function: str = DEFAULT_FUNCTION,
    flag: int = 0,
) -> bytes | None:
    """The photo as BMP file bytes, or None when it cannot be decoded here.

    ``library_path`` is the configured decoder; None looks for an installed
    ``libwlt2bmp``. A photo that already is a BMP is returned as it is.
    """
    if bmp_size(wlt) == len(wlt):
        return wlt
    if len(wlt) != WLT_SIZE:
        return None  # a decoder reads exactly 1024 bytes: anything else is not WLT
    path = library_path if library_path is not None else installed_decoder()
    if path is None:
        return None
    decoder = _decoder(path, function)
    if decoder is None:
        return None
    source = ctypes.create_string_buffer(wlt, WLT_SIZE)
    target = ctypes.create_string_buffer(_BMP_BUFFER_SIZE)
    with _lock:
        try:
            status = decoder(source, target, flag)
        except OSError:  # Windows turns a crash inside the library into OSError
            logger.warning("photo decoder %s failed", path, exc_info=True)
            return None
    if status != _OK:
        logger.info("photo decoder %s returned %d", path, status)
        return None
    size = bmp_size(target.raw)
    if size is None:
        logger.warning("photo decoder %s wrote something that is not a BMP", path)
        return None
    return target.raw[:size]


@functools.cache
def installed_decoder() -> str | None:
    """The installed ``libwlt2bmp`` found by the system's library search, if any."""
    return ctypes.util.find_library(DEFAULT_LIBRARY_NAME)


def bmp_size(data: bytes) -> int | None:
    """The file size a BMP header in ``data`` declares, when it is plausible, else None."""
    if len(data) < _BMP_HEADER_SIZE or data[:2] != b"BM":
        return None
    size = int.from_bytes(data[2:6], "little")
    pixels_at = int.from_bytes(data[10:14], "little")
    if not _BMP_HEADER_SIZE <= pixels_at < size <= len(data):
        return None
    return size


def _decoder(path: str, function: str) -> _Decoder | None:
    """The decoder function, loaded once; a failure is logged once and retried next time."""
    key = (path, function)
    decoder = _decoders.get(key)
    if decoder is not None:
        return decoder
    try:
        call = ctypes.CDLL(path)[function]
    except (OSError, AttributeError) as error:
        if key not in _reported:
            _reported.add(key)
            logger.warning("no photo decoder %s in %s: %s", function, path, error)
        return None
    call.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]
    call.restype = ctypes.c_int
    decoder = _decoders[key] = call
    return decoder
