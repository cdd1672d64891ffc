"""Any Han name from any CJK block, with or without the middle dot, survives storage intact."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.forms.names import HAN_BLOCKS, MIDDLE_DOTS, name_problem
from kiosk.storage.engine import open_engine
from kiosk.storage.migrate import upgrade_to_head
from kiosk.storage.tables import SubmissionRow
from kiosk.submissions.store import NewSubmission, SubmissionStore
from tests.helpers.sealed import TEST_SEALER, opened_payload

han = st.one_of(*(st.integers(lo, hi).map(chr) for lo, hi in HAN_BLOCKS))
han_run = st.lists(han, min_size=1, max_size=6).map("".join)
names = st.one_of(
    han_run,
    st.tuples(han_run, st.sampled_from(sorted(MIDDLE_DOTS)), han_run).map("".join),
)


@given(names)
def test_every_han_name_with_or_without_a_middle_dot_is_accepted(name: str) -> None:
    assert name_problem(name) is None


# No deadline: every example migrates and fsyncs a fresh database, and the first one also
# imports Alembic, which the kiosk loads only when a database needs migrating.
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=names)
def test_names_round_trip_through_storage_unchanged(tmp_path: Path, name: str) -> None:
    engine = open_engine(tmp_path / "names.db")
    upgrade_to_head(engine)
    store = SubmissionStore(engine, "NAMES01", TEST_SEALER)
    new = NewSubmission("M-000001", "v1", {"answers": {"name": name}}, name[:1], "***")
    (stored,) = store.add([new], date(2026, 11, 23))
    with Session(engine) as session:
        row = session.scalars(
            select(SubmissionRow).where(SubmissionRow.case_number == stored.case_number)
        ).one()
        assert opened_payload(row)["answers"]["name"] == name
        assert row.applicant_name_masked == name[:1]
    engine.dispose()
