"""A cheap look for a QR code the first decoder could not even detect: a busy patch.

A QR symbol is a square of many small dark and light modules: seen by a camera, a compact
patch where nearly every pixel sits on a sharp edge, on a scene that is mostly calmer (walls,
furniture, people). Blur, tilt, glare or low contrast can stop zxing-cpp from finding the
finder patterns, but the patch stays busier than its surroundings. An empty hall has no such
patch, and a frame that is busy all over (sensor noise in the dark) has none either, because
"busy" is measured against the frame's own noise floor and contrast.

Costs about a third of a zxing-cpp pass on the same frame (a resize, a 3×3 gradient and a
few percentiles at half size), so ``LayeredDecoder`` asks it before spending several
milliseconds on its fallback passes.
"""

from __future__ import annotations

import cv2
import numpy as np
from numpy.typing import NDArray

# Edge strength is judged at half size, where one module of the smallest readable code
# (2.5 px) is still more than a pixel wide and sensor noise is already halved.
_SCALE = 2
# Cells of 16 half-size pixels (32 px of the frame): a code at reading distance (140 px and
# more) covers a 2×2 group of them whatever its position.
_CELL_PX = 16
# An edge counts when the local brightness range beats both this share of the frame's
# contrast (24 of 255 on a normal frame) and twice the typical range in the frame (noise).
_CONTRAST_SHARE = 24 / 255
_NOISE_FACTOR = 2
# A code's cells are busy over more than half their area; a table edge or a poster border
# crossing a cell makes a quarter at most.
_BUSY_SHARE = 0.5
# Brightness and edge statistics are taken on every 8th pixel of the half-size frame, 1,200
# of them: plenty for a percentile.
_SAMPLE_STEP = 8

_NEIGHBOURS = np.ones((3, 3), np.uint8)
_GROUP = np.ones((2, 2), np.uint8)


def _share_point(values: NDArray[np.uint8], share: float) -> tuple[int, int]:
    """The values that ``share`` of ``values`` lie below and above: a robust low and high."""
    k = int(values.size * share)
    low, high = np.partition(values, (k, values.size - 1 - k))[[k, values.size - 1 - k]]
    return int(low), int(high)


def shows_busy_patch(gray: NDArray[np.uint8]) -> bool:
    """Whether ``gray`` has a compact patch of sharp edges, as a QR code makes, on a scene
    that is calmer elsewhere. False for frames too small to hold a 2×2 group of cells."""
    height, width = gray.shape[0] // _SCALE, gray.shape[1] // _SCALE
    rows, cols = height // _CELL_PX, width // _CELL_PX
    if rows < 2 or cols < 2:
        return False
    half = np.asarray(cv2.resize(gray, (width, height), interpolation=cv2.INTER_AREA), np.uint8)
    darkest, brightest = _share_point(half[::_SAMPLE_STEP, ::_SAMPLE_STEP].ravel(), 0.01)
    edges = np.asarray(cv2.morphologyEx(half, cv2.MORPH_GRADIENT, _NEIGHBOURS), np.uint8)
    typical, _ = _share_point(edges[::_SAMPLE_STEP, ::_SAMPLE_STEP].ravel(), 0.5)
    contrast = max(brightest - darkest, 1)
    threshold = max(_CONTRAST_SHARE * contrast, _NOISE_FACTOR * typical, 1.0)
    covered = edges[: rows * _CELL_PX, : cols * _CELL_PX]
    _, sharp = cv2.threshold(covered, threshold, 255, cv2.THRESH_BINARY)
    cells = cv2.resize(sharp, (cols, rows), interpolation=cv2.INTER_AREA)
    groups = cv2.erode(cells, _GROUP)  # each cell's 2×2 group at its least busy
    return int(groups.max()) >= _BUSY_SHARE * 255
