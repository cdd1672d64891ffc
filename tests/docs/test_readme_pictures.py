"""The README's pictures: every one it shows is in docs/screenshots/ (so a renamed shot cannot
leave a broken image), and the hall staff's section shows the eight console pictures at
1920x1080 and the console on a portrait panel."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SHOTS = ROOT / "docs" / "screenshots"
IMAGE = re.compile(r"!\[[^\]]*\]\((docs/screenshots/[^)]+\.png)\)")


def shown_in(text: str) -> set[str]:
    return set(IMAGE.findall(text))


def test_every_picture_the_readme_shows_is_there() -> None:
    missing = [
        path for path in shown_in(README.read_text(encoding="utf-8")) if not (ROOT / path).is_file()
    ]
    assert missing == []


def test_the_hall_staff_section_shows_the_console_at_both_panel_shapes() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("## For hall staff", 1)[1].split("\n## ", 1)[0]
    shown = {Path(path).name for path in shown_in(section)}
    landscape = {name for name in shown if name.startswith("console-0")}
    portrait = {name for name in shown if name.startswith("console-portrait-")}
    assert len(landscape) == 8
    assert portrait
