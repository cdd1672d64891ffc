"""How long the QR scanner tests wait for a read."""

from __future__ import annotations

# A read that should find a code returns as soon as it is complete (well under a millisecond
# on a pty), so this only bounds how long a failing test hangs.
CODE_TIMEOUT = 2.0
# A read that should find nothing waits this long; short, since a pty delivers at once.
QUIET_TIMEOUT = 0.1
