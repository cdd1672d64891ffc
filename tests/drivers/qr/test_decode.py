"""Camera-frame QR decoders on generated frames: exact Chinese text, no exceptions, no guesses."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from pyzbar import pyzbar

from drivers.qr import decode
from drivers.qr.busy_patch import shows_busy_patch
from drivers.qr.decode import (
    Frame,
    LayeredDecoder,
    OpenCvDecoder,
    QrDecoder,
    ZbarDecoder,
    ZxingDecoder,
    decode_file,
)
from drivers.qr.serial_scanner import decode_code
from tests.helpers.devices.qr import CountingDecoder
from tests.helpers.qr_degrade import (
    Condition,
    EmptyScene,
    blank_frame,
    degraded_frame,
    empty_frame,
    sample,
)

CASE_URL = "https://zwfw.example.gov.cn/progress?case=T3F9A0C21-20261123-000042"
SHORT_CHINESE = "办件查询"
CHINESE_URL = "https://zwfw.example.gov.cn/办件/查询?事项=不动产登记&申请人=陈𬌗&办件编号=SQ-000123"
LICENCE_JSON = (
    '{"证照类型":"营业执照","持证人":"王秀英","证照编号":"914401001234567890",'
    '"签发机关":"广州市市场监督管理局","有效期至":"2031-05-15"}'
)
PAYLOADS = [CASE_URL, SHORT_CHINESE, CHINESE_URL, LICENCE_JSON]


def _clean(payload: str, eci: bool = False, seed: int = 1) -> np.ndarray:
    return degraded_frame(payload, Condition.CLEAN, seed, eci=eci)


@pytest.mark.parametrize("eci", [False, True], ids=["byte-mode", "eci-utf8"])
@pytest.mark.parametrize("payload", PAYLOADS, ids=["case-url", "short", "chinese-url", "json"])
@pytest.mark.parametrize(
    "decoder", [ZxingDecoder(), LayeredDecoder(), ZbarDecoder()], ids=["zxing", "layered", "zbar"]
)
def test_clean_frame_gives_the_payload_exactly(decoder: QrDecoder, payload: str, eci: bool) -> None:
    assert decoder.decode(_clean(payload, eci)) == payload


def test_pyzbar_default_garbles_chinese_but_binary_zbar_reads_it() -> None:
    frame = _clean(CHINESE_URL)
    gray = cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)

    (symbol,) = pyzbar.decode(gray, symbols=[pyzbar.ZBarSymbol.QRCODE])

    assert symbol.data.decode("utf-8") != CHINESE_URL  # zbar guessed Shift-JIS
    assert ZbarDecoder().decode(frame) == CHINESE_URL


def test_zbar_without_binary_mode_is_the_garbling_one() -> None:
    assert ZbarDecoder(binary=False).decode(_clean(SHORT_CHINESE)) not in (None, SHORT_CHINESE)


@pytest.mark.parametrize("aruco", [False, True], ids=["QRCodeDetector", "Aruco"])
def test_opencv_reads_a_receipt_url_and_chinese_in_byte_mode(aruco: bool) -> None:
    decoder = OpenCvDecoder(aruco=aruco)
    assert decoder.decode(_clean(CASE_URL)) == CASE_URL
    assert decoder.decode(_clean(SHORT_CHINESE)) == SHORT_CHINESE


def test_grayscale_and_colour_frames_give_the_same_text() -> None:
    frame = _clean(LICENCE_JSON)
    gray = np.asarray(cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
    decoder = LayeredDecoder()
    assert decoder.decode(gray) == decoder.decode(frame) == LICENCE_JSON


def test_layered_reads_low_contrast_frames_plain_zxing_misses() -> None:
    samples = [sample(Condition.LOW_CONTRAST, index) for index in range(12)]
    zxing, layered = ZxingDecoder(), LayeredDecoder()

    plain = sum(zxing.decode(s.frame) == s.payload for s in samples)
    ours = sum(layered.decode(s.frame) == s.payload for s in samples)

    assert ours == len(samples)
    assert plain < ours


def test_layered_reads_a_light_on_dark_code_from_a_phone_in_dark_mode() -> None:
    dark_mode = np.asarray(cv2.bitwise_not(_clean(SHORT_CHINESE)), dtype=np.uint8)
    assert ZxingDecoder().decode(dark_mode) is None  # the fast first pass does not try this
    assert LayeredDecoder().decode(dark_mode) == SHORT_CHINESE


def test_layered_reports_which_pass_read_the_frame() -> None:
    decoder = LayeredDecoder()
    decoder.decode(_clean(CASE_URL))
    assert decoder.last_pass == 0
    decoder.decode(blank_frame(3))
    assert decoder.last_pass is None


# -- which frames get the fallback passes --------------------------------------------------------


def _counting_layered(
    gate: Callable[[Frame], bool] | None,
) -> tuple[LayeredDecoder, CountingDecoder]:
    fallback = CountingDecoder()
    return LayeredDecoder(fallbacks=[(None, fallback)], gate=gate), fallback


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize("scene", list(EmptyScene), ids=[s.value for s in EmptyScene])
def test_an_empty_frame_does_not_run_the_fallback_passes(scene: EmptyScene, seed: int) -> None:
    fallback = CountingDecoder()
    decoder = LayeredDecoder(fallbacks=[(None, fallback)])  # the kiosk's gate

    text = decoder.decode(empty_frame(scene, seed))

    assert text is None
    assert fallback.calls == 0


def test_a_symbol_zxing_finds_but_cannot_decode_runs_the_fallback_passes() -> None:
    glare = sample(Condition.GLARE, 7).frame
    assert ZxingDecoder(try_downscale=False).read(glare).undecoded
    decoder, fallback = _counting_layered(gate=lambda _: False)  # only the symbol says so

    decoder.decode(glare)

    assert fallback.calls == 1


def test_an_empty_frame_gets_every_pass_when_asked_to_be_thorough() -> None:
    gated, gated_fallback = _counting_layered(shows_busy_patch)
    ungated, ungated_fallback = _counting_layered(gate=None)

    gated.decode(blank_frame(4), thorough=True)
    ungated.decode(blank_frame(4))

    assert gated_fallback.calls == ungated_fallback.calls == 1


def test_decode_file_gives_a_single_image_every_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fallback = CountingDecoder()
    monkeypatch.setattr(decode, "default_fallbacks", lambda: [(None, fallback)])
    path = tmp_path / "空白.png"
    assert cv2.imwrite(str(path), blank_frame(4))

    assert decode_file(path) is None
    assert fallback.calls == 1


@pytest.mark.parametrize(
    ("condition", "index"),
    [
        (Condition.PERSPECTIVE, 13),
        (Condition.BLUR, 95),
        (Condition.LOW_CONTRAST, 3),
        (Condition.GLARE, 28),
        (Condition.ALL, 2),
    ],
    ids=lambda value: getattr(value, "value", str(value)),
)
def test_a_code_zxing_does_not_even_detect_is_still_read_by_a_fallback(
    condition: Condition, index: int
) -> None:
    item = sample(condition, index)
    assert ZxingDecoder().decode(item.frame) is None
    assert not ZxingDecoder(try_downscale=False).read(item.frame).undecoded  # the first pass

    assert LayeredDecoder().decode(item.frame) == item.payload


def test_a_code_zxing_detects_but_cannot_decode_is_read_by_a_fallback() -> None:
    item = sample(Condition.GLARE, 7)
    plain = ZxingDecoder().read(item.frame)
    assert plain.text is None
    assert plain.undecoded

    assert LayeredDecoder().decode(item.frame) == item.payload


ALL_DECODERS = [ZxingDecoder(), ZbarDecoder(), OpenCvDecoder(), LayeredDecoder()]


@pytest.mark.parametrize(
    "frame",
    [
        blank_frame(5),
        np.zeros((0, 0), np.uint8),
        np.zeros((480, 640), np.float32),
        np.zeros(100, np.uint8),
        np.full((2, 3, 5), 255, np.uint8),
        np.full((1, 1), 0, np.uint8),
    ],
    ids=["no-code", "empty", "float", "1-d", "5-channel", "1-pixel"],
)
@pytest.mark.parametrize("decoder", ALL_DECODERS, ids=["zxing", "zbar", "opencv", "layered"])
def test_a_frame_without_a_readable_code_gives_none(decoder: QrDecoder, frame: np.ndarray) -> None:
    assert decoder.decode(frame) is None


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    hnp.arrays(
        np.uint8,
        st.one_of(
            hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=48),
            st.tuples(st.integers(1, 48), st.integers(1, 48), st.just(3)),
        ),
    )
)
def test_layered_decoder_never_raises_on_any_small_image(image: np.ndarray) -> None:
    text = LayeredDecoder().decode(image)
    assert text is None or isinstance(text, str)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=512))
def test_decode_code_on_any_bytes_gives_text_or_none(raw: bytes) -> None:
    text = decode_code(raw)
    assert text is None or isinstance(text, str)


@given(st.text(min_size=1, max_size=200))
def test_decode_code_gives_back_any_text_sent_as_utf8(text: str) -> None:
    assert decode_code(text.encode("utf-8")) == text


# -- decode_file -------------------------------------------------------------------------------


def test_decode_file_reads_a_saved_frame(tmp_path: Path) -> None:
    path = tmp_path / "回执二维码.png"  # a Chinese file name too
    assert cv2.imwrite(str(path), _clean(CHINESE_URL))
    assert decode_file(path) == CHINESE_URL


def test_decode_file_on_a_missing_file_gives_none(tmp_path: Path) -> None:
    assert decode_file(tmp_path / "nothing-here.png") is None


@pytest.mark.parametrize(
    "content", [b"", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, b"not an image at all"]
)
def test_decode_file_on_a_corrupt_file_gives_none(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.png"
    path.write_bytes(content)
    assert decode_file(path) is None


def test_decode_file_on_a_directory_gives_none(tmp_path: Path) -> None:
    assert decode_file(tmp_path) is None
