"""Where each command ends in an ESC/POS byte stream.

Shared by the decoder used in tests and by the simulator, which must tell a real
DLE EOT request from the same three bytes inside QR or raster data.
"""

from __future__ import annotations

from collections.abc import Iterator

ESC = 0x1B
GS = 0x1D
FS = 0x1C
DLE = 0x10
EOT = 0x04
LF = 0x0A

# Commands of fixed length, keyed by prefix and function byte (the common ESC/POS set).
_FIXED: dict[tuple[int, int], int] = {
    **{(ESC, fn): 2 for fn in b"@2<"},
    **{(ESC, fn): 3 for fn in b"!-3EGJMRadet{ "},
    **{(ESC, fn): 4 for fn in b"$\\"},
    (ESC, 0x70): 5,
    **{(GS, fn): 3 for fn in b"!BHIafhrwb"},
    **{(GS, fn): 4 for fn in b"LW"},
    **{(FS, fn): 2 for fn in b"&."},
    **{(FS, fn): 3 for fn in b"!-CW"},
    (FS, 0x53): 4,
    **{(DLE, fn): 3 for fn in (EOT, 0x05)},
}


class UnknownCommandError(ValueError):
    """The stream holds a command this grammar does not know the length of."""


def unit_length(buf: bytes | bytearray, start: int) -> int | None:
    """Bytes taken by the command or text byte at `start`; None if `buf` ends too early.

    Text (including every byte of a GB18030 character, none of which is below
    0x30 after the first) is one unit per byte; control bytes other than the
    command prefixes are one-byte commands such as LF or CR.
    """
    first = buf[start]
    if first not in (ESC, GS, FS, DLE):
        return 1
    available = len(buf) - start
    if available < 2:
        return None
    fn = buf[start + 1]
    length = _FIXED.get((first, fn)) or _variable_length(buf, start, first, fn)
    if length is None:
        return None
    return length if available >= length else None


def _variable_length(buf: bytes | bytearray, start: int, first: int, fn: int) -> int | None:
    available = len(buf) - start
    if (first, fn) == (GS, 0x56):  # GS V m [n]: functions B-D carry an extra byte
        if available < 3:
            return None
        return 3 if buf[start + 2] in (0, 1, 48, 49) else 4
    if (first, fn) == (GS, 0x28):  # GS ( x pL pH ...
        if available < 5:
            return None
        return 5 + buf[start + 3] + 256 * buf[start + 4]
    if (first, fn) == (GS, 0x76):  # GS v 0 m xL xH yL yH d...
        if available < 8:
            return None
        row_bytes = buf[start + 4] + 256 * buf[start + 5]
        rows = buf[start + 6] + 256 * buf[start + 7]
        return 8 + row_bytes * rows
    raise UnknownCommandError(f"unknown command {bytes((first, fn))!r} at offset {start}")


def status_request_n(buf: bytes | bytearray, start: int, length: int) -> int | None:
    """The n of a DLE EOT n unit, or None for any other unit."""
    if length == 3 and buf[start] == DLE and buf[start + 1] == EOT:
        return buf[start + 2]
    return None


def iter_units(data: bytes) -> Iterator[tuple[int, int]]:
    """(start, end) of every unit in a complete stream."""
    pos = 0
    while pos < len(data):
        length = unit_length(data, pos)
        if length is None:
            raise ValueError(f"stream ends inside the command at offset {pos}")
        yield pos, pos + length
        pos += length
