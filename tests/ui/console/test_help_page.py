"""The console's help requests (帮办): a call made on the form is listed with that screen, the
sync agent's pass delivers it and the page says so, and "dealt with" takes it off the list,
audited with the staff number, and tells the platform."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from drivers.idcard import demo_cards
from kiosk.audit.events import AuditEvent
from kiosk.staff.rights import Role
from tests.helpers.audit import snapshot
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.platform.agent_kiosk import AgentKiosk, agent_kiosk
from tests.helpers.platform.fake_platform import FakePlatform
from tests.helpers.ui.visits import RunningKiosk
from ui.console.help_page import HelpPage


@pytest.fixture
def page(qtbot: QtBot, kiosk: RunningKiosk) -> Iterator[HelpPage]:
    shown = HelpPage(kiosk.services.help_desk)
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    shown.shutdown()


@pytest.fixture
def fake() -> FakePlatform:
    return FakePlatform()


@pytest.fixture
def agent(kiosk: RunningKiosk, fake: FakePlatform) -> Iterator[AgentKiosk]:
    """The kiosk's sync agent, on its database, talking to `fake`."""
    with agent_kiosk(
        None,
        settings=kiosk.services.settings,
        url="http://127.0.0.1:9",
        around_platform=lambda _client: fake,
    ) as built:
        yield built


def row_text(page: HelpPage, request_id: int) -> str:
    label = page.rows[request_id].findChild(QLabel, "help_request_text")
    assert label is not None
    return label.text()


def resolve_button(page: HelpPage, request_id: int) -> QPushButton:
    button = page.rows[request_id].findChild(QPushButton, f"help_resolve_{request_id}")
    assert button is not None
    return button


def call_from_the_form(kiosk: RunningKiosk) -> int:
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    kiosk.driver.start_matter(ELDERLY_MATTER)
    kiosk.driver.wait_for(kiosk.window.screens.form)
    kiosk.driver.call_staff()
    (request,) = kiosk.services.help_desk.open_requests()
    return request.id


def test_a_help_request_is_listed_delivered_and_dealt_with(
    qtbot: QtBot, kiosk: RunningKiosk, page: HelpPage, agent: AgentKiosk, fake: FakePlatform
) -> None:
    request_id = call_from_the_form(kiosk)
    page.sign_in("S042", Role.STAFF)

    page.refresh()
    assert "填写申请表" in row_text(page, request_id)
    assert "尚未报送平台" in row_text(page, request_id)
    assert page.open_count() == 1

    assert agent.agent.run_once().help_requests_delivered == 1
    (sent,) = fake.sent_help_requests
    assert (sent.screen, sent.resolved_at) == ("form_screen", None)
    page.refresh()
    assert "已报送平台" in row_text(page, request_id)

    qtbot.mouseClick(resolve_button(page, request_id), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: request_id not in page.rows, timeout=5000)

    assert page.open_count() == 0
    assert "没有居民在等" in page.summary.text()
    resolved = snapshot(kiosk.services.audit).events[-1]
    assert (resolved.event, resolved.actor) == (AuditEvent.HELP_RESOLVED, "S042")
    assert agent.agent.run_once().help_requests_delivered == 1  # the platform hears of it
    assert fake.sent_help_requests[-1].resolved_at is not None


def test_nobody_signed_in_cannot_mark_a_request_dealt_with(
    kiosk: RunningKiosk, page: HelpPage
) -> None:
    request_id = call_from_the_form(kiosk)

    page.refresh()

    assert not resolve_button(page, request_id).isEnabled()
    page.sign_in("T007", Role.TECHNICIAN)
    assert resolve_button(page, request_id).isEnabled()


def test_the_page_says_how_long_ago_each_call_was_made(kiosk: RunningKiosk, page: HelpPage) -> None:
    request_id = call_from_the_form(kiosk)

    page.refresh()

    assert "刚刚" in row_text(page, request_id)
