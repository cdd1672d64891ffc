"""Pulling the platform's status changes of this terminal's cases, for progress lookups.

The platform numbers every change; the kiosk keeps the number of the last one it applied and
asks for what came after, page by page. A page's updates and the cursor past them are one
commit, so a crash keeps both or neither: the page is asked for again, never skipped, and
applying it again would be harmless anyway, as a case only moves forward. After the last
page, one stored time records that every open case is as current as the platform knows.
"""

from __future__ import annotations

from kiosk.submissions.queue import StatusUpdate, SubmissionQueue
from kiosk.submissions.states import SubmissionState
from sync.contract import MAX_BATCH, CaseStatus, CaseUpdate
from sync.ports import PlatformApi

STATE_OF = {
    CaseStatus.RECEIVED: SubmissionState.DELIVERED,
    CaseStatus.ACCEPTED: SubmissionState.ACCEPTED,
    CaseStatus.IN_REVIEW: SubmissionState.IN_REVIEW,
    CaseStatus.FINISHED: SubmissionState.FINISHED,
    CaseStatus.REJECTED: SubmissionState.REJECTED,
}


def pull_case_updates(
    platform: PlatformApi, queue: SubmissionQueue, page_size: int = MAX_BATCH
) -> int:
    """Apply every update after the cursor; how many cases changed. Raises SyncFailure."""
    cursor = queue.status_cursor()
    changed = 0
    while True:
        page = platform.case_updates(after=cursor, limit=page_size)
        if not page.updates:
            break
        advances = page.last > cursor  # a cursor that does not advance would page forever
        updates = [_status_update(u) for u in page.updates]
        changed += queue.apply_updates(updates, cursor=page.last if advances else None)
        if not advances:
            break
        cursor = page.last
    queue.mark_synced()
    return changed


def _status_update(update: CaseUpdate) -> StatusUpdate:
    return StatusUpdate(
        idempotency_key=update.idempotency_key,
        platform_case_id=update.case_id,
        state=STATE_OF[update.status],
        at=update.at,
        note=update.note,
    )
