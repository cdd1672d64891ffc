"""The generated test frames: the same every time, the right size, the payload really inside."""

from __future__ import annotations

import re

import cv2
import numpy as np
import pytest
from pyzbar import pyzbar

from tests.helpers.qr_degrade import (
    FRAME_HEIGHT,
    FRAME_WIDTH,
    Condition,
    EmptyScene,
    degraded_frame,
    empty_frame,
    make_payload,
    render_qr,
    sample,
)

CHINESE = "办件查询"


@pytest.mark.parametrize("condition", list(Condition), ids=lambda c: c.value)
def test_every_condition_gives_the_same_640x480_colour_frame_for_the_same_seed(
    condition: Condition,
) -> None:
    first = degraded_frame("https://zwfw.example.gov.cn/progress?case=X", condition, 7)
    again = degraded_frame("https://zwfw.example.gov.cn/progress?case=X", condition, 7)
    other = degraded_frame("https://zwfw.example.gov.cn/progress?case=X", condition, 8)

    assert first.shape == (FRAME_HEIGHT, FRAME_WIDTH, 3)
    assert first.dtype == np.uint8
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)


def test_the_symbol_has_a_four_module_quiet_zone() -> None:
    qr = render_qr(CHINESE)
    assert (qr[:4] == 255).all()
    assert (qr[:, -4:] == 255).all()
    assert qr[4, 4] == 0  # the top-left finder pattern starts right after it


def _zbar_default(image: np.ndarray) -> bytes:
    big = cv2.resize(image, None, fx=4, fy=4, interpolation=cv2.INTER_NEAREST)
    (symbol,) = pyzbar.decode(big, symbols=[pyzbar.ZBarSymbol.QRCODE])
    return bytes(symbol.data)


def test_with_eci_the_symbol_declares_utf8_so_even_zbar_default_reads_it() -> None:
    assert _zbar_default(render_qr(CHINESE, eci=True)).decode() == CHINESE


def test_without_eci_the_bytes_are_utf8_in_byte_mode_and_zbar_default_guesses_wrong() -> None:
    assert _zbar_default(render_qr(CHINESE)).decode() != CHINESE


def test_payload_families_cover_receipt_urls_chinese_and_licence_json() -> None:
    rng = np.random.default_rng(1)
    url, short, chinese_url, licence, mixed = (make_payload(rng, kind) for kind in range(5))

    assert re.fullmatch(
        r"https://zwfw\.example\.gov\.cn/progress\?case=T[0-9A-F]{8}-2026\d{4}-\d{6}", url
    )
    assert not short.isascii()
    assert len(short) <= 5
    assert chinese_url.startswith("https://") and "事项=" in chinese_url
    assert licence.startswith('{"证照类型"')
    assert any(c.isascii() and c.isalnum() for c in mixed) and not mixed.isascii()


def test_a_sample_index_carries_the_same_payload_in_every_condition() -> None:
    payloads = {sample(condition, 3).payload for condition in (Condition.CLEAN, Condition.ALL)}
    assert len(payloads) == 1
    assert sample(Condition.CLEAN, 3).eci  # every fourth code has an ECI header


@pytest.mark.parametrize("scene", list(EmptyScene), ids=lambda s: s.value)
def test_every_empty_scene_gives_the_same_640x480_colour_frame_without_a_code(
    scene: EmptyScene,
) -> None:
    first, again, other = empty_frame(scene, 3), empty_frame(scene, 3), empty_frame(scene, 4)

    assert first.shape == (FRAME_HEIGHT, FRAME_WIDTH, 3)
    assert first.dtype == np.uint8
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)
    assert pyzbar.decode(first, symbols=[pyzbar.ZBarSymbol.QRCODE]) == []
