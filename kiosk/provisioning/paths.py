"""Where provisioning reads and writes, named once: the trusted provisioning keys, the files a
provisioned kiosk holds, and the name a provisioning file has on a USB stick."""

from __future__ import annotations

import os
from pathlib import Path

# The province's provisioning public keys a kiosk trusts: a technician's local file first,
# then the one the image bakes in. The environment variable replaces both (tests, trials).
TRUSTED_KEYS_ENV = "KIOSK_PROVISIONING_KEYS"
TRUSTED_KEY_FILES = (Path("/etc/kiosk/provisioning.pub"), Path("/usr/lib/kiosk/provisioning.pub"))

# A provisioning file on a stick: any name ending so, at the stick's top level.
BUNDLE_SUFFIX = ".kiosk-provision"
# What `kiosk platform provisioning-bundle` suggests naming it.
DEFAULT_BUNDLE_NAME = f"kiosk{BUNDLE_SUFFIX}"

# The platform's CA bundle, beside the settings file (/etc/kiosk/tls/platform-ca.pem).
TLS_DIR_NAME = "tls"
CA_FILE_NAME = "platform-ca.pem"

# The stable device names the package's udev rules give the QR scanner: a serial one, or a
# keyboard-mode one; the provisioning screen tries them when no scanner is configured.
SERIAL_SCANNER_DEVICE = Path("/dev/kiosk/qr-scanner")
HID_SCANNER_DEVICE = Path("/dev/kiosk/qr-scanner-hid")

# The account the kiosk's services run as; only it (and root) may read their secrets.
SERVICE_USER = "kiosk"


def trusted_key_files() -> tuple[Path, ...]:
    """The files whose keys are trusted, in order: $KIOSK_PROVISIONING_KEYS alone if set."""
    if explicit := os.environ.get(TRUSTED_KEYS_ENV):
        return (Path(explicit),)
    return TRUSTED_KEY_FILES


def tls_dir(settings_file: Path) -> Path:
    return settings_file.parent / TLS_DIR_NAME
