"""How long something took or has lasted, in the words of a health line: minutes, hours or
days, in either language."""

from __future__ import annotations

from datetime import timedelta

from kiosk.i18n import Message, msg


def duration(elapsed: timedelta) -> Message:
    """A wait in the largest unit that reads naturally: minutes, hours or days."""
    seconds = max(0, int(elapsed.total_seconds()))
    if seconds < 3600:
        return msg("{n} 分钟", "{n} min", n=seconds // 60)
    if seconds < 2 * 86400:
        return msg("{n} 小时", "{n} h", n=seconds // 3600)
    return msg("{n} 天", "{n} days", n=seconds // 86400)
