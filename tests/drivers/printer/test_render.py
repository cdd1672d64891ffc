"""Rendering an ESC/POS stream to the paper a thermal printer would print."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import zxingcpp
from hypothesis import example, given, settings
from hypothesis import strategies as st
from PIL import Image

from drivers.printer import (
    Align,
    Cut,
    Feed,
    Paper,
    QrCode,
    ReceiptDocument,
    ReceiptRenderer,
    Rule,
    Text,
    encode_document,
    render_receipts,
    render_to_png,
)
from drivers.printer.commands import (
    CHINESE_MODE_OFF,
    CHINESE_MODE_ON,
    INITIALIZE,
    cut,
    feed_lines,
    qr_code,
    set_align,
    set_bold,
    set_scale,
)
from drivers.printer.fonts import NOTO_SANS_CJK
from drivers.printer.inspect import raster_images
from drivers.printer.render import DEFAULT_LINE_SPACING
from drivers.printer.stream import iter_units

needs_noto = pytest.mark.skipif(not NOTO_SANS_CJK.exists(), reason="fonts-noto-cjk not installed")

LOOKUP_URL = "https://zwfw.example.gov.cn/progress?case=KSK0007-20250314-000042"
RARE_NAME_LINE = "申请人：𠮷**"
CHINESE = INITIALIZE + CHINESE_MODE_ON


@pytest.fixture
def rich_receipt() -> ReceiptDocument:
    """Title, bold and double text, rules, a rare character (sent as raster), a QR code."""
    return ReceiptDocument(
        (
            Text("政务服务受理回执", bold=True, scale=2, align=Align.CENTER),
            Rule(),
            Text("办件编号：KSK0007-20250314-000042", bold=True),
            Text(RARE_NAME_LINE),
            Text("事项：新生儿出生一件事"),
            Rule(),
            QrCode(LOOKUP_URL),
            Text("扫码查询办理进度", align=Align.CENTER),
            Feed(3),
            Cut(),
        )
    )


def ink(image: Image.Image) -> npt.NDArray[np.bool_]:
    """True where the printer put a dot."""
    return np.asarray(image.convert("L")) < 128


def height_before(data: bytes, marker: bytes) -> int:
    """The paper fed before the first unit that starts with `marker`."""
    start = next(s for s, _ in iter_units(data) if data.startswith(marker, s))
    return sum(image.height for image in render_receipts(data[:start]))


@pytest.mark.parametrize("paper", list(Paper))
def test_receipt_image_is_as_wide_as_the_paper_with_white_margins(
    paper: Paper, rich_receipt: ReceiptDocument
) -> None:
    (image,) = render_receipts(encode_document(rich_receipt, paper), paper)

    printed = ink(image)
    assert image.width == paper.dots
    assert printed.any()
    assert not printed[-3 * DEFAULT_LINE_SPACING :].any()  # Feed(3) before the cut


@pytest.mark.parametrize("paper", list(Paper))
def test_qr_code_scanned_from_the_png_is_the_lookup_url(
    paper: Paper, rich_receipt: ReceiptDocument, tmp_path: Path
) -> None:
    (png,) = render_to_png(encode_document(rich_receipt, paper), tmp_path / "receipt", paper)

    with Image.open(png) as image:
        (found,) = zxingcpp.read_barcodes(image.convert("L"))

    assert found.format == zxingcpp.BarcodeFormat.QRCode
    assert found.bytes == LOOKUP_URL.encode("utf-8")
    assert found.text == LOOKUP_URL


def test_qr_symbol_is_centred_at_the_requested_module_size() -> None:
    data = CHINESE + set_align(Align.CENTER) + qr_code(b"KSK0007-20250314-000042", 4) + cut()

    (image,) = render_receipts(data, Paper.MM80)

    printed = ink(image)
    columns = np.flatnonzero(printed.any(axis=0))
    left, right = columns[0], columns[-1] + 1
    assert left == Paper.MM80.dots - right  # centred
    assert (right - left) % 4 == 0 and (right - left) // 4 in (21, 25, 29)  # versions 1 to 3
    assert printed.shape[0] == right - left  # a square symbol, the only thing on the paper


@needs_noto
def test_rare_character_line_is_printed_exactly_as_the_raster_sent(
    rich_receipt: ReceiptDocument,
) -> None:
    data = encode_document(rich_receipt, Paper.MM58)
    (bitmap,) = raster_images(data)
    top = height_before(data, b"\x1dv0")

    (image,) = render_receipts(data, Paper.MM58)

    band = ink(image)[top : top + bitmap.height]
    sent = np.unpackbits(np.frombuffer(bitmap.rows, np.uint8)).reshape(bitmap.height, -1)
    assert band.any()
    assert np.array_equal(band, sent.astype(bool))


def test_text_lines_have_ink_in_their_band_and_blank_feeds_have_none() -> None:
    data = CHINESE + "办件编号：123\n".encode("gb18030") + feed_lines(2) + b"ABC\n" + cut()

    (image,) = render_receipts(data)

    rows = ink(image).sum(axis=1) > 0
    line = DEFAULT_LINE_SPACING
    assert image.height == 4 * line
    assert rows[:line].any()
    assert not rows[line : 3 * line].any()
    assert rows[3 * line :].any()


def test_bold_prints_more_dots_than_regular() -> None:
    def dots(bold: bool) -> int:
        data = CHINESE + set_bold(bold) + "受理回执 Receipt\n".encode("gb18030")
        return int(ink(render_receipts(data)[0]).sum())

    assert dots(True) > dots(False) > 0


def test_double_size_text_is_twice_as_wide_and_tall() -> None:
    def ink_box(scale: int) -> tuple[int, int]:
        data = CHINESE + set_scale(scale) + "回执".encode("gb18030") + b"\n"
        printed = ink(render_receipts(data)[0])
        rows, columns = np.flatnonzero(printed.any(axis=1)), np.flatnonzero(printed.any(axis=0))
        return rows[-1] - rows[0] + 1, columns[-1] - columns[0] + 1

    height, width = ink_box(1)

    assert ink_box(2) == (2 * height, 2 * width)


@pytest.mark.parametrize(
    ("align", "shift"), [(Align.CENTER, (384 - 96) // 2), (Align.RIGHT, 384 - 96)]
)
def test_alignment_moves_the_line_by_the_spare_width(align: Align, shift: int) -> None:
    def printed(align: Align) -> npt.NDArray[np.bool_]:
        # Four Han characters take 96 of the 384 dots.
        return ink(render_receipts(CHINESE + set_align(align) + "受理回执\n".encode("gb18030"))[0])

    left = printed(Align.LEFT)

    assert not left[:, 96:].any()
    assert np.array_equal(printed(align)[:, shift : shift + 96], left[:, :96])


def test_four_byte_gb18030_is_one_full_width_character_only_in_chinese_mode() -> None:
    # Nine 𠮷: 216 dots as Han characters, but 36 single-byte characters (432 dots) outside
    # Chinese mode, which wrap onto a second line of 58 mm paper.
    rare = "𠮷".encode("gb18030") * 9 + b"\n"
    assert len(rare) == 37

    (chinese,) = render_receipts(CHINESE + rare)
    (latin,) = render_receipts(INITIALIZE + CHINESE_MODE_ON + CHINESE_MODE_OFF + rare)

    assert chinese.height == DEFAULT_LINE_SPACING
    assert latin.height == 2 * DEFAULT_LINE_SPACING


def test_each_cut_ends_one_receipt() -> None:
    data = CHINESE + "第一张\n".encode("gb18030") + cut() + "第二张\n".encode("gb18030") + cut()

    images = render_receipts(data)

    assert len(images) == 2
    assert all(ink(image).any() for image in images)


def test_cut_with_nothing_printed_gives_no_receipt() -> None:
    assert render_receipts(CHINESE + cut() + cut(partial=True)) == []


def test_unknown_commands_are_skipped() -> None:
    line = "申请人：王**\n".encode("gb18030")
    unknown = b"\x1b\xff\x1d\xfe"

    (with_unknown,) = render_receipts(CHINESE + unknown + line)
    (without,) = render_receipts(CHINESE + line)

    assert with_unknown.tobytes() == without.tobytes()


@pytest.mark.parametrize("paper", list(Paper))
def test_stream_fed_byte_by_byte_renders_the_same_receipt(
    paper: Paper, rich_receipt: ReceiptDocument
) -> None:
    data = encode_document(rich_receipt, paper)
    renderer = ReceiptRenderer(paper)

    images = [image for byte in data for image in renderer.feed(bytes((byte,)))]
    images += renderer.finish()

    assert [i.tobytes() for i in images] == [i.tobytes() for i in render_receipts(data, paper)]


def test_truncated_stream_renders_what_arrived(rich_receipt: ReceiptDocument) -> None:
    data = encode_document(rich_receipt, Paper.MM58)
    in_qr_data = data.index(LOOKUP_URL.encode()) + 10

    (image,) = render_receipts(data[:in_qr_data])

    assert image.height == height_before(data, b"\x1d(k")
    assert ink(image).any()


def test_render_to_png_numbers_the_files(tmp_path: Path) -> None:
    data = CHINESE + b"1\n" + cut() + b"2\n" + cut()

    paths = render_to_png(data, tmp_path / "out" / "receipt", Paper.MM80, first_number=7)

    assert [p.name for p in paths] == ["receipt-0007.png", "receipt-0008.png"]
    with Image.open(paths[0]) as image:
        assert image.size == (576, DEFAULT_LINE_SPACING)


@settings(max_examples=300, deadline=None)
@given(data=st.binary(max_size=2000), paper=st.sampled_from(list(Paper)))
def test_arbitrary_bytes_never_raise(data: bytes, paper: Paper) -> None:
    images = render_receipts(data, paper)

    assert all(image.width == paper.dots for image in images)


# Commands with arbitrary arguments, so the fuzzer reaches QR, raster, scaling and cuts
# rather than mostly text.
_COMMAND_PREFIXES = [
    b"\x1b@",
    b"\x1c&",
    b"\x1c.",
    b"\x1bE",
    b"\x1b!",
    b"\x1ba",
    b"\x1bd",
    b"\x1bJ",
    b"\x1b3",
    b"\x1d!",
    b"\x1dV",
    b"\x1dVB",
    b"\x1d(k\x03\x001C",
    b"\x1d(k\x03\x001E",
    b"\x1d(k\x04\x001A",
    b"\x1d(k\x03\x001Q0",
    b"\x1dv0",
]
_commands = st.one_of(
    st.tuples(st.sampled_from(_COMMAND_PREFIXES), st.binary(max_size=6)).map(b"".join),
    st.binary(min_size=1, max_size=40).map(
        lambda d: b"\x1d(k" + bytes((len(d) + 3, 0)) + b"1P0" + d
    ),
    st.text(max_size=20).map(lambda t: t.encode("gb18030")),
    st.binary(max_size=20),
)


@settings(max_examples=300, deadline=None)
@given(commands=st.lists(_commands, max_size=30), paper=st.sampled_from(list(Paper)))
# GB18030 can encode C1 controls (here U+0085) as four bytes; they print as nothing.
@example(commands=[b"\x1c&", b"\x810\x815\n"], paper=Paper.MM58)
def test_arbitrary_command_sequences_never_raise(commands: list[bytes], paper: Paper) -> None:
    data = b"".join(commands)

    images = render_receipts(data, paper)
    renderer = ReceiptRenderer(paper)
    halves = renderer.feed(data[: len(data) // 2]) + renderer.feed(data[len(data) // 2 :])

    assert all(image.width == paper.dots for image in images)
    assert len(halves + renderer.finish()) == len(images)
