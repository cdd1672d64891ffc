"""Why a provisioning bundle is refused: one closed catalog of stable codes, each refusal with
what to do, in Chinese for the screen and in English for the command line."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class RefusalCode(Enum):
    """A stable code; `kiosk provision --json` and the tests name refusals by it."""

    NOT_A_BUNDLE = "not_a_bundle"
    UNKNOWN_VERSION = "unknown_version"
    INCOMPLETE_CODE = "incomplete_code"
    NO_TRUSTED_KEY = "no_trusted_key"
    UNKNOWN_PROVISIONING_KEY = "unknown_provisioning_key"
    BAD_SIGNATURE = "bad_signature"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    BAD_TIME = "bad_time"
    UNKNOWN_SUITE = "unknown_suite"
    MALFORMED_KEY = "malformed_key"
    BAD_TERMINAL_ID = "bad_terminal_id"
    URL_NOT_HTTPS = "url_not_https"
    BAD_CA_BUNDLE = "bad_ca_bundle"
    BAD_SETTING = "bad_setting"
    ALREADY_PROVISIONED = "already_provisioned"


@dataclass(frozen=True)
class Refusal:
    code: RefusalCode
    en: str
    zh: str

    def text(self, locale: str) -> str:
        return self.zh if locale.startswith("zh") else self.en


class BundleUnreadable(Exception):
    """The text is no provisioning bundle this kiosk can read."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.en)
        self.refusal = refusal


ASK_FOR_NEW_EN = "ask the province for a new provisioning bundle"
ASK_FOR_NEW_ZH = "请向省级平台申请新的配置包"
