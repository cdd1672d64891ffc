"""decode_photo: a vendor decoder when there is one, otherwise no photo, never a fake one."""

from __future__ import annotations

import ctypes.util
from pathlib import Path

import pytest

from drivers.idcard import demo_cards, photo
from drivers.idcard.photo import bmp_size, decode_photo
from tests.helpers.devices.termb_fake import FakeTermbState

WLT = demo_cards.YOUNG_MAN.photo_wlt
# 102 pixels x 3 bytes padded to 308 a row, 126 rows, and the 54-byte header.
BMP_FILE_SIZE = 54 + 308 * 126


@pytest.fixture
def nothing_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(photo, "installed_decoder", lambda: None)


@pytest.mark.usefixtures("nothing_installed")
def test_without_a_decoder_there_is_no_photo() -> None:
    assert decode_photo(WLT, None) is None


def test_configured_decoder_that_is_missing_gives_no_photo(tmp_path: Path) -> None:
    assert decode_photo(WLT, str(tmp_path / "libwlt2bmp.so")) is None


def test_library_without_the_decoder_function_gives_no_photo() -> None:
    libc = ctypes.util.find_library("c")
    if libc is None:
        pytest.skip("no C library found to stand in for a wrong decoder library")
    assert decode_photo(WLT, libc) is None


@pytest.mark.usefixtures("termb")
def test_vendor_decoder_turns_wlt_into_a_102_by_126_bmp(termb_library: Path) -> None:
    bmp = decode_photo(WLT, str(termb_library))
    assert bmp is not None
    assert len(bmp) == BMP_FILE_SIZE
    assert bmp_size(bmp) == BMP_FILE_SIZE
    assert int.from_bytes(bmp[18:22], "little") == 102
    assert int.from_bytes(bmp[22:26], "little") == 126
    assert bmp[54:64] == WLT[:10]  # the fake's "decoding" copies the input bytes


def test_decoder_reporting_failure_gives_no_photo(
    termb_library: Path, termb: FakeTermbState
) -> None:
    termb.set_result("wlt2bmp", 0)
    assert decode_photo(WLT, str(termb_library)) is None


@pytest.mark.usefixtures("termb")
def test_bytes_of_the_wrong_size_are_not_handed_to_a_decoder(termb_library: Path) -> None:
    assert decode_photo(WLT[:1000], str(termb_library)) is None
    assert decode_photo(b"", str(termb_library)) is None


@pytest.mark.usefixtures("nothing_installed")
def test_a_photo_the_sdk_already_decoded_to_bmp_is_passed_through() -> None:
    bmp = b"BM" + BMP_FILE_SIZE.to_bytes(4, "little") + bytes(4) + (54).to_bytes(4, "little")
    bmp += bytes(BMP_FILE_SIZE - len(bmp))
    assert decode_photo(bmp, None) == bmp


def test_bmp_size_refuses_headers_that_do_not_fit() -> None:
    assert bmp_size(b"BM" + (10**6).to_bytes(4, "little") + bytes(60)) is None
    assert bmp_size(WLT) is None
    assert bmp_size(b"BM") is None
