"""`kiosk provision` and the province's `kiosk platform provisioning-key` and
`provisioning-bundle`, run as a technician and the province's operator would."""

from __future__ import annotations

import os
import pwd
import shlex
from pathlib import Path

import pytest

import kiosk.wiring.provisioning as wiring
from kiosk.cli.main import main
from kiosk.config import load_settings
from kiosk.provisioning.ownership import Ownership
from tests.helpers.network.ports import free_port
from tests.helpers.platform_keys import TEST_PLATFORM
from tests.helpers.provisioning import a_bundle, rsa_ca_pem, signed, write_trusted_keys


@pytest.fixture
def kiosk_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A kiosk with no settings yet, trusting the test province; the settings file it gets."""
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("KIOSK_PROVISIONING_KEYS", str(write_trusted_keys(tmp_path / "prov.pub")))
    settings_file = tmp_path / "etc" / "kiosk.toml"
    monkeypatch.setenv("KIOSK_CONFIG", str(settings_file))
    # These tests run as root in CI, where no kiosk user exists: keep files the runner's.
    monkeypatch.setattr(wiring, "current_ownership", lambda: Ownership(None, None))
    return settings_file


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def trial_bundle(tmp_path: Path) -> Path:
    """A bundle for a platform on loopback where nothing listens."""
    path = tmp_path / "GZ0001.kiosk-provision"
    url = f"http://127.0.0.1:{free_port()}"
    path.write_text(signed(a_bundle(platform_url=url)).to_json(), encoding="utf-8")
    return path


def test_provisioning_prints_what_was_checked_and_the_enrolment_line(
    capsys: pytest.CaptureFixture[str], kiosk_env: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, "provision", str(trial_bundle(tmp_path)))

    assert code == 0, err
    assert "checked: signed by trusted provisioning key" in out
    assert f"wrote {kiosk_env}" in out
    assert "terminal key created" in out
    assert "platform NOT reachable" in out and "provisioned all the same" in out
    enrol = next(line.strip() for line in out.splitlines() if "platform enrol" in line)
    key = load_settings(kiosk_env).terminal_key_path
    assert key.exists()
    assert enrol.startswith("kiosk platform enrol --terminal GZ0001 --public-key ")
    assert "--suite x25519-aes256gcm-ed25519-sha256" in enrol


def test_the_printed_line_enrols_the_terminal_on_the_platform(
    capsys: pytest.CaptureFixture[str], kiosk_env: Path, tmp_path: Path
) -> None:
    _, out, _ = run(capsys, "provision", str(trial_bundle(tmp_path)))
    enrol = next(line.strip() for line in out.splitlines() if "platform enrol" in line)
    words = shlex.split(enrol.replace("--db URL", f"--db sqlite:///{tmp_path / 'p.db'}"))

    code, out, err = run(capsys, *words[1:])

    assert code == 0, err
    assert out == "enrolled terminal GZ0001\n"


def test_provisioning_again_needs_force_and_keeps_the_key(
    capsys: pytest.CaptureFixture[str], kiosk_env: Path, tmp_path: Path
) -> None:
    bundle = trial_bundle(tmp_path)
    run(capsys, "provision", str(bundle))
    key = load_settings(kiosk_env).terminal_key_path.read_bytes()

    code, _, err = run(capsys, "provision", str(bundle))
    assert code == 2
    assert "refused [already_provisioned]" in err and "--force" in err

    code, out, err = run(capsys, "provision", "--force", str(bundle))
    assert code == 0, err
    assert "terminal key kept" in out and "the queue and the audit log" in out
    assert load_settings(kiosk_env).terminal_key_path.read_bytes() == key


def test_a_refused_bundle_writes_nothing_and_says_each_problem(
    capsys: pytest.CaptureFixture[str], kiosk_env: Path, tmp_path: Path
) -> None:
    path = tmp_path / "bad.kiosk-provision"
    bad = a_bundle(terminal_id="gz", platform_url="http://platform.example.gov.cn")
    path.write_text(signed(bad).to_json(), encoding="utf-8")

    code, _, err = run(capsys, "provision", str(path))

    assert code == 2
    assert "refused [bad_terminal_id]" in err and "refused [url_not_https]" in err
    assert "nothing was written" in err
    assert not kiosk_env.exists()


def test_the_qr_codes_text_provisions_too(
    capsys: pytest.CaptureFixture[str], kiosk_env: Path
) -> None:
    url = f"http://127.0.0.1:{free_port()}"
    code, _out, err = run(
        capsys, "provision", "--qr", signed(a_bundle(platform_url=url)).to_qr_text()
    )

    assert code == 0, err
    assert load_settings(kiosk_env).terminal.id == "GZ0001"


def test_provisioning_is_audited(
    capsys: pytest.CaptureFixture[str], kiosk_env: Path, tmp_path: Path
) -> None:
    run(capsys, "provision", str(trial_bundle(tmp_path)))

    code, out, err = run(capsys, "audit", "export", "--since", "2000-01-01")

    assert code == 0, err
    assert '"event": "terminal.provisioned"' in out
    assert '"terminal_id": "GZ0001"' in out


@pytest.mark.skipif(os.geteuid() != 0, reason="only root hands files to the kiosk user")
def test_as_root_without_the_kiosk_user_nothing_is_written(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    try:
        pwd.getpwnam("kiosk")
        pytest.skip("this machine has a kiosk user")
    except KeyError:
        pass
    monkeypatch.setenv("KIOSK_PROVISIONING_KEYS", str(write_trusted_keys(tmp_path / "p.pub")))
    settings_file = tmp_path / "etc" / "kiosk.toml"
    monkeypatch.setenv("KIOSK_CONFIG", str(settings_file))

    code, _, err = run(capsys, "provision", str(trial_bundle(tmp_path)))

    assert code == 1
    assert "install the kiosk package first" in err
    assert not settings_file.exists()


def test_the_province_makes_a_key_and_a_bundle_a_kiosk_accepts(
    capsys: pytest.CaptureFixture[str],
    kiosk_env: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keys = tmp_path / "province"
    code, _, err = run(capsys, "platform", "provisioning-key", "--out", str(keys))
    assert code == 0, err
    assert (keys / "provisioning.key").stat().st_mode & 0o777 == 0o600
    init_output = tmp_path / "init.toml"
    init_output.write_text(TEST_PLATFORM.kiosk_config(), encoding="utf-8")
    ca = tmp_path / "ca.pem"
    ca.write_text(rsa_ca_pem(), encoding="ascii")
    bundle, png = tmp_path / "GZ0002.kiosk-provision", tmp_path / "GZ0002.png"

    code, _, err = run(
        capsys, "platform", "provisioning-bundle", "--key", str(keys / "provisioning.key"),
        "--terminal", "GZ0002", "--hall", "示例大厅", "--region", "440100",
        "--url", f"http://127.0.0.1:{free_port()}", "--ca", str(ca),
        "--platform-keys", str(init_output), "--out", str(bundle), "--qr-png", str(png),
    )  # fmt: skip
    assert code == 0, err
    assert png.read_bytes().startswith(b"\x89PNG")

    monkeypatch.setenv("KIOSK_PROVISIONING_KEYS", str(keys / "provisioning.pub"))
    code, _out, err = run(capsys, "provision", str(bundle))
    assert code == 0, err
    settings = load_settings(kiosk_env)
    assert settings.terminal.id == "GZ0002"
    assert settings.platform.sealing_key == TEST_PLATFORM.kiosk_settings()["sealing_key"]


def test_the_province_never_replaces_its_key(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "platform", "provisioning-key", "--out", str(tmp_path))

    code, _, err = run(capsys, "platform", "provisioning-key", "--out", str(tmp_path))

    assert code == 2 and "never replaced" in err


def test_the_province_is_refused_a_bundle_a_kiosk_would_refuse(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run(capsys, "platform", "provisioning-key", "--out", str(tmp_path / "k"))
    ca = tmp_path / "ca.pem"
    ca.write_text(rsa_ca_pem(), encoding="ascii")
    init_output = tmp_path / "init.toml"
    init_output.write_text(TEST_PLATFORM.kiosk_config(), encoding="utf-8")

    code, _, err = run(
        capsys, "platform", "provisioning-bundle", "--key", str(tmp_path / "k/provisioning.key"),
        "--terminal", "gz-2", "--hall", "大厅", "--region", "440100",
        "--url", "http://platform.example.gov.cn", "--ca", str(ca),
        "--platform-keys", str(init_output), "--out", str(tmp_path / "b.kiosk-provision"),
    )  # fmt: skip

    assert code == 2
    assert "refused [bad_terminal_id]" in err and "refused [url_not_https]" in err
    assert not (tmp_path / "b.kiosk-provision").exists()
