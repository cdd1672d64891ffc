"""Crash tests: `kill -9` of the sync agent at random moments over many rounds, and of
`kiosk submit` in the middle of its commit, in real processes against the reference platform
on PostgreSQL.

Whatever the moment of the kill, afterwards the kiosk's database is sound and every
submission on it is whole (sealed payload, masked applicant, a history that starts queued)
or absent, never half; and once an agent has run to the end, every submission is on the
platform exactly once, under the case id the kiosk recorded. The moments are drawn from a
seeded random generator; the assertions hold whichever way each race goes, so the tests do
not flake when a kill lands a little earlier or later than planned.
"""

from __future__ import annotations

import json
import os
import random
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select as sql_select

from kiosk.catalog import load_catalog
from kiosk.catalog.offerings import find_offering
from kiosk.config import KioskSettings, load_settings
from kiosk.printing import NoPrinter
from kiosk.submissions.states import SubmissionState
from kiosk.wiring.services import KioskServices, build_services
from sync.platform.tables import CaseRow
from sync.wiring import terminal_identity
from tests.helpers.commit_pause import READY
from tests.helpers.data import ELDERLY_MATTER, elderly_application
from tests.helpers.platform.agent_kiosk import enrol_identity
from tests.helpers.platform.reference import RunningPlatform
from tests.helpers.platform_keys import TEST_PLATFORM
from tests.helpers.samples import sample_application_json

REPO_ROOT = Path(__file__).resolve().parents[2]
NEWBORN = "YSLB-BIRTH-0001"  # 新生儿出生一件事: three departments' cases in one commit

# Where in the agent's life each round's kill is aimed, shuffled by the seed: anywhere from
# the process's start (imports, migrations, recovery, delivery or idling), at a random time
# after it says it started, or just after it claims a batch.
AGENT_MOMENTS = ["anywhere"] * 5 + ["after start"] * 4 + ["mid-delivery"] * 5
BACKLOG = 60
# Batches of five, so a kill finds some of the backlog sent, some claimed, some waiting.
BATCH_SIZE = 5
SUBMIT_BLOCKED_ROUNDS = 3
SUBMIT_RACING_ROUNDS = 6
# A kiosk process needs about 2 s to import and open the database on a loaded 2-core machine;
# anything the tests wait for comes well within this.
PATIENCE_S = 30.0


# -- a kiosk data dir and its database, read as a technician would, with sqlite3 ------------


@dataclass
class Kiosk:
    """A kiosk data dir configured for the platform, and the in-process touchscreen side."""

    config: Path
    settings: KioskSettings
    services: KioskServices
    case_numbers: list[str] = field(default_factory=list)

    @property
    def database(self) -> Path:
        return self.settings.database_path

    def accept(self, count: int) -> None:
        """Residents' applications, committed as the touchscreen commits them."""
        for _ in range(count):
            accepted = self.services.submissions.submit(ELDERLY_MATTER, elderly_application())
            self.case_numbers.append(accepted.case_number)

    def arguments(self, *args: str) -> list[str]:
        return [*args, "--config", str(self.config)]

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "kiosk.cli.main", *self.arguments(*args)]

    def sync_once(self) -> dict[str, Any]:
        result = subprocess.run(
            self.command("sync", "--once", "--json"),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, (result.stdout, result.stderr)
        summary: dict[str, Any] = json.loads(result.stdout)
        return summary


@contextmanager
def configured_kiosk(tmp_path: Path, platform: RunningPlatform) -> Iterator[Kiosk]:
    """A kiosk trusting the test platform, with short sync intervals, enrolled on it."""
    config = tmp_path / "crash.toml"
    config.write_text(
        '[devices.printer]\nuri = ""\n\n'
        + TEST_PLATFORM.kiosk_config()
        + f'url = "{platform.url}"\ntimeout_s = 5\n\n'
        + f"[sync]\nbatch_size = {BATCH_SIZE}\npoll_interval_s = 0.05\n"
        + "backoff_initial_s = 0.05\nbackoff_max_s = 0.2\n",
        encoding="utf-8",
    )
    settings = load_settings(config)
    enrol_identity(platform.engine, terminal_identity(settings))
    services = build_services(settings, NoPrinter())
    try:
        yield Kiosk(config, settings, services)
    finally:
        services.close()


def connect(database: Path) -> closing[sqlite3.Connection]:
    # Autocommit: each query is its own short read, so polling never holds up a writer.
    return closing(sqlite3.connect(database, timeout=10, isolation_level=None))


def count_in(database: Path, state: SubmissionState) -> int:
    with connect(database) as db:
        query = "SELECT count(*) FROM submissions WHERE state = ?"
        count: int = db.execute(query, (state.value,)).fetchone()[0]
        return count


def keys_in(database: Path, state: SubmissionState) -> set[str]:
    with connect(database) as db:
        query = "SELECT idempotency_key FROM submissions WHERE state = ?"
        return {key for (key,) in db.execute(query, (state.value,))}


@dataclass(frozen=True)
class StoredCase:
    case_number: str
    idempotency_key: str
    matter_code: str
    state: str
    bundle_id: str | None
    platform_case_id: str | None


def stored_cases(database: Path) -> dict[str, StoredCase]:
    """Every submission row by case number."""
    with connect(database) as db:
        rows = db.execute(
            "SELECT case_number, idempotency_key, matter_code, state, bundle_id, "
            "platform_case_id FROM submissions ORDER BY id"
        )
        return {row[0]: StoredCase(*row) for row in rows}


def case_sequences(database: Path) -> dict[tuple[str, str], int]:
    with connect(database) as db:
        rows = db.execute("SELECT terminal_id, day, last_value FROM case_sequence")
        return {(terminal, day): last for terminal, day, last in rows}


def assert_sound(database: Path) -> None:
    """The file is intact, and every submission on it is whole: a crash left nothing half."""
    states = {state.value for state in SubmissionState}
    with connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        rows = db.execute(
            "SELECT id, case_number, state, sealed_payload, applicant_name_masked, "
            "applicant_id_masked, platform_case_id FROM submissions"
        ).fetchall()
        history: dict[int, list[str]] = defaultdict(list)
        for submission_id, state in db.execute(
            "SELECT item_id, state FROM delivery_events WHERE kind = 'submission' ORDER BY id"
        ):
            history[submission_id].append(state)
    for submission_id, number, state, sealed, name, id_masked, case_id in rows:
        assert state in states, (number, state)
        assert sealed and json.loads(sealed), number
        assert name and id_masked, number
        events = history[submission_id]
        assert events[:1] == [SubmissionState.QUEUED.value], (number, events)
        assert events[-1] == state, (number, events)  # every move is in the history
        if state == SubmissionState.DELIVERED.value:
            assert case_id, number


def assert_case_numbers_without_gaps(database: Path) -> None:
    """Each day's sequence was advanced only by commits that stored their cases: a commit
    cut short takes its numbers back with it."""
    issued: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number in stored_cases(database):
        terminal, day, sequence = number.split("-")
        issued[(terminal, day)].append(int(sequence))
    sequences = case_sequences(database)
    assert set(issued) == set(sequences)
    for key, numbers in issued.items():
        assert sorted(numbers) == list(range(1, sequences[key] + 1)), key


def assert_on_the_platform_exactly_once(platform: RunningPlatform, kiosk: Kiosk) -> None:
    with platform.session() as session:
        held = session.execute(
            sql_select(
                CaseRow.case_number, CaseRow.idempotency_key, CaseRow.case_id, CaseRow.bundle_id
            )
        ).all()
    keys = Counter(row.idempotency_key for row in held)
    assert all(count == 1 for count in keys.values()), keys
    numbers = Counter(row.case_number for row in held)
    assert all(count == 1 for count in numbers.values()), numbers
    on_kiosk = stored_cases(kiosk.database)
    assert set(kiosk.case_numbers) <= set(on_kiosk)  # nothing the kiosk accepted is lost
    assert sorted(numbers) == sorted(on_kiosk)
    for row in held:
        case = on_kiosk[row.case_number]
        assert case.state == SubmissionState.DELIVERED.value, case
        assert case.platform_case_id == row.case_id
        assert case.idempotency_key == row.idempotency_key
        assert case.bundle_id == row.bundle_id


def wait_for(condition: Callable[[], bool], what: str, timeout: float = PATIENCE_S) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.002)


def kill_9(process: subprocess.Popen[Any]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=PATIENCE_S)


# -- the sync agent ------------------------------------------------------------------------


@dataclass
class AgentRounds:
    """What the kills of the agent hit, for the test's report."""

    kills: Counter[str] = field(default_factory=Counter)
    while_sending: int = 0
    acknowledged_but_not_recorded: int = 0


def start_agent(kiosk: Kiosk, log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:
        return subprocess.Popen(
            kiosk.command("sync-agent"), stdout=subprocess.DEVNULL, stderr=output
        )


def agent_started(log: Path) -> bool:
    return b'"msg": "sync agent started"' in log.read_bytes()


def crash_the_agent(
    kiosk: Kiosk,
    platform: RunningPlatform,
    moment: str,
    *,
    rng: random.Random,
    log: Path,
    rounds: AgentRounds,
) -> None:
    """Start `kiosk sync-agent`, SIGKILL it at `moment` (timed by `rng`), and record where
    the kill landed."""
    agent = start_agent(kiosk, log)
    try:
        if moment == "anywhere":
            time.sleep(rng.uniform(0.05, 3.0))
        else:
            wait_for(lambda: agent_started(log) or agent.poll() is not None, "the agent starts")
            if moment == "after start":
                kiosk.accept(rng.randint(1, 3))  # the touchscreen writes while the agent does
                time.sleep(rng.uniform(0.0, 1.0))
            else:

                def claimed_or_done() -> bool:
                    return (
                        count_in(kiosk.database, SubmissionState.SENDING) > 0
                        or count_in(kiosk.database, SubmissionState.QUEUED) == 0
                        or agent.poll() is not None
                    )

                wait_for(claimed_or_done, "the agent claims a batch")
                time.sleep(rng.uniform(0.0, 0.02))
        assert agent.poll() is None, log.read_text(encoding="utf-8")  # it runs until killed
        kill_9(agent)
    finally:
        if agent.poll() is None:
            kill_9(agent)
    rounds.kills[moment] += 1
    sending = keys_in(kiosk.database, SubmissionState.SENDING)
    if sending:
        rounds.while_sending += 1
        with platform.session() as session:
            held = session.scalars(
                sql_select(CaseRow.idempotency_key).where(CaseRow.idempotency_key.in_(sending))
            ).all()
        rounds.acknowledged_but_not_recorded += len(held)


# Fourteen agent processes started and killed one after another: 90 s beside another test on a
# loaded two-core machine, too near the suite's 120 s per test.
@pytest.mark.timeout(300)
def test_killing_the_agent_at_random_moments_loses_and_doubles_nothing(
    tmp_path: Path, reference_platform: RunningPlatform
) -> None:
    rng = random.Random(20261123)
    moments = list(AGENT_MOMENTS)
    rng.shuffle(moments)
    rounds = AgentRounds()
    with configured_kiosk(tmp_path, reference_platform) as kiosk:
        kiosk.accept(BACKLOG)
        for number, moment in enumerate(moments):
            log = tmp_path / f"agent-{number}.log"
            crash_the_agent(kiosk, reference_platform, moment, rng=rng, log=log, rounds=rounds)
            assert_sound(kiosk.database)
            assert set(kiosk.case_numbers) <= set(stored_cases(kiosk.database))
            kiosk.accept(rng.randint(1, 5))  # the touchscreen keeps accepting between runs

        first = kiosk.sync_once()
        second = kiosk.sync_once()

        assert first["error"] is None and second["error"] is None
        assert second["delivered"] == 0
        assert second["queue"][SubmissionState.DELIVERED.value] == len(kiosk.case_numbers)
        assert_sound(kiosk.database)
        assert_on_the_platform_exactly_once(reference_platform, kiosk)
    print(
        f"\nagent: {len(moments)} kills {dict(rounds.kills)}; {rounds.while_sending} left "
        f"rows sending, {rounds.acknowledged_but_not_recorded} of them already held by the "
        f"platform; {first['delivered']} left for the last pass, "
        f"{first['duplicates']} of them duplicates"
    )
    # The mid-delivery moments wait until a batch is claimed: most of them find it unsent.
    assert rounds.while_sending >= 1


# -- `kiosk submit` ------------------------------------------------------------------------


def start_paused_submit(
    kiosk: Kiosk, mode: str, application: str
) -> tuple[subprocess.Popen[str], int]:
    """`kiosk submit` of the bundle, pausing (`block`) or only signalling (`go`) as it is
    about to commit; the pipe's read end, which gets one line at that moment."""
    read_end, write_end = os.pipe()
    try:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.helpers.commit_pause",
                mode,
                str(write_end),
                *kiosk.arguments("submit", "--matter", NEWBORN, "--data", application, "--json"),
            ],
            pass_fds=(write_end,),
            cwd=REPO_ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    finally:
        os.close(write_end)  # the child's copy is the only one: its death closes the pipe
    return process, read_end


def wait_until_committing(process: subprocess.Popen[str], signal_read_end: int) -> None:
    readable, _, _ = select.select([signal_read_end], [], [], PATIENCE_S * 2)
    line = os.read(signal_read_end, len(READY)) if readable else b""
    if line != READY:
        process.kill()
        _, error = process.communicate()
        raise AssertionError(f"`kiosk submit` never reached its commit: {error}")


def submit_and_kill(
    kiosk: Kiosk, mode: str, application: str, rng: random.Random
) -> tuple[int, str]:
    """SIGKILL a `kiosk submit` of the bundle at its commit: paused there (`block`), or a
    random moment after it went on to commit (`go`), unless it has finished by then. Its exit
    status and what it printed."""
    process, signal_read_end = start_paused_submit(kiosk, mode, application)
    try:
        wait_until_committing(process, signal_read_end)
        if mode == "go":
            time.sleep(rng.uniform(0.0, 0.004))
        if process.poll() is None:
            kill_9(process)
        output, _ = process.communicate()
    finally:
        os.close(signal_read_end)
        if process.poll() is None:
            kill_9(process)
    return process.returncode, output


def bundles_on(database: Path) -> dict[str, list[str]]:
    """The matters of each stored bundle, by bundle id."""
    members: dict[str, list[str]] = defaultdict(list)
    for case in stored_cases(database).values():
        assert case.bundle_id is not None
        members[case.bundle_id].append(case.matter_code)
    return members


def test_killing_submit_at_its_commit_stores_a_bundle_wholly_or_not_at_all(
    tmp_path: Path, reference_platform: RunningPlatform
) -> None:
    offering = find_offering(load_catalog(), NEWBORN)
    assert offering is not None
    members = sorted(member.code for member in offering.members)
    application = json.dumps(sample_application_json(offering, date.today()), ensure_ascii=False)
    rng = random.Random(1949)
    modes = ["block"] * SUBMIT_BLOCKED_ROUNDS + ["go"] * SUBMIT_RACING_ROUNDS
    rng.shuffle(modes)
    outcomes: Counter[str] = Counter()
    with configured_kiosk(tmp_path, reference_platform) as kiosk:
        for mode in modes:
            before = stored_cases(kiosk.database)
            sequences_before = case_sequences(kiosk.database)
            returncode, output = submit_and_kill(kiosk, mode, application, rng)

            after = stored_cases(kiosk.database)
            new = {number: case for number, case in after.items() if number not in before}
            assert all(after[number] == case for number, case in before.items())
            assert_sound(kiosk.database)
            assert_case_numbers_without_gaps(kiosk.database)
            if mode == "block":  # killed before its commit: as if it never ran
                assert returncode == -signal.SIGKILL
                assert new == {}
                assert case_sequences(kiosk.database) == sequences_before
                outcomes["absent (killed before the commit)"] += 1
                continue
            assert sorted(case.matter_code for case in new.values()) in ([], members)
            assert len({case.bundle_id for case in new.values()}) <= 1
            assert returncode in (0, -signal.SIGKILL), returncode
            if returncode == 0:
                assert sorted(json.loads(output)["case_numbers"]) == sorted(new)
                outcomes["whole (finished before the kill)"] += 1
            elif new:
                outcomes["whole (killed after the commit)"] += 1
            else:
                outcomes["absent (killed while committing)"] += 1
            kiosk.case_numbers += sorted(new)

        for bundle_id, matters in bundles_on(kiosk.database).items():
            assert sorted(matters) == members, bundle_id

        summary = kiosk.sync_once()

        assert summary["error"] is None
        assert summary["delivered"] == len(stored_cases(kiosk.database))
        assert_on_the_platform_exactly_once(reference_platform, kiosk)
    print(f"\nsubmit: {dict(outcomes)}")
