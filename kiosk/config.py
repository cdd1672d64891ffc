"""The kiosk's settings: one declaration, read from a TOML file and overridden by environment.

Environment variables take the form KIOSK_<SECTION>__<KEY> (for example
KIOSK_DEVICES__PRINTER__URI, read by kiosk.settings_env); KIOSK_DATA_DIR moves all state. A bad
setting stops start-up with a message naming the key and the problem.

A field marked with `_console(...)` is one a technician changes on the console's settings page;
its description, type, bounds and choices make that page and `kiosk config` (kiosk.config_edit).
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal, get_args
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import ErrorDetails

from kiosk.config_error import ConfigError, SettingsRefused
from kiosk.crypto.suite import DEFAULT_SUITE
from kiosk.device_table import stable_path
from kiosk.paths import default_data_dir
from kiosk.settings_env import alternatives, environment_values, merged

CONFIG_ENV = "KIOSK_CONFIG"
_SYSTEM_CONFIG = Path("/etc/kiosk/kiosk.toml")
_PRINTER_SCHEMES = ("usb://", "serial://", "tcp://", "file://")
_LOOPBACK_HOSTS = ("127.0.0.1", "::1", "localhost")
# The kiosk puts the API version (/v1, sync/contract.py) after platform.url itself.
_API_VERSION_AT_END = re.compile(r"/v[0-9]+/*$")

# When a change made at the console or with `kiosk config set` takes effect (kiosk.config_edit):
LIVE = "live"  # at once, on the touchscreen
AFTER_APP_RESTART = "app_restart"  # when the touchscreen app starts again and opens its devices
AFTER_AGENT_RESTART = "agent_restart"  # when the sync agent starts again


def _console(zh: str, applies: str) -> dict[str, JsonValue]:
    """Marks a setting technicians change at the console: its description for the console in
    Chinese (the field's `description` is the English one) and when a change takes effect."""
    return {"zh": zh, "applies": applies}


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TerminalSettings(_Section):
    """Who this kiosk is and where it stands."""

    # Assigned by the province; when absent a random id is generated once per data dir.
    id: Annotated[
        Annotated[str, Field(pattern=r"^[A-Z0-9]{4,16}$")] | None,
        Field(
            description="Terminal id assigned by the province: 4 to 16 capital letters or digits",
            json_schema_extra=_console(
                "终端编号（省里分配，4到16位大写字母或数字）", AFTER_APP_RESTART
            ),
        ),
    ] = None
    hall_name: Annotated[
        str,
        Field(
            min_length=1,
            max_length=60,
            description="Hall name shown on the attract screen",
            json_schema_extra=_console("大厅名称（首页底部显示）", LIVE),
        ),
    ] = "市民服务中心 24小时自助服务区"
    hotline: Annotated[
        str,
        Field(
            pattern=r"^[0-9-]{3,20}$",
            description="Hotline residents are told to call: digits and hyphens",
            json_schema_extra=_console("咨询投诉热线（数字，可含短横线）", LIVE),
        ),
    ] = "12345"
    # The administrative division code (行政区划代码) of the hall, from the provisioning bundle.
    region: Annotated[str, Field(pattern=r"^[0-9]{6}$")] | None = None
    timezone: str = "Asia/Shanghai"

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(
                f"unknown time zone {value!r} (use a name such as Asia/Shanghai)"
            ) from exc
        return value


class IdReaderSettings(_Section):
    """The second-generation ID card reader: the SAM serial protocol, or a vendor SDK library
    (termb-style API) for readers that do not expose the protocol."""

    backend: Literal["serial", "sdk"] = "serial"
    port: Annotated[
        str,
        Field(
            min_length=1,
            description="Serial port of the ID card reader",
            json_schema_extra=_console("身份证读卡器串口", AFTER_APP_RESTART),
        ),
    ] = stable_path("id-reader")
    baudrate: Literal[9600, 19200, 38400, 57600, 115200] = 115200
    sdk_library: str = "libtermb.so"
    # SDK port numbers: 1..16 serial, 1001..1016 USB.
    sdk_port: Annotated[int, Field(ge=1, le=1016)] = 1001
    # A vendor library that decodes the card photo (WLT); none means no photo is shown.
    photo_library: str = ""


class PrinterSettings(_Section):
    """The ESC/POS receipt printer; an empty URI means the kiosk has no printer."""

    uri: Annotated[
        str,
        Field(
            description="Receipt printer: usb://VID:PID, serial://PORT, tcp://HOST:9100, "
            'file://PATH, or "" for none',
            json_schema_extra=_console(
                "回执打印机地址（usb://、serial://、tcp://、file://，留空表示没有打印机）",
                AFTER_APP_RESTART,
            ),
        ),
    ] = "usb://0416:5011"
    paper: Annotated[
        Literal["58mm", "80mm"],
        Field(
            description="Width of the receipt paper",
            json_schema_extra=_console("回执纸宽度", AFTER_APP_RESTART),
        ),
    ] = "80mm"

    @field_validator("uri")
    @classmethod
    def _known_scheme(cls, value: str) -> str:
        if value and not value.startswith(_PRINTER_SCHEMES):
            raise ValueError(
                "printer URI must start with one of " + ", ".join(_PRINTER_SCHEMES) + " or be empty"
            )
        return value


class SerialScannerSettings(_Section):
    """A QR scanner in serial (virtual COM) mode: each code arrives as a line on a port."""

    kind: Literal["serial"]
    port: Annotated[str, Field(min_length=1, examples=[stable_path("qr-scanner")])]
    baudrate: Literal[9600, 19200, 38400, 57600, 115200] = 9600


class HidScannerSettings(_Section):
    """A QR scanner in USB keyboard (HID) mode, read from its evdev node and grabbed, so its
    keystrokes reach the kiosk's scanner listener and never a text field."""

    kind: Literal["hid"]
    device: Annotated[str, Field(min_length=1, examples=[stable_path("qr-scanner-hid")])]


class CameraScannerSettings(_Section):
    """A camera whose frames the kiosk decodes itself (摄像头扫码)."""

    kind: Literal["camera"]
    # A camera index (0 is /dev/video0), a device path, a video file or a stream URL: what
    # OpenCV's VideoCapture opens.
    source: Annotated[
        int | str,
        Field(
            examples=[0, "/dev/video0"],
            description="Camera: an index (0 is /dev/video0), a device path, a file or a URL",
            json_schema_extra=_console(
                "扫码摄像头（编号0即/dev/video0，或设备路径）", AFTER_APP_RESTART
            ),
        ),
    ]
    # Asked of the camera; the decoders were tuned on 640×480 (drivers' DEFAULT_FRAME_SIZE).
    frame_width: Annotated[int, Field(ge=160, le=3840)] = 640
    frame_height: Annotated[int, Field(ge=120, le=2160)] = 480

    @field_validator("source")
    @classmethod
    def _index_or_path(cls, value: int | str) -> int | str:
        """A "0" (from the environment, or quoted in the file) is camera 0, not a file "0"."""
        if isinstance(value, str):
            if value.strip().isdigit():
                return int(value)
            if not value.strip():
                raise ValueError('must name a camera: write source = 0 or source = "/dev/video0"')
        if isinstance(value, int) and value < 0:
            raise ValueError("a camera index is 0 or more")
        return value


# Which scanner the kiosk has, chosen by `kind`; no [devices.qr_scanner] section means none.
QrScannerSettings = Annotated[
    SerialScannerSettings | HidScannerSettings | CameraScannerSettings,
    Field(discriminator="kind"),
]


class DeviceSettings(_Section):
    id_reader: IdReaderSettings = IdReaderSettings()
    printer: PrinterSettings = PrinterSettings()
    qr_scanner: QrScannerSettings | None = None


class PlatformSettings(_Section):
    """The provincial platform the sync agent delivers to, and the keys that bind us to it."""

    # The platform's base address, without the API version: the kiosk appends /v1/...
    # HTTPS; plain http:// only to this machine (a platform simulated on loopback).
    url: Annotated[
        Annotated[str, Field(pattern=r"^https?://[^\s/]+")] | None,
        Field(
            description="Platform base address without /v1; https:// (http:// only to loopback)",
            json_schema_extra=_console(
                "政务服务平台地址（https://，不含/v1）", AFTER_AGENT_RESTART
            ),
        ),
    ] = None
    timeout_s: Annotated[float, Field(gt=0, le=120)] = 5.0
    # What the receipt's QR code carries, so a phone or the kiosk can look the case up.
    lookup_url: str = "https://zwfw.example.gov.cn/progress?case={case_number}"
    # The algorithms for sealing, signing and digests (kiosk/crypto); one name for all three.
    suite: str = DEFAULT_SUITE
    # The platform's public key (base64) every submission's personal data is sealed to.
    # Without it the kiosk cannot accept applications: it must never store them in clear.
    sealing_key: str | None = None
    # The platform's public key (base64) that signs catalog updates.
    catalog_signing_key: str | None = None
    # HTTPS: the CA bundle the platform's certificate is checked against (the government
    # extranet has its own CA); none means the system's CAs.
    ca_bundle: Annotated[
        Path | None,
        Field(
            description="CA bundle the platform's certificate is checked against; "
            "none: the system's CAs",
            json_schema_extra=_console("平台证书的CA文件路径（留空用系统CA）", AFTER_AGENT_RESTART),
        ),
    ] = None
    # A client certificate for this terminal, when the platform asks for one.
    client_cert: Path | None = None
    client_key: Path | None = None
    # The terminal's request-signing key; generated on first use. Default: <data dir>/keys/.
    terminal_key: Path | None = None

    @field_validator("lookup_url")
    @classmethod
    def _has_case_placeholder(cls, value: str) -> str:
        if "{case_number}" not in value:
            raise ValueError("must contain the placeholder {case_number}")
        return value

    @field_validator("suite")
    @classmethod
    def _known_suite(cls, value: str) -> str:
        from kiosk.crypto import suite_named

        suite_named(value)  # raises ValueError naming the known suites
        return value

    @field_validator("url")
    @classmethod
    def _without_api_version(cls, value: str | None) -> str | None:
        """A URL ending in /v1 would be asked for /v1/v1/...; refused at start-up rather
        than discovered as 404s in the agent's log."""
        if value is not None and _API_VERSION_AT_END.search(urlsplit(value).path):
            base = _API_VERSION_AT_END.sub("", value)
            raise ValueError(
                "must not end with the API version: the kiosk adds /v1/... itself; "
                f'write url = "{base}"'
            )
        return value

    @field_validator("url")
    @classmethod
    def _https_beyond_this_machine(cls, value: str | None) -> str | None:
        if value is None or value.startswith("https://"):
            return value
        if urlsplit(value).hostname not in _LOOPBACK_HOSTS:
            raise ValueError(
                "must be https:// (plain http:// is allowed only to 127.0.0.1, [::1] or localhost)"
            )
        return value

    @field_validator("sealing_key", "catalog_signing_key")
    @classmethod
    def _public_key(cls, value: str | None, info: ValidationInfo) -> str | None:
        if value is None:
            return None
        from kiosk.crypto import suite_named
        from kiosk.crypto.suite import decode_key

        try:
            key = decode_key(value)
        except ValueError as exc:
            raise ValueError("must be a base64 public key (from `kiosk platform init`)") from exc
        try:
            suite = suite_named(info.data.get("suite", DEFAULT_SUITE))
        except ValueError:
            return value.strip()  # the suite itself is reported as the problem
        suite.check_public_key("sealing" if info.field_name == "sealing_key" else "signing", key)
        return value.strip()

    @model_validator(mode="after")
    def _client_cert_and_key_together(self) -> PlatformSettings:
        if (self.client_cert is None) != (self.client_key is None):
            raise ValueError("client_cert and client_key must be set together")
        return self


class SyncSettings(_Section):
    """The sync agent: how it paces delivery, retries and housekeeping."""

    batch_size: Annotated[int, Field(ge=1, le=500)] = 50
    # How often an idle agent looks for newly queued submissions.
    poll_interval_s: Annotated[float, Field(gt=0, le=300)] = 2.0
    heartbeat_interval_s: Annotated[float, Field(gt=0, le=3600)] = 60.0
    status_interval_s: Annotated[float, Field(gt=0, le=3600)] = 60.0
    catalog_interval_s: Annotated[float, Field(gt=0, le=86400)] = 600.0
    # Exponential backoff after a transient failure: doubles from initial to max, with jitter.
    backoff_initial_s: Annotated[float, Field(gt=0, le=600)] = 2.0
    backoff_max_s: Annotated[float, Field(gt=0, le=7200)] = 300.0
    # Sealed payloads are purged this many days after the platform acknowledged them.
    retention_days: Annotated[int, Field(ge=0, le=3650)] = 30
    # The quiet hour (local time, 0-23) of the nightly purge, integrity check and backup.
    housekeeping_hour: Annotated[int, Field(ge=0, le=23)] = 3
    # Verified backups of the queue kept in data_dir/backups, newest first.
    backups_kept: Annotated[int, Field(ge=1, le=30)] = 3


class UiSettings(_Section):
    """The touchscreen."""

    font_family: str = "Noto Sans CJK SC"
    # A touchscreen has no pointer to show; a kiosk run with a mouse (a trial, the demo in a
    # window) sets it false.
    hide_cursor: bool = True
    language: Annotated[
        Literal["zh_CN", "en_US"],
        Field(
            description="Language each visit starts in",
            json_schema_extra=_console("默认语言（每次办理开始时的语言）", LIVE),
        ),
    ] = "zh_CN"
    # Seconds without a touch before "需要更多时间吗?" appears, and how long it counts down.
    idle_timeout_s: Annotated[
        int,
        Field(
            ge=15,
            le=1800,
            description="Seconds without a touch before the kiosk asks whether more time is needed",
            json_schema_extra=_console("无操作多少秒后询问“需要更多时间吗”", LIVE),
        ),
    ] = 90
    idle_warning_s: Annotated[
        int,
        Field(
            ge=5,
            le=120,
            description="Seconds that question counts down before the visit ends",
            json_schema_extra=_console("询问后倒计时多少秒结束办理", LIVE),
        ),
    ] = 20
    # Elder mode (长辈模式) gives this many times longer before the warning.
    elder_timeout_factor: Annotated[float, Field(ge=1.0, le=5.0)] = 2.0
    # Seconds a finished screen stays before the kiosk returns to the attract screen.
    thanks_timeout_s: Annotated[int, Field(ge=3, le=600)] = 60
    voice: Annotated[
        bool,
        Field(
            description="Whether each visit starts with voice guidance on",
            json_schema_extra=_console("语音播报（每次办理开始时是否打开）", LIVE),
        ),
    ] = True
    # The offline text-to-speech program; {voice} becomes cmn or en-us, the text is appended.
    tts_command: tuple[str, ...] = ("espeak-ng", "-v", "{voice}", "-s", "150")


class StaffSettings(_Section):
    """The staff console: how staff reach it and how long it stays open untouched."""

    # A scanned code that starts with this and carries a staff number (工号) after it opens
    # the PIN pad for that number; empty means no badges, only the hidden corner.
    badge_prefix: str = ""
    console_idle_s: Annotated[int, Field(ge=15, le=1800)] = 120


class UpdateSettings(_Section):
    """The verdict on a boot after a software update (kiosk update commit)."""

    # How long a newly booted slot has to paint its first screen and pass the critical checks
    # before it is marked bad and the other slot boots: a cold start with a first boot's
    # migrations paints in well under two minutes on the slowest supported board.
    commit_deadline_s: Annotated[int, Field(ge=60, le=3600)] = 300


class KioskSettings(_Section):
    """Every setting of the kiosk, in sections that match the parts of the product."""

    data_dir: Path = Field(default_factory=default_data_dir)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    terminal: TerminalSettings = TerminalSettings()
    devices: DeviceSettings = DeviceSettings()
    platform: PlatformSettings = PlatformSettings()
    sync: SyncSettings = SyncSettings()
    ui: UiSettings = UiSettings()
    staff: StaffSettings = StaffSettings()
    update: UpdateSettings = UpdateSettings()

    @property
    def database_path(self) -> Path:
        return self.data_dir / "kiosk.db"

    @property
    def health_path(self) -> Path:
        """The device health board the touchscreen writes and the sync agent reports."""
        return self.data_dir / "devices.json"

    @property
    def terminal_key_path(self) -> Path:
        return self.platform.terminal_key or self.data_dir / "keys" / "terminal-signing.key"


def config_path(explicit: Path | None) -> Path | None:
    """The file to read: --config, then $KIOSK_CONFIG, then /etc/kiosk/kiosk.toml if present."""
    if explicit is not None:
        return explicit
    if from_env := os.environ.get(CONFIG_ENV):
        return Path(from_env)
    return _SYSTEM_CONFIG if _SYSTEM_CONFIG.is_file() else None


def file_to_change(explicit: Path | None) -> Path:
    """The file a change of settings is written to: the one they are read from, else
    /etc/kiosk/kiosk.toml, created then."""
    return config_path(explicit) or _SYSTEM_CONFIG


def settings_source(explicit: Path | None) -> str:
    """Which file the settings came from, in words, for messages about a setting: the default
    /etc/kiosk/kiosk.toml surprises whoever meant a kiosk.toml in the current directory."""
    source = config_path(explicit)
    if source is not None:
        return f"settings read from {source}"
    return (
        f"no settings file was read: none given with --config or ${CONFIG_ENV}, "
        f"and {_SYSTEM_CONFIG} does not exist"
    )


def load_settings(path: Path | None = None) -> KioskSettings:
    """Read and validate the configuration, or raise ConfigError naming each bad key."""
    source = config_path(path)
    values: dict[str, Any] = {}
    if source is not None:
        try:
            values = tomllib.loads(source.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"config file {source} does not exist") from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"config file {source} cannot be read: {exc}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {source} is not valid TOML: {exc}") from exc
    return settings_from_values(values, source)


def settings_from_values(values: dict[str, Any], source: Path | None) -> KioskSettings:
    """The settings a file's `values` give, with the environment laid over them, key by key;
    SettingsRefused (a ConfigError) naming each bad key, as read from `source`."""
    values = merged(values, environment_values(KioskSettings, os.environ))
    try:
        return KioskSettings.model_validate(values)
    except ValidationError as exc:
        problems = tuple(_explained(problem) for problem in exc.errors())
        raise SettingsRefused(_describe(problems, source), problems) from exc


def _describe(problems: tuple[tuple[str, str], ...], source: Path | None) -> str:
    where = str(source) if source else "no settings file, defaults and environment"
    lines = [f"invalid configuration ({where}):"]
    lines.extend(f"  {key}: {message}" for key, message in problems)
    return "\n".join(lines)


# The key that says which of a section's kinds it holds (one of [devices.qr_scanner]'s models).
_KIND = "kind"


def _explained(problem: ErrorDetails) -> tuple[str, str]:
    """The problem's dotted key, as written in the file, and what is wrong in words."""
    names, model, kinds = _setting_at(problem["loc"])
    key = ".".join(names)
    given = problem.get("input")
    if problem["type"] in ("union_tag_not_found", "union_tag_invalid"):
        quoted = [f'"{tag}"' for tag in kinds]
        choices = ", ".join(quoted[:-1]) + " or " + quoted[-1]
        if problem["type"] == "union_tag_invalid":
            tag = problem.get("ctx", {}).get("tag")
            return f"{key}.{_KIND}", f"{tag!r} is no kind of device here; write {_KIND} = {choices}"
        message = f"missing; write {_KIND} = {choices} (no section at all means none)"
        fitting = _kinds_accepting(kinds, given)
        if len(fitting) == 1:
            message += (
                f'; the keys given are those of {_KIND} = "{fitting[0]}", as a file from before '
                "kinds were introduced has them: add that line"
            )
        return f"{key}.{_KIND}", message
    if problem["type"] in _EMPTY and model is not None and names[-1] in model.model_fields:
        examples = model.model_fields[names[-1]].examples
        if examples:
            return key, f"{_EMPTY[problem['type']]}; write {names[-1]} = {json.dumps(examples[0])}"
    if problem["type"] == "extra_forbidden":
        return key, "unknown setting (check the spelling and the section)"
    return key, _plain(problem["msg"])


# A setting left out or left empty, for which the declaration gives an example to write.
_EMPTY = {"missing": "missing", "string_too_short": "empty"}


def _setting_at(
    loc: tuple[int | str, ...],
) -> tuple[list[str], type[BaseModel] | None, dict[str, type[BaseModel]]]:
    """Walk the settings along pydantic's `loc`: the names as the file writes them (a union's
    tag, which pydantic puts in the path, is not one), the model holding the last one, and the
    kinds a union at the end could be."""
    names: list[str] = []
    holder: type[BaseModel] | None = None
    model: type[BaseModel] | None = KioskSettings
    kinds: dict[str, type[BaseModel]] = {}
    for part in loc:
        if isinstance(part, str) and part in kinds:
            model, kinds = kinds[part], {}
            continue
        names.append(str(part))
        holder = model
        if model is None or part not in model.model_fields:
            model, kinds = None, {}
            continue
        model, kinds = _models_in(model.model_fields[str(part)].annotation)
    return names, holder, kinds


def _models_in(annotation: object) -> tuple[type[BaseModel] | None, dict[str, type[BaseModel]]]:
    """The section model a setting holds, or the kinds of a union of sections by their tag."""
    models = [
        candidate
        for candidate in alternatives(annotation)
        if isinstance(candidate, type) and issubclass(candidate, BaseModel)
    ]
    kinds = {
        get_args(m.model_fields[_KIND].annotation)[0]: m for m in models if _KIND in m.model_fields
    }
    if len(kinds) > 1:
        return None, kinds
    return (models[0] if models else None), {}


def _kinds_accepting(kinds: dict[str, type[BaseModel]], given: object) -> list[str]:
    """The kinds whose sections have every key that was given."""
    if not isinstance(given, dict) or not given:
        return []
    return [tag for tag, model in kinds.items() if set(given) <= set(model.model_fields)]


def _plain(message: str) -> str:
    return re.sub(r"^Value error, ", "", message)
