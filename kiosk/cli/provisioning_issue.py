"""`kiosk platform provisioning-key` and `provisioning-bundle`: the province's side of
provisioning, run where the province keeps its provisioning key, never on a kiosk."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.cli.common import EXIT_INVALID_INPUT, EXIT_OK, CommandFailed

if TYPE_CHECKING:
    from kiosk.provisioning.bundle import Bundle

Action = Callable[[str, Callable[[argparse.Namespace], int], str], Any]


def register(action: Action) -> None:
    """Add both commands through platform_cmd's `action` (they need no database)."""
    key = action("provisioning-key", run_key, "create the province's provisioning key pair (once)")
    key.add_argument("--out", required=True, type=Path, metavar="DIR", help="key directory")

    bundle = action(
        "provisioning-bundle",
        run_bundle,
        "sign a provisioning bundle for one terminal (a file, and a QR code image)",
    )
    bundle.add_argument("--key", required=True, type=Path, metavar="PRIV", help="provisioning.key")
    bundle.add_argument("--terminal", required=True, metavar="ID", help="the terminal id")
    bundle.add_argument("--hall", required=True, metavar="NAME", help="the hall's name")
    bundle.add_argument("--hotline", default="12345", help="the hotline residents call")
    bundle.add_argument(
        "--region", required=True, metavar="CODE", help="administrative division code, 6 digits"
    )
    bundle.add_argument(
        "--url", required=True, help="the platform's base address as kiosks reach it, no /v1"
    )
    bundle.add_argument(
        "--lookup-url",
        default="https://zwfw.example.gov.cn/progress?case={case_number}",
        help="what a receipt's QR code opens; must hold {case_number}",
    )
    bundle.add_argument(
        "--ca", required=True, type=Path, metavar="FILE", help="the platform's CA (PEM)"
    )
    bundle.add_argument(
        "--platform-keys",
        required=True,
        type=Path,
        metavar="PATH",
        help="what `kiosk platform init` printed (a file), or the platform's --keys directory",
    )
    bundle.add_argument(
        "--valid-days", type=int, default=30, help="days the bundle may be used (default 30)"
    )
    bundle.add_argument("--out", required=True, type=Path, metavar="FILE", help="*.kiosk-provision")
    bundle.add_argument("--qr-png", type=Path, metavar="FILE", help="also draw its QR code")


def run_key(args: argparse.Namespace) -> int:
    from kiosk.provisioning.issue import KeyExists, create_provisioning_key

    try:
        public = create_provisioning_key(args.out)
    except KeyExists as exc:
        raise CommandFailed(str(exc), EXIT_INVALID_INPUT) from exc
    print(f"private key: {args.out / 'provisioning.key'} (keep it offline; it signs bundles)")
    print(f"public key:  {public}")
    print("install the public key on kiosks as /usr/lib/kiosk/provisioning.pub (the image)")
    print("or /etc/kiosk/provisioning.pub")
    return EXIT_OK


def run_bundle(args: argparse.Namespace) -> int:
    from kiosk.provisioning.bundle import Bundle
    from kiosk.provisioning.issue import fits_one_qr_code, load_provisioning_key, sign_bundle
    from kiosk.provisioning.issue import validity as bundle_validity

    if not 1 <= args.valid_days <= 365:
        raise CommandFailed("--valid-days must be 1 to 365", EXIT_INVALID_INPUT)
    try:
        suite, pair = load_provisioning_key(args.key)
    except (OSError, ValueError) as exc:
        raise CommandFailed(f"--key: {exc}", EXIT_INVALID_INPUT) from exc
    platform = _platform_keys(args.platform_keys)
    issued_at, expires_at = bundle_validity(datetime.now(UTC), timedelta(days=args.valid_days))
    bundle = Bundle(
        terminal_id=args.terminal,
        hall_name=args.hall,
        hotline=args.hotline,
        region=args.region,
        platform_url=args.url,
        lookup_url=args.lookup_url,
        suite=platform["suite"],
        sealing_key=platform["sealing_key"],
        catalog_signing_key=platform["catalog_signing_key"],
        ca_bundle=_text(args.ca, "--ca"),
        issued_at=issued_at,
        expires_at=expires_at,
    )
    _refuse_what_a_kiosk_would(bundle)
    signed = sign_bundle(bundle, suite, pair)
    args.out.write_text(signed.to_json(), encoding="utf-8")
    print(f"{args.out}: bundle for terminal {args.terminal}, valid until {expires_at}")
    if args.qr_png is not None:
        if not fits_one_qr_code(signed):
            raise CommandFailed(
                f"the bundle is too large for one QR code ({len(signed.to_qr_text())} "
                "characters; the CA bundle is the large part): provision from the file on a "
                "USB stick instead",
            )
        _write_png(args.qr_png, signed.to_qr_text())
        print(f"{args.qr_png}: its QR code ({len(signed.to_qr_text())} characters)")
    return EXIT_OK


def _platform_keys(path: Path) -> dict[str, str]:
    """suite, sealing_key and catalog_signing_key from `kiosk platform init`'s output or from
    the platform's key directory."""
    import tomllib

    if path.is_dir():
        from sync.platform.keys import KeysMissing, PlatformKeys

        try:
            return PlatformKeys.load(path).kiosk_settings()
        except (KeysMissing, ValueError) as exc:
            raise CommandFailed(f"--platform-keys: {exc}", EXIT_INVALID_INPUT) from exc
    try:
        table = tomllib.loads(_text(path, "--platform-keys")).get("platform", {})
    except tomllib.TOMLDecodeError as exc:
        raise CommandFailed(
            f"--platform-keys {path}: not what `kiosk platform init` prints ({exc})",
            EXIT_INVALID_INPUT,
        ) from exc
    wanted = ("suite", "sealing_key", "catalog_signing_key")
    if not all(isinstance(table.get(key), str) for key in wanted):
        raise CommandFailed(
            f"--platform-keys {path}: needs a [platform] table with {', '.join(wanted)}, as "
            "`kiosk platform init` prints",
            EXIT_INVALID_INPUT,
        )
    return {key: table[key] for key in wanted}


def _refuse_what_a_kiosk_would(bundle: Bundle) -> None:
    """The kiosk's own checks, but the signature's, before anything is signed."""
    from kiosk.provisioning.check import check_values

    problems = check_values(bundle, datetime.now(UTC))
    if problems:
        for refusal in problems:
            print(f"refused [{refusal.code.value}]: {refusal.en}", file=sys.stderr)
        raise CommandFailed("no bundle written: a kiosk would refuse it", EXIT_INVALID_INPUT)


def _text(path: Path, option: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandFailed(f"{option} {path}: cannot be read ({exc})", EXIT_INVALID_INPUT) from exc


def _write_png(path: Path, text: str) -> None:
    import cv2

    from drivers.qr.render import render_qr

    # 6 pixels a module: printed at 300 dpi that is 0.5 mm, what a kiosk's imager resolves.
    symbol = render_qr(text, correction="L")
    big = cv2.resize(symbol, None, fx=6, fy=6, interpolation=cv2.INTER_NEAREST)
    if not cv2.imwrite(str(path), big):
        raise CommandFailed(f"--qr-png {path}: cannot be written")
