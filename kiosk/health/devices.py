"""Health lines for the ID card reader, the QR scanner or camera, and the receipt printer.

The touchscreen's device wrappers write each device's last state to a board file
(data_dir/devices.json, written by drivers.health.HealthBoard); it is read here as plain JSON
so the domain needs no driver. The printer is also asked directly for its status when the
caller can (paper near its end is never on the board: it does not stop a receipt).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from kiosk.health.report import HealthLine, Status, line
from kiosk.i18n import msg
from kiosk.privacy import redact_personal_data

READER_TITLE = msg("身份证读卡器", "ID card reader")
SCANNER_TITLE = msg("扫码器/摄像头", "QR scanner / camera")
PRINTER_TITLE = msg("回执打印机", "Receipt printer")


@dataclass(frozen=True)
class BoardState:
    """One device as the touchscreen last found it."""

    ok: bool
    detail: str
    since: str


def read_board(path: Path) -> dict[str, BoardState]:
    """The board the touchscreen wrote (drivers.health.HealthBoard's JSON); empty when none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    states = {}
    for device, state in data.items():
        if isinstance(state, dict):
            states[str(device)] = BoardState(
                bool(state.get("ok")),
                redact_personal_data(str(state.get("message", ""))),
                str(state.get("since", "")),
            )
    return states


def reader_line(state: BoardState | None) -> HealthLine:
    if state is None:
        return line(
            "id_reader",
            READER_TITLE,
            Status.WARNING,
            msg("读卡器还没有报告状态", "The reader has not reported yet"),
            msg(
                "请放一张身份证到读卡区试读；没有反应时，请检查读卡器连接线是否插好",
                "Place an ID card on the reader to try it; if nothing happens, check that its "
                "cable is plugged in",
            ),
        )
    if state.ok:
        return line("id_reader", READER_TITLE, Status.OK, msg("工作正常", "Working"))
    return line(
        "id_reader",
        READER_TITLE,
        Status.FAULT,
        msg(
            "读卡器无法使用（{detail}），自 {since} 起",
            "The reader does not work ({detail}) since {since}",
            detail=state.detail,
            since=state.since,
        ),
        msg(
            "请检查读卡器的连接线是否插好，拔下再插上；仍不行请重启本机或联系技术人员。"
            "居民可请工作人员协助办理",
            "Check the reader's cable, unplug it and plug it in again; if that does not help, "
            "restart the kiosk or call a technician. Residents can ask staff for help meanwhile",
        ),
    )


def scanner_line(configured: bool, state: BoardState | None) -> HealthLine:
    if not configured:
        return line(
            "qr_scanner",
            SCANNER_TITLE,
            Status.OK,
            msg(
                "本机没有扫码器；居民可输入办件编号查询进度",
                "This kiosk has no scanner; residents type the case number to look a case up",
            ),
        )
    if state is None or state.ok:
        return line("qr_scanner", SCANNER_TITLE, Status.OK, msg("工作正常", "Working"))
    return line(
        "qr_scanner",
        SCANNER_TITLE,
        Status.FAULT,
        msg(
            "扫码器无法使用（{detail}），自 {since} 起",
            "The scanner does not work ({detail}) since {since}",
            detail=state.detail,
            since=state.since,
        ),
        msg(
            "请检查扫码器或摄像头的USB线是否插好，拔下再插上；居民仍可输入办件编号查询",
            "Check the scanner's or camera's USB cable, unplug it and plug it in again; "
            "residents can still type the case number",
        ),
    )


@dataclass(frozen=True)
class PrinterCondition:
    """What the printer answered when asked for its status just now."""

    connected: bool = True  # False: no answer at all (power, cable, network)
    status_known: bool = True  # False: it takes jobs but cannot tell its state (file://)
    cover_open: bool = False
    paper_out: bool = False
    paper_near_end: bool = False
    offline: bool = False
    error: bool = False


_PRINTER_FAULTS = (
    (
        "cover_open",
        msg("打印机上盖没有合好", "The printer's cover is open"),
        msg("请把打印机上盖按下合好，直到听到“咔嗒”一声", "Press the cover down until it clicks"),
    ),
    (
        "paper_out",
        msg("打印机缺纸", "The printer is out of paper"),
        msg(
            "请打开打印机盖装入新纸卷，纸头朝外拉出一点，再合上盖",
            "Open the printer's cover, put in a new roll with its end pulled out a little, "
            "and close the cover",
        ),
    ),
    (
        "error",
        msg(
            "打印机出错（可能卡纸或切刀卡住）", "The printer reports an error (paper jam or cutter)"
        ),
        msg(
            "请打开打印机盖取出卡住的纸，再合上盖；仍不行请关掉打印机电源再打开",
            "Open the cover and take out any stuck paper, then close it; if that does not "
            "help, switch the printer off and on",
        ),
    ),
    (
        "offline",
        msg("打印机暂停工作（离线）", "The printer is offline"),
        msg(
            "请检查打印机的指示灯；按一下打印机上的进纸键，或关掉电源再打开",
            "Check the printer's lights; press its feed button, or switch it off and on",
        ),
    ),
)


def printer_line(configured: bool, condition: PrinterCondition | None) -> HealthLine:
    """The printer, from its live status; `condition` None when it could not be asked."""
    if not configured:
        return line(
            "printer",
            PRINTER_TITLE,
            Status.WARNING,
            msg("本机没有配置打印机，回执打印不出来", "No printer is configured: no receipts"),
            msg(
                "居民可记下屏幕上的办件编号；需要打印时请联系技术人员配置打印机",
                "Residents can note the case number on screen; call a technician to set up "
                "the printer",
            ),
        )
    if condition is None:
        return line(
            "printer",
            PRINTER_TITLE,
            Status.WARNING,
            msg("没有读取打印机状态", "The printer's status was not read"),
            msg("请试打一张回执", "Print a test receipt"),
        )
    if not condition.connected:
        return line(
            "printer",
            PRINTER_TITLE,
            Status.FAULT,
            msg("连不上打印机", "The printer does not answer"),
            msg(
                "请检查打印机电源是否打开、连接线是否插好；回执可以稍后在控制台补打",
                "Check that the printer is switched on and its cable plugged in; receipts can "
                "be reprinted from the console later",
            ),
        )
    for flag, message, todo in _PRINTER_FAULTS:
        if getattr(condition, flag):
            return line("printer", PRINTER_TITLE, Status.FAULT, message, todo)
    if not condition.status_known:
        return line(
            "printer",
            PRINTER_TITLE,
            Status.WARNING,
            msg("打印机不报告状态，无法确认能否打印", "The printer cannot report its state"),
            msg("请试打一张回执，看是否打印完整", "Print a test receipt and check it is whole"),
        )
    if condition.paper_near_end:
        return line(
            "printer",
            PRINTER_TITLE,
            Status.WARNING,
            msg("打印机纸卷快用完了", "The paper roll is nearly used up"),
            msg(
                "请准备好新纸卷；用完时打开打印机盖换上",
                "Have a new roll ready; when it runs out, open the cover and put it in",
            ),
        )
    return line("printer", PRINTER_TITLE, Status.OK, msg("工作正常，纸张充足", "Ready, paper in"))


def printer_from_board(configured: bool, state: BoardState | None) -> HealthLine:
    """The printer as the touchscreen last found it, when it cannot be asked directly."""
    if not configured or state is None:
        return printer_line(configured, None)
    if state.ok:
        return line("printer", PRINTER_TITLE, Status.OK, msg("上次打印正常", "Printed fine last"))
    return line(
        "printer",
        PRINTER_TITLE,
        Status.FAULT,
        msg(
            "上次打印失败（{detail}），自 {since} 起",
            "The last print failed ({detail}) since {since}",
            detail=state.detail,
            since=state.since,
        ),
        msg(
            "请检查打印机电源、纸卷和上盖，然后试打一张回执",
            "Check the printer's power, paper and cover, then print a test receipt",
        ),
    )
