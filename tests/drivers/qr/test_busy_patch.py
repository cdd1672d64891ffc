"""The busy-patch look that decides whether a frame may show a code zxing-cpp overlooked."""

from __future__ import annotations

import numpy as np
import pytest

from drivers.qr.busy_patch import shows_busy_patch
from drivers.qr.decode import to_gray
from tests.helpers.qr_degrade import Condition, EmptyScene, empty_frame, sample


def _gray(frame: np.ndarray) -> np.ndarray:
    gray = to_gray(frame)
    assert gray is not None
    return gray


@pytest.mark.parametrize("scene", list(EmptyScene), ids=[s.value for s in EmptyScene])
def test_no_kind_of_empty_scene_shows_a_busy_patch(scene: EmptyScene) -> None:
    assert not any(shows_busy_patch(_gray(empty_frame(scene, seed))) for seed in range(8))


@pytest.mark.parametrize(
    "condition",
    [Condition.CLEAN, Condition.LOW_CONTRAST, Condition.BLUR, Condition.PERSPECTIVE],
    ids=lambda c: c.value,
)
def test_a_code_in_the_hall_shows_a_busy_patch(condition: Condition) -> None:
    assert all(shows_busy_patch(_gray(sample(condition, index).frame)) for index in range(4))


def test_a_frame_too_small_for_a_group_of_cells_shows_no_busy_patch() -> None:
    checkerboard = np.indices((40, 40)).sum(axis=0) % 2 * 255
    assert not shows_busy_patch(np.asarray(checkerboard, dtype=np.uint8))
