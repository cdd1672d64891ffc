"""Find a local font that can draw characters the printer's own font lacks.

Used only by the raster fallback; fontconfig answers coverage questions, and
without it we fall back to the Noto CJK font Debian installs with fonts-noto-cjk, probed
with Pillow (imported then, not by every process that prints).
"""

from __future__ import annotations

import functools
import logging
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import ImageFont

logger = logging.getLogger(__name__)

NOTO_SANS_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
# Face 2 of the Noto CJK collection is the Simplified Chinese one.
NOTO_SANS_CJK_SC_INDEX = 2

# fc-list answers in ~20 ms; a hung fontconfig cache rebuild must not hang a print job.
_FC_LIST_TIMEOUT_S = 10.0
# Glyph size for the coverage probe; big enough that distinct glyphs differ.
_PROBE_DOTS = 24


@dataclass(frozen=True)
class FontFace:
    """One face of a font file (collections such as .ttc hold several)."""

    path: Path
    index: int = 0


@functools.lru_cache(maxsize=512)
def find_font(chars: str, bold: bool = False) -> FontFace | None:
    """A face that covers every character in `chars`, Simplified Chinese preferred."""
    if not chars:
        return None
    if shutil.which("fc-list"):
        return _find_with_fontconfig(chars, bold)
    return _find_in_noto(chars)


def _find_with_fontconfig(chars: str, bold: bool) -> FontFace | None:
    charset = " ".join(f"{ord(ch):x}" for ch in sorted(set(chars)))
    try:
        listing = subprocess.run(
            ["fc-list", f":charset={charset}", "-f", "%{file}\t%{index}\t%{family}\t%{style}\n"],
            capture_output=True,
            text=True,
            check=True,
            timeout=_FC_LIST_TIMEOUT_S,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        logger.warning("fc-list failed, trying the bundled Noto CJK font: %s", exc)
        return _find_in_noto(chars)
    candidates: list[tuple[int, int, str, int]] = []
    for row in listing.splitlines():
        parts = row.split("\t")
        if len(parts) != 4 or not parts[1].isdigit():
            continue
        file, index, family, style = parts
        style_miss = int(("bold" in style.lower()) != bold)
        candidates.append((_family_rank(family), style_miss, file, int(index)))
    if not candidates:
        return None
    best = min(candidates)
    return FontFace(Path(best[2]), best[3])


def _family_rank(family: str) -> int:
    """Lower is better: proportional Simplified Chinese sans first."""
    family = family.lower()
    for rank, marker in enumerate(("sans cjk sc", "cjk sc", "cjk")):
        if marker in family:
            return rank
    return 3


def _find_in_noto(chars: str) -> FontFace | None:
    from PIL import ImageFont

    face = FontFace(NOTO_SANS_CJK, NOTO_SANS_CJK_SC_INDEX)
    if not face.path.exists():
        return None
    font = ImageFont.truetype(str(face.path), _PROBE_DOTS, index=face.index)
    # A missing glyph renders as .notdef, just like a plane-16 private-use code
    # point that no CJK font maps.
    notdef = _draw(font, "\U0010fffd")
    if all(_draw(font, ch) != notdef for ch in chars):
        return face
    return None


def _draw(font: ImageFont.FreeTypeFont, ch: str) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("1", (_PROBE_DOTS * 2, _PROBE_DOTS * 2), 0)
    ImageDraw.Draw(image).text((0, 0), ch, font=font, fill=1)
    return image.tobytes()
