"""DLE EOT replies and what they mean for the citizen."""

from __future__ import annotations

import pytest

from drivers.printer.status import (
    InvalidStatusReplyError,
    PrinterProblem,
    PrinterStatus,
    check_reply,
    parse_status,
    status_reply,
)


def test_sample_out_of_paper_replies_mean_no_paper() -> None:
    status = parse_status(0x1A, 0x32, 0x7E)

    assert status.paper_out
    assert status.paper_near_end
    assert status.offline
    assert not status.online
    assert status.problem() is PrinterProblem.NO_PAPER


def test_idle_printer_is_online_without_problem() -> None:
    status = parse_status(0x12, 0x12, 0x12)

    assert status == PrinterStatus()
    assert status.problem() is None


def test_near_end_alone_still_prints() -> None:
    status = parse_status(0x12, 0x12, 0x1E)

    assert status.paper_near_end
    assert status.online
    assert status.problem() is None


def test_open_cover_is_reported_before_the_paper_it_hides() -> None:
    status = parse_status(0x1A, 0x36, 0x7E)

    assert status.cover_open
    assert status.problem() is PrinterProblem.COVER_OPEN


def test_error_bit_is_an_error() -> None:
    assert parse_status(0x1A, 0x52, 0x12).problem() is PrinterProblem.ERROR


def test_offline_without_cause_is_offline() -> None:
    assert parse_status(0x1A, 0x12, 0x12).problem() is PrinterProblem.OFFLINE


@pytest.mark.parametrize("reply", [0x00, 0xFF, 0x10, 0x13, 0x92, 0x02])
def test_bytes_without_the_fixed_pattern_are_rejected(reply: int) -> None:
    with pytest.raises(InvalidStatusReplyError):
        check_reply(reply)


def test_garbage_in_any_reply_is_rejected() -> None:
    with pytest.raises(InvalidStatusReplyError):
        parse_status(0x12, 0x00, 0x12)


def test_simulated_out_of_paper_replies_match_the_sample_printer() -> None:
    status = PrinterStatus(paper_out=True)

    assert [status_reply(n, status) for n in (1, 2, 4)] == [0x1A, 0x32, 0x7E]
    assert status_reply(9, status) is None


@pytest.mark.parametrize(
    "status",
    [
        PrinterStatus(),
        PrinterStatus(cover_open=True),
        PrinterStatus(paper_near_end=True),
        PrinterStatus(error=True),
    ],
)
def test_reply_encoding_and_parsing_agree_on_the_problem(status: PrinterStatus) -> None:
    replies = [status_reply(n, status) for n in (1, 2, 4)]

    parsed = parse_status(*[reply for reply in replies if reply is not None])

    assert parsed.problem() == status.problem()
    assert parsed.paper_near_end == status.paper_near_end


def test_every_problem_tells_the_citizen_what_to_do_in_chinese() -> None:
    assert PrinterProblem.NO_PAPER.message == (
        "打印机缺纸，请联系工作人员更换纸卷；您的申请已保存，可稍后补打回执"
    )
    for problem in PrinterProblem:
        assert "工作人员" in problem.message


def test_only_a_missing_status_lets_printing_go_ahead() -> None:
    assert [p for p in PrinterProblem if not p.stops_printing] == [PrinterProblem.NO_STATUS]
