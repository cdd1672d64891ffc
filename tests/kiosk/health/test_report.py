"""A health report lists faults first and keeps going when one check breaks."""

from __future__ import annotations

from datetime import UTC, datetime

from kiosk.health.collect import HealthSource, collect
from kiosk.health.report import HealthLine, HealthReport, Status, line
from kiosk.i18n import msg

NOW = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def a_line(topic: str, status: Status) -> HealthLine:
    return line(topic, msg(topic, topic), status, msg("状态", "state"), msg("去做", "do it"))


def test_faults_come_first_then_warnings_then_what_works_in_collection_order() -> None:
    report = HealthReport.of(
        NOW,
        [
            a_line("a", Status.OK),
            a_line("b", Status.WARNING),
            a_line("c", Status.FAULT),
            a_line("d", Status.OK),
            a_line("e", Status.FAULT),
        ],
    )
    assert [each.topic for each in report.ordered()] == ["c", "e", "b", "a", "d"]
    assert report.worst is Status.FAULT


def test_the_text_form_says_each_status_and_what_to_do_in_the_language_asked() -> None:
    report = HealthReport.of(NOW, [a_line("printer", Status.FAULT)])
    assert "[FAULT  ] printer: 状态 -> 去做" in report.as_text("zh_CN")
    assert "printer: state -> do it" in report.as_text("en_US")
    assert report.as_json()["lines"] == [
        {
            "topic": "printer",
            "status": "fault",
            "title": "printer",
            "message": "状态",
            "todo": "去做",
            "message_en": "state",
            "todo_en": "do it",
        }
    ]


def test_a_check_that_breaks_is_a_fault_line_of_its_own_and_the_others_still_report() -> None:
    def broken() -> list[HealthLine]:
        raise RuntimeError("boom")

    report = collect(
        [
            HealthSource("disk", msg("存储空间", "Disk"), broken),
            HealthSource("help", msg("求助", "Help"), lambda: [a_line("help", Status.OK)]),
        ],
        now=lambda: NOW,
    )
    disk, help_line = report.lines
    assert (disk.topic, disk.status) == ("disk", Status.FAULT)
    assert disk.message.render() == "无法检查这一项"
    assert "技术人员" in disk.todo.render()
    assert help_line.status is Status.OK


def test_a_message_inside_a_message_is_said_in_the_same_language() -> None:
    outer = msg("等了 {age}", "waited {age}", age=msg("3 小时", "3 h"))
    assert outer.render("zh_CN") == "等了 3 小时"
    assert outer.render("en_US") == "waited 3 h"
