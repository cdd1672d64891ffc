"""Text measurement and line wrapping for a printer in Chinese mode.

Also holds the seam that decides which characters go out as text and which
need the raster fallback, so a later task can narrow it to the printer's font.
"""

from __future__ import annotations

import unicodedata

# Printed in place of a character that neither the printer nor any local font can draw.
GETA_MARK = "\u3013"


def printable_as_text(ch: str) -> bool:
    """Whether the printer's own font can print `ch`, sent as GB18030 bytes.

    Printer fonts stop at the BMP (most stop at GBK), so anything beyond it is
    drawn as an image instead of turning into '?' or mojibake.
    """
    if ord(ch) > 0xFFFF:
        return False
    try:
        ch.encode("gb18030")
    except UnicodeEncodeError:
        return False
    return True


def char_columns(ch: str) -> int:
    """Columns `ch` takes at normal size.

    In Chinese mode the printer draws every multi-byte GB code with the 24-dot
    full-width font and single bytes with the 12-dot font, so the byte count,
    not Unicode's East Asian width, decides.
    """
    return 1 if ord(ch) < 0x80 else 2


def text_columns(text: str) -> int:
    """Columns a whole string takes at normal size."""
    return sum(char_columns(ch) for ch in text)


def clean_text(text: str) -> str:
    """Drop control and format characters so data can never smuggle in commands.

    An applicant's name containing ESC or DLE would otherwise reach the printer
    as a command; tabs become spaces because the printer's tab stops are unknown.
    """
    kept: list[str] = []
    for ch in text.replace("\t", " ").replace("\r\n", "\n"):
        if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf"):
            continue
        kept.append(ch)
    return "".join(kept)


def wrap_text(text: str, width: int) -> list[str]:
    """Split text into printed lines of at most `width` columns.

    Explicit newlines are kept; Latin words are broken at spaces when possible,
    Chinese may break between any two characters.
    """
    lines: list[str] = []
    for paragraph in clean_text(text).split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width))
    return lines


def _wrap_paragraph(paragraph: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for ch in paragraph:
        if line and text_columns(line) + char_columns(ch) > width:
            head, line = _break_line(line, ch)
            lines.append(head)
            if ch == " " and not line:
                continue
        line += ch
    lines.append(line)
    return lines


def _break_line(line: str, next_ch: str) -> tuple[str, str]:
    """Return the finished line and the carried-over start of the next one."""
    in_word = next_ch.isascii() and next_ch.isalnum() and line[-1:].isascii()
    space = line.rfind(" ")
    if in_word and line[-1].isalnum() and space > 0:
        return line[:space].rstrip(), line[space + 1 :]
    return line.rstrip(" ") or line, ""
