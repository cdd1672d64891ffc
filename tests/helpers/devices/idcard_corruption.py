"""Damage to a card-read reply that the frame's XOR check byte does not catch.

XOR is blind to the same bit flipped in two bytes and to two bytes swapped, so such damage
reaches the text parser; these build it from a healthy reply frame.
"""

from __future__ import annotations

from collections.abc import Callable

from drivers.idcard.frames import encode_response

# Preamble (5), length (2), SW1 SW2 SW3 (3): the reply's data starts here.
DATA_START = 10
# The card-read data opens with the text and photo lengths (2 bytes each).
TEXT_START = DATA_START + 4

Corruption = Callable[[bytes], bytes]


def flip_same_bit(first: int, second: int, bit: int) -> Corruption:
    """Flip ``bit`` in the data bytes at ``first`` and ``second`` (counted from the data)."""

    def corrupt(frame: bytes) -> bytes:
        damaged = bytearray(frame)
        for position in (first, second):
            damaged[DATA_START + position] ^= 1 << bit
        return bytes(damaged)

    return corrupt


def swap_bytes(first: int, second: int) -> Corruption:
    """Swap the data bytes at ``first`` and ``second``."""

    def corrupt(frame: bytes) -> bytes:
        damaged = bytearray(frame)
        a, b = DATA_START + first, DATA_START + second
        damaged[a], damaged[b] = damaged[b], damaged[a]
        return bytes(damaged)

    return corrupt


def overwrite_text(offset: int, text: str) -> Corruption:
    """Put ``text`` (UTF-16LE) at ``offset`` of the text block; the check byte is redone."""

    def corrupt(frame: bytes) -> bytes:
        data = bytearray(frame[DATA_START:-1])
        encoded = text.encode("utf-16-le", errors="surrogatepass")
        data[4 + offset : 4 + offset + len(encoded)] = encoded
        return encode_response(frame[7], frame[8], frame[9], bytes(data))

    return corrupt


def compose(*corruptions: Corruption) -> Corruption:
    """All of ``corruptions`` on one reply, in order."""

    def corrupt(frame: bytes) -> bytes:
        for corruption in corruptions:
            frame = corruption(frame)
        return frame

    return corrupt
