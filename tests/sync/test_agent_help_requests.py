"""Help requests (帮办) reach the platform before anything else the kiosk has queued, once each,
and again once staff dealt with them, so the hall's list on the platform empties too."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kiosk.submissions.states import SubmissionState
from sync.contract import HelpRequestList
from sync.failures import TransientFailure
from sync.platform.help_requests import help_request_list
from tests.helpers.platform.agent_kiosk import AgentKiosk, agent_kiosk, settings_for
from tests.helpers.platform.fake_platform import FakePlatform
from tests.helpers.platform.reference import RunningPlatform

BACKLOG = 30


def held(platform: RunningPlatform, open_only: bool) -> HelpRequestList:
    with Session(platform.engine) as session:
        return help_request_list(session, open_only)


def test_a_help_request_goes_first_and_arrives_while_a_large_backlog_waits() -> None:
    fake = FakePlatform()
    settings = settings_for("http://127.0.0.1:9")
    settings = settings.model_copy(
        update={"sync": settings.sync.model_copy(update={"batch_size": 5})}
    )
    with agent_kiosk(None, settings=settings, around_platform=lambda _client: fake) as kiosk:
        backlog = [kiosk.submit() for _ in range(BACKLOG)]
        kiosk.services.help_desk.call("form_screen")
        fake.fail("deliver_submissions", TransientFailure("the platform is slow to store cases"))

        summary = kiosk.agent.run_once()

        assert summary.help_requests_delivered == 1
        assert fake.call_order[0] == "deliver_help_requests"
        (sent,) = fake.sent_help_requests
        assert sent.screen == "form_screen"
        assert not summary.ok  # the submissions wait for the next try
        assert {kiosk.state(case) for case in backlog} == {SubmissionState.QUEUED}
        (request,) = kiosk.services.help_desk.open_requests()
        assert request.delivered


def test_a_help_request_is_stored_once_and_leaves_the_open_list_when_resolved(
    platform: RunningPlatform, kiosk: AgentKiosk
) -> None:
    desk = kiosk.services.help_desk
    call = desk.call("materials_screen")

    assert kiosk.agent.run_once().help_requests_delivered == 1
    assert kiosk.agent.run_once().help_requests_delivered == 0  # nothing is sent twice
    (listed,) = held(platform, open_only=True).requests
    assert (listed.terminal_id, listed.screen, listed.resolved_at) == (
        kiosk.terminal_id,
        "materials_screen",
        None,
    )

    desk.resolve(call.request_id, "S042")
    assert kiosk.agent.run_once().help_requests_delivered == 1

    assert held(platform, open_only=True).requests == []
    (resolved,) = held(platform, open_only=False).requests
    assert resolved.resolved_at is not None
