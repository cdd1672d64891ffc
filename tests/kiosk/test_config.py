from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import (
    CameraScannerSettings,
    HidScannerSettings,
    KioskSettings,
    SerialScannerSettings,
    load_settings,
)
from kiosk.config_error import ConfigError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_put_all_state_in_the_data_dir(isolated_environment: Path) -> None:
    settings = load_settings()
    assert settings.database_path == isolated_environment / "kiosk.db"


def test_bad_values_are_reported_with_their_keys(tmp_path: Path) -> None:
    config = write(
        tmp_path / "bad.toml",
        '[terminal]\nid = "x"\n[devices.printer]\nuri = "lp0"\n[ui]\nthanks_timeout_s = 1\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    message = str(caught.value)
    assert "terminal.id" in message
    assert "devices.printer.uri" in message
    assert "ui.thanks_timeout_s" in message


def test_an_unknown_key_is_named_as_unknown(tmp_path: Path) -> None:
    config = write(tmp_path / "typo.toml", "[devices.printer]\nurl = 'tcp://a:9100'\n")
    with pytest.raises(ConfigError, match=r"devices\.printer\.url: unknown setting"):
        load_settings(config)


def test_broken_toml_is_refused_with_the_file_named(tmp_path: Path) -> None:
    config = write(tmp_path / "broken.toml", "[terminal\n")
    with pytest.raises(ConfigError, match=r"broken\.toml is not valid TOML"):
        load_settings(config)


def test_a_missing_explicit_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(tmp_path / "nowhere.toml")


def test_environment_overrides_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = write(tmp_path / "k.toml", '[devices.printer]\nuri = "tcp://10.0.0.5:9100"\n')
    monkeypatch.setenv("KIOSK_DEVICES__PRINTER__URI", "file:///dev/usb/lp0")
    assert load_settings(config).devices.printer.uri == "file:///dev/usb/lp0"


def test_the_environment_overrides_key_by_key_and_keeps_the_rest_of_the_section(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write(tmp_path / "k.toml", '[devices.printer]\nuri = "tcp://10.0.0.5:9100"\n')
    monkeypatch.setenv("KIOSK_DEVICES__PRINTER__PAPER", "58mm")
    monkeypatch.setenv("kiosk_ui__voice", "false")  # names match whatever their case

    settings = load_settings(config)

    assert (settings.devices.printer.uri, settings.devices.printer.paper) == (
        "tcp://10.0.0.5:9100",
        "58mm",
    )
    assert settings.ui.voice is False


def test_an_empty_printer_uri_in_the_environment_means_no_printer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write(tmp_path / "k.toml", '[devices.printer]\nuri = "tcp://10.0.0.5:9100"\n')
    monkeypatch.setenv("KIOSK_DEVICES__PRINTER__URI", "")
    assert load_settings(config).devices.printer.uri == ""


def test_a_list_or_a_section_in_the_environment_is_json_and_single_keys_go_on_top(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_UI__TTS_COMMAND", '["say", "-v", "{voice}"]')
    monkeypatch.setenv("KIOSK_DEVICES", '{"printer": {"paper": "58mm", "uri": ""}}')
    monkeypatch.setenv("KIOSK_DEVICES__PRINTER__URI", "file:///dev/usb/lp0")

    settings = load_settings(write(tmp_path / "k.toml", ""))

    assert settings.ui.tts_command == ("say", "-v", "{voice}")
    assert (settings.devices.printer.paper, settings.devices.printer.uri) == (
        "58mm",
        "file:///dev/usb/lp0",
    )


def test_a_baud_rate_in_the_environment_chooses_that_rate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write(tmp_path / "k.toml", SERIAL_SCANNER)
    monkeypatch.setenv("KIOSK_DEVICES__QR_SCANNER__BAUDRATE", "19200")
    monkeypatch.setenv("KIOSK_DEVICES__ID_READER__BAUDRATE", " 9600 ")

    devices = load_settings(config).devices

    assert isinstance(devices.qr_scanner, SerialScannerSettings)
    assert (devices.qr_scanner.baudrate, devices.id_reader.baudrate) == (19200, 9600)


def test_a_baud_rate_no_device_speaks_is_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_DEVICES__QR_SCANNER__BAUDRATE", "12345")
    with pytest.raises(ConfigError, match=r"devices\.qr_scanner\.baudrate"):
        load_settings(write(tmp_path / "k.toml", SERIAL_SCANNER))


# -- the QR scanner: one of three kinds, or none -----------------------------------------------

SERIAL_SCANNER = '[devices.qr_scanner]\nkind = "serial"\nport = "/dev/ttyACM0"\n'


def test_without_a_scanner_section_the_kiosk_has_no_scanner(tmp_path: Path) -> None:
    assert load_settings(write(tmp_path / "k.toml", "")).devices.qr_scanner is None


def test_each_kind_of_scanner_takes_its_own_settings(tmp_path: Path) -> None:
    serial = load_settings(write(tmp_path / "s.toml", SERIAL_SCANNER)).devices.qr_scanner
    hid = load_settings(
        write(
            tmp_path / "h.toml",
            '[devices.qr_scanner]\nkind = "hid"\ndevice = "/dev/input/by-id/usb-scanner-kbd"\n',
        )
    ).devices.qr_scanner
    camera = load_settings(
        write(tmp_path / "c.toml", '[devices.qr_scanner]\nkind = "camera"\nsource = 0\n')
    ).devices.qr_scanner

    assert serial == SerialScannerSettings(kind="serial", port="/dev/ttyACM0", baudrate=9600)
    assert hid == HidScannerSettings(kind="hid", device="/dev/input/by-id/usb-scanner-kbd")
    assert isinstance(camera, CameraScannerSettings)
    assert (camera.source, camera.frame_width, camera.frame_height) == (0, 640, 480)


def test_the_camera_frame_size_defaults_to_the_size_the_decoders_were_tuned_on(
    tmp_path: Path,
) -> None:
    from drivers.qr.camera import DEFAULT_FRAME_SIZE

    camera = CameraScannerSettings(kind="camera", source=0)
    assert (camera.frame_width, camera.frame_height) == DEFAULT_FRAME_SIZE


def test_a_camera_source_is_an_index_a_path_or_a_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write(tmp_path / "c.toml", '[devices.qr_scanner]\nkind = "camera"\nsource = "0"\n')
    assert _camera(load_settings(config)).source == 0  # "0" is camera 0, not a file named 0

    monkeypatch.setenv("KIOSK_DEVICES__QR_SCANNER__SOURCE", "rtsp://10.0.0.9/stream")
    monkeypatch.setenv("KIOSK_DEVICES__QR_SCANNER__FRAME_WIDTH", "1280")
    camera = _camera(load_settings(config))
    assert (camera.source, camera.frame_width) == ("rtsp://10.0.0.9/stream", 1280)


def _camera(settings: KioskSettings) -> CameraScannerSettings:
    assert isinstance(settings.devices.qr_scanner, CameraScannerSettings)
    return settings.devices.qr_scanner


def test_a_file_from_before_kinds_is_told_to_add_kind_serial(tmp_path: Path) -> None:
    config = write(tmp_path / "old.toml", '[devices.qr_scanner]\nport = "/dev/ttyACM0"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert 'devices.qr_scanner.kind: missing; write kind = "serial", "hid" or "camera"' in str(
        caught.value
    )
    assert 'those of kind = "serial"' in str(caught.value)


def test_an_unknown_kind_is_refused_naming_the_kinds(tmp_path: Path) -> None:
    config = write(tmp_path / "k.toml", '[devices.qr_scanner]\nkind = "usb"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert (
        "devices.qr_scanner.kind: 'usb' is no kind of device here; "
        'write kind = "serial", "hid" or "camera"'
    ) in str(caught.value)


@pytest.mark.parametrize(
    ("section", "problem"),
    [
        (
            'kind = "serial"',
            'devices.qr_scanner.port: missing; write port = "/dev/kiosk/qr-scanner"',
        ),
        (
            'kind = "serial"\nport = ""',
            'devices.qr_scanner.port: empty; write port = "/dev/kiosk/qr-scanner"',
        ),
        ('kind = "hid"', "devices.qr_scanner.device: missing; write device = "),
        ('kind = "camera"', "devices.qr_scanner.source: missing; write source = 0"),
        ('kind = "camera"\nsource = 0\nport = "x"', "devices.qr_scanner.port: unknown setting"),
        ('kind = "hid"\ndevice = "/dev/input/event3"\nbaudrate = 9600', "qr_scanner.baudrate: unk"),
    ],
)
def test_a_missing_or_foreign_setting_of_a_kind_is_named_with_what_to_write(
    tmp_path: Path, section: str, problem: str
) -> None:
    config = write(tmp_path / "k.toml", f"[devices.qr_scanner]\n{section}\n")
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert problem in str(caught.value)


def test_a_list_in_the_environment_that_is_not_json_is_a_configuration_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KIOSK_UI__TTS_COMMAND", "espeak-ng -v cmn")
    with pytest.raises(ConfigError, match="KIOSK_UI__TTS_COMMAND: must be JSON"):
        load_settings(write(tmp_path / "k.toml", ""))


def test_kiosk_variables_that_are_no_setting_are_left_alone_but_unknown_keys_are_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = write(tmp_path / "k.toml", "")
    monkeypatch.setenv("KIOSK_CONFIG", str(config))
    assert load_settings(config).devices.printer.paper == "80mm"

    monkeypatch.setenv("KIOSK_DEVICES__PRINTER__URL", "tcp://10.0.0.5:9100")
    with pytest.raises(ConfigError, match=r"devices\.printer\.url: unknown setting"):
        load_settings(config)


def test_unknown_time_zone_is_refused(tmp_path: Path) -> None:
    config = write(tmp_path / "tz.toml", '[terminal]\ntimezone = "Mars/Olympus"\n')
    with pytest.raises(ConfigError, match=r"terminal\.timezone: unknown time zone"):
        load_settings(config)


def test_the_platform_must_be_https_beyond_this_machine(tmp_path: Path) -> None:
    remote = write(tmp_path / "remote.toml", '[platform]\nurl = "http://10.1.2.3/api"\n')
    with pytest.raises(ConfigError, match=r"platform\.url: must be https://"):
        load_settings(remote)
    local = write(tmp_path / "local.toml", '[platform]\nurl = "http://127.0.0.1:8080"\n')
    assert load_settings(local).platform.url == "http://127.0.0.1:8080"
    secure = write(tmp_path / "secure.toml", '[platform]\nurl = "https://10.1.2.3/api"\n')
    assert load_settings(secure).platform.url == "https://10.1.2.3/api"


@pytest.mark.parametrize(
    ("written", "base"),
    [
        ("http://127.0.0.1:8443/v1", "http://127.0.0.1:8443"),
        ("https://zwfw.example.gov.cn/kiosk-api/v1/", "https://zwfw.example.gov.cn/kiosk-api"),
    ],
)
def test_a_platform_url_with_the_api_version_is_refused_saying_what_to_write(
    tmp_path: Path, written: str, base: str
) -> None:
    config = write(tmp_path / "v1.toml", f'[platform]\nurl = "{written}"\n')
    with pytest.raises(ConfigError) as caught:
        load_settings(config)
    assert "platform.url: must not end with the API version" in str(caught.value)
    assert f'the kiosk adds /v1/... itself; write url = "{base}"' in str(caught.value)


def test_a_platform_url_is_the_base_the_api_version_goes_after() -> None:
    from sync.contract import API_PREFIX
    from sync.http import Link

    assert API_PREFIX == "/v1"  # what the config's refusal tells the operator
    assert Link("https://host/kiosk-api/").url(API_PREFIX + "/health") == (
        "https://host/kiosk-api/v1/health"
    )


def test_a_platform_key_of_the_wrong_length_is_refused(tmp_path: Path) -> None:
    config = write(tmp_path / "short.toml", '[platform]\nsealing_key = "AAAA"\n')
    with pytest.raises(ConfigError, match=r"platform\.sealing_key: a sealing public key .* 32"):
        load_settings(config)
