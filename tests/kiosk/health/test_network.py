"""Network and platform: which of the two fails tells staff where to look."""

from __future__ import annotations

import socket

from kiosk.health.network import PlatformAnswer, network_lines, tcp_connects
from kiosk.health.report import Status
from tests.helpers.network.ports import free_port

URL = "https://platform.example.gov.cn:8443"


def never_asked() -> PlatformAnswer:
    raise AssertionError("the platform is not asked without a network")


def test_a_listening_loopback_port_connects_and_a_closed_one_says_why() -> None:
    with socket.create_server(("127.0.0.1", 0)) as server:
        assert tcp_connects("127.0.0.1", server.getsockname()[1], 2.0) is None
    assert tcp_connects("127.0.0.1", free_port(), 2.0) == "ConnectionRefusedError"


def test_both_fine_when_the_platform_answers() -> None:
    asked = []

    def connect(host: str, port: int) -> None:
        asked.append((host, port))

    lines = network_lines(URL, connect, lambda: PlatformAnswer(True, "HTTP 200, healthy"))
    assert asked == [("platform.example.gov.cn", 8443)]
    assert [line.status for line in lines] == [Status.OK, Status.OK]


def test_no_network_is_a_fault_saying_to_check_the_cable_and_that_cases_are_kept() -> None:
    network, platform = network_lines(URL, lambda h, p: "TimeoutError", never_asked)
    assert network.status is Status.FAULT
    assert "网络不通" in network.message.render()
    assert "网线" in network.todo.render()
    assert "保存在本机" in network.todo.render()
    assert platform.status is Status.WARNING


def test_network_up_but_platform_wrong_points_at_the_platform() -> None:
    network, platform = network_lines(
        URL, lambda h, p: None, lambda: PlatformAnswer(False, "HTTP 503")
    )
    assert network.status is Status.OK
    assert platform.status is Status.FAULT
    assert "HTTP 503" in platform.message.render()
    assert "技术人员" in platform.todo.render()


def test_no_platform_configured_is_a_warning() -> None:
    network, platform = network_lines(None, lambda h, p: None, never_asked)
    assert network.message.render() == "未检查"
    assert platform.status is Status.WARNING
    assert "平台地址" in platform.message.render()


def test_the_default_port_follows_the_scheme() -> None:
    asked = []
    network_lines(
        "https://platform.example.gov.cn",
        lambda h, p: asked.append(p),
        lambda: PlatformAnswer(True, ""),
    )
    assert asked == [443]
