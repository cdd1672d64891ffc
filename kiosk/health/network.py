"""Health lines for the network and the provincial platform.

Two questions, so staff know where to look: can this machine open a connection to the
platform's address at all (the cable, the hall's switch, the government extranet), and does
the platform answer its health check. Both wait on the network: call them off the GUI
thread.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from kiosk.health.report import HealthLine, Status, line
from kiosk.i18n import msg
from kiosk.privacy import redact_personal_data

NETWORK_TITLE = msg("网络", "Network")
PLATFORM_TITLE = msg("政务服务平台", "Government service platform")


@dataclass(frozen=True)
class PlatformAnswer:
    """What the platform's health check said: reachable or not, and a short reason."""

    reachable: bool
    detail: str


def tcp_connects(host: str, port: int, timeout_s: float) -> str | None:
    """None when a TCP connection opens, else why not (a short reason)."""
    try:
        with socket.create_connection((host, port), timeout=timeout_s):
            return None
    except OSError as exc:
        return type(exc).__name__


def network_lines(
    platform_url: str | None,
    connect: Callable[[str, int], str | None],
    ask_platform: Callable[[], PlatformAnswer],
) -> list[HealthLine]:
    """The network line and the platform line; the platform is asked only when the network
    reaches it."""
    if platform_url is None:
        unset = line(
            "platform",
            PLATFORM_TITLE,
            Status.WARNING,
            msg("本机没有设置平台地址，申请无法上传", "No platform address set: nothing uploads"),
            msg(
                "申请都保存在本机；请联系技术人员设置平台地址",
                "Applications are kept here; ask a technician to set the platform address",
            ),
        )
        return [line("network", NETWORK_TITLE, Status.OK, msg("未检查", "Not checked")), unset]
    parts = urlsplit(platform_url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    problem = connect(host, port)
    if problem is not None:
        return [
            line(
                "network",
                NETWORK_TITLE,
                Status.FAULT,
                msg(
                    "网络不通：连不上平台所在的网络（{problem}）",
                    "No network: the platform's network cannot be reached ({problem})",
                    problem=problem,
                ),
                msg(
                    "请检查网线是否插好、网络设备是否通电；申请会先保存在本机，网络恢复后自动上传",
                    "Check the network cable and that the hall's network box has power; "
                    "applications are kept here and upload once the network is back",
                ),
            ),
            line(
                "platform",
                PLATFORM_TITLE,
                Status.WARNING,
                msg("网络不通，无法检查", "Not checked: no network"),
                msg("请先处理网络问题", "Deal with the network first"),
            ),
        ]
    network_ok = line("network", NETWORK_TITLE, Status.OK, msg("网络畅通", "Connected"))
    answer = ask_platform()
    if answer.reachable:
        return [
            network_ok,
            line(
                "platform", PLATFORM_TITLE, Status.OK, msg("平台应答正常", "The platform answers")
            ),
        ]
    return [
        network_ok,
        line(
            "platform",
            PLATFORM_TITLE,
            Status.FAULT,
            msg(
                "网络是通的，但平台没有正常应答（{detail}）",
                "The network works but the platform does not answer properly ({detail})",
                detail=redact_personal_data(answer.detail),
            ),
            msg(
                "申请会先保存在本机；请记下现在的时间，告诉技术人员或拨打平台服务电话",
                "Applications are kept here; note the time and tell a technician or the "
                "platform's service line",
            ),
        ),
    ]
