"""The reader's SW3 status codes, each with a plain Chinese explanation for people.

The messages say what happened and what the resident or the staff should do next, so a
fault can be shown as it is. SW1/SW2 relay the card's own status and are not interpreted.
"""

from __future__ import annotations

from enum import IntEnum


class Sw3(IntEnum):
    """Status byte SW3 of a reader response."""

    OK = 0x90
    NO_SUCH_ITEM = 0x91
    CARD_FOUND = 0x9F
    CHECK_BYTE_ERROR = 0x10
    LENGTH_ERROR = 0x11
    BAD_COMMAND = 0x21
    UNAUTHORISED = 0x23
    UNKNOWN_ERROR = 0x24
    CARD_TO_SAM_AUTH_FAILED = 0x31
    SAM_TO_CARD_AUTH_FAILED = 0x32
    VERIFICATION_FAILED = 0x33
    FINGERPRINT_ERROR = 0x37
    INFO_LENGTH_ERROR = 0x3F
    UNRECOGNISED_CARD_TYPE = 0x40
    READ_FAILED = 0x41
    RANDOM_NUMBER_FAILED = 0x47
    SAM_SELF_TEST_FAILED = 0x60
    SAM_NOT_AUTHORISED = 0x66
    FIND_CARD_FAILED = 0x80
    SELECT_CARD_FAILED = 0x81

    @property
    def message(self) -> str:
        return _MESSAGES[self]


_RETRY_CARD = "请拿起证件后重新平放在读卡区；仍不行请到人工窗口办理。"
_CHECK_LINE = "请重新放置证件；多次出现请联系工作人员检查读卡器连线。"

_MESSAGES: dict[Sw3, str] = {
    Sw3.OK: "操作成功。",
    Sw3.NO_SUCH_ITEM: "证件中没有这项信息，无需处理。",
    Sw3.CARD_FOUND: "已找到证件，请保持证件不动。",
    Sw3.CHECK_BYTE_ERROR: "读卡器收到的数据校验出错，" + _CHECK_LINE,
    Sw3.LENGTH_ERROR: "读卡器收到的数据长度出错，" + _CHECK_LINE,
    Sw3.BAD_COMMAND: "读卡器不支持该命令，请联系工作人员检查读卡器型号和设置。",
    Sw3.UNAUTHORISED: "读卡器未获授权执行该操作，请联系工作人员。",
    Sw3.UNKNOWN_ERROR: "读卡器发生未知错误，请重新放置证件；仍不行请联系工作人员。",
    Sw3.CARD_TO_SAM_AUTH_FAILED: "证件认证未通过，" + _RETRY_CARD,
    Sw3.SAM_TO_CARD_AUTH_FAILED: "证件认证未通过，" + _RETRY_CARD,
    Sw3.VERIFICATION_FAILED: "证件信息校验未通过，" + _RETRY_CARD,
    Sw3.FINGERPRINT_ERROR: "证件指纹信息读取出错，请重新放置证件；仍不行请到人工窗口办理。",
    Sw3.INFO_LENGTH_ERROR: "证件信息长度异常，请重新放置证件；仍不行请到人工窗口办理。",
    Sw3.UNRECOGNISED_CARD_TYPE: "无法识别该证件，请放置第二代居民身份证或居住证、永久居留身份证。",
    Sw3.READ_FAILED: "读卡失败，请拿起证件后重新平放在读卡区，读卡时不要移动。",
    Sw3.RANDOM_NUMBER_FAILED: "证件响应异常，请拿起证件后重新平放在读卡区。",
    Sw3.SAM_SELF_TEST_FAILED: "读卡器安全模块自检失败，暂时无法读卡，请联系工作人员。",
    Sw3.SAM_NOT_AUTHORISED: "读卡器安全模块未获授权，暂时无法读卡，请联系工作人员。",
    Sw3.FIND_CARD_FAILED: "未检测到证件，请把身份证平放在读卡区。",
    Sw3.SELECT_CARD_FAILED: "证件未放稳，请把身份证平放在读卡区，不要移动。",
}


def describe(sw3: int) -> str:
    """The message for any SW3 byte, including codes the notes do not list."""
    try:
        return Sw3(sw3).message
    except ValueError:
        return f"读卡器返回未知状态（0x{sw3:02X}），请重新放置证件；仍不行请联系工作人员。"
