"""The bundle's two forms (a file, a QR code) read back as what was signed; the QR form with a
realistic CA fits one code that the kiosk's decoder reads."""

from __future__ import annotations

import base64
import json
import zlib

import pytest

from kiosk.provisioning.bundle import QR_CAPACITY_BYTES, QR_PREFIX, read_bundle
from kiosk.provisioning.issue import fits_one_qr_code
from kiosk.provisioning.refusals import BundleUnreadable, RefusalCode
from tests.helpers.provisioning import signed


def test_the_file_form_reads_back_as_signed() -> None:
    bundle = signed()

    assert read_bundle(bundle.to_json()) == bundle


def test_the_qr_form_reads_back_as_signed() -> None:
    bundle = signed()

    text = bundle.to_qr_text()

    assert text.startswith(QR_PREFIX)
    assert read_bundle(text) == bundle


def test_the_signed_bytes_do_not_depend_on_the_file_layout() -> None:
    bundle = signed()
    document = json.loads(bundle.to_json())
    reordered = json.dumps(dict(reversed(document.items())), ensure_ascii=True)

    assert read_bundle(reordered).bundle.canonical() == bundle.bundle.canonical()


def test_with_a_realistic_ca_the_qr_form_fits_one_code_the_kiosk_decodes() -> None:
    import zxingcpp

    from drivers.qr.render import render_qr

    bundle = signed()
    text = bundle.to_qr_text()
    symbol = render_qr(text, correction="L")

    assert fits_one_qr_code(bundle)
    assert len(text) < QR_CAPACITY_BYTES * 0.8  # room for a longer hall name or a CA chain
    modules = symbol.shape[0] - 8
    assert modules <= 157  # version 35 or below (4 × version + 17 modules a side); 33 measured
    # What the camera scanner's decoder reads off a screen at 4 pixels a module.
    import cv2

    big = cv2.resize(symbol, None, fx=4, fy=4, interpolation=cv2.INTER_NEAREST)
    assert [result.text for result in zxingcpp.read_barcodes(big)] == [text]


def _packed(text: str) -> str:
    return base64.urlsafe_b64encode(zlib.compress(text.encode())).decode()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("not json at all", RefusalCode.NOT_A_BUNDLE),
        ('{"format": "something-else"}', RefusalCode.NOT_A_BUNDLE),
        ('{"format": "kiosk-provision", "version": 2}', RefusalCode.UNKNOWN_VERSION),
        ('{"format": "kiosk-provision", "version": 1, "bundle": {}}', RefusalCode.NOT_A_BUNDLE),
        (QR_PREFIX + _packed("hello world"), RefusalCode.NOT_A_BUNDLE),
        (QR_PREFIX + "truncated!", RefusalCode.INCOMPLETE_CODE),
    ],
)
def test_text_that_is_no_bundle_is_refused_with_its_code(text: str, code: RefusalCode) -> None:
    with pytest.raises(BundleUnreadable) as caught:
        read_bundle(text)

    assert caught.value.refusal.code is code
    assert caught.value.refusal.zh and caught.value.refusal.en


def test_a_bundle_missing_fields_names_them() -> None:
    document = json.loads(signed().to_json())
    del document["bundle"]["sealing_key"]

    with pytest.raises(BundleUnreadable, match="sealing_key"):
        read_bundle(json.dumps(document))
