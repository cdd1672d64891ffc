"""Waiting for the touchscreen's first paint, with a deadline.

kiosk.service is Type=notify: systemd calls it active only after the app's READY=1, which
the app sends once its first screen is painted (ui/watchdog.py). Asking `systemctl
is-active` is therefore asking "is the first screen up", with no second definition of it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from kiosk.update.rauc import Completed, Runner, run_fixed

TOUCHSCREEN_UNIT = "kiosk.service"
IS_ACTIVE_ARGV = ("systemctl", "is-active", "--quiet", TOUCHSCREEN_UNIT)
# A cold start paints within a minute and a half (kiosk.service's TimeoutStartSec=90); a look
# every five seconds costs nothing next to that.
POLL_EVERY_S = 5.0


def touchscreen_painted(run: Runner = run_fixed) -> bool:
    done: Completed = run(IS_ACTIVE_ARGV, 30.0)
    return done.returncode == 0


def wait_until(
    condition: Callable[[], bool],
    deadline_s: float,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
    every_s: float = POLL_EVERY_S,
) -> bool:
    """True as soon as `condition` holds, False if it still does not after `deadline_s`."""
    give_up = clock() + deadline_s
    while True:
        if condition():
            return True
        left = give_up - clock()
        if left <= 0:
            return False
        sleep(min(every_s, left))
