"""The health line of residents waiting for staff (帮办): how many help requests are open."""

from __future__ import annotations

from kiosk.health.report import HealthLine, Status, line
from kiosk.i18n import msg

TITLE = msg("居民求助", "Residents asking for help")


def help_line(open_requests: int) -> HealthLine:
    if open_requests == 0:
        return line("help", TITLE, Status.OK, msg("没有人在等待帮助", "Nobody is waiting"))
    return line(
        "help",
        TITLE,
        Status.WARNING,
        msg(
            "有 {n} 位居民在等待帮助",
            "{n} resident(s) waiting for help",
            n=open_requests,
        ),
        msg(
            "请到终端前协助居民，处理完后在“求助”页标记为已处理",
            "Go to the kiosk and help them, then mark the request as dealt with",
        ),
    )
