"""Signatures captured on the touchscreen as strokes (for commitments, 告知承诺).

A signature is `{"strokes": [[[x, y], ...], ...]}` with coordinates scaled to 0..1 of the pad,
so it does not depend on the screen it was drawn on. The checks refuse what is clearly not a
signature (a tap, a dot, nothing) and anything too large to store.
"""

from __future__ import annotations

from typing import Any

from kiosk.i18n import Message, msg

MIN_POINTS = 8
MAX_POINTS = 5000
# A signature spans at least this share of the pad in width or height: a dot is not one.
MIN_EXTENT = 0.05

Signature = dict[str, list[list[list[float]]]]


def signature_problem(value: Any) -> tuple[Signature | None, Message | None]:
    """The signature in canonical form, or why it cannot be accepted."""
    strokes = value.get("strokes") if isinstance(value, dict) else None
    shape_error = msg(
        "签名数据无法识别，请重新签名", "The signature could not be read; please sign again"
    )
    if not isinstance(strokes, list) or not strokes:
        return None, shape_error
    canonical: list[list[list[float]]] = []
    for stroke in strokes:
        if not isinstance(stroke, list):
            return None, shape_error
        points = []
        for point in stroke:
            if (
                not isinstance(point, list | tuple)
                or len(point) != 2
                or not all(isinstance(c, int | float) and 0 <= c <= 1 for c in point)
            ):
                return None, shape_error
            points.append([round(float(point[0]), 4), round(float(point[1]), 4)])
        canonical.append(points)
    flat = [p for stroke in canonical for p in stroke]
    if len(flat) > MAX_POINTS:
        return None, msg("签名过于复杂，请简单签名", "The signature is too long; please sign again")
    xs, ys = [p[0] for p in flat], [p[1] for p in flat]
    if len(flat) < MIN_POINTS or max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_EXTENT:
        return None, msg(
            "请在签名框内用手指写下您的姓名", "Please write your name in the box with your finger"
        )
    return {"strokes": canonical}, None
