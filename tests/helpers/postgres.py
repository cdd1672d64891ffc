"""A throwaway PostgreSQL cluster for the tests: created in a temp dir, on a free loopback
port, with a fresh database per test, and removed at the end of the run.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` system user
(scripts/setup installs both). Durability is switched off: a test cluster never outlives the
run, and fsync would only make it slower.
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from tests.helpers.network.ports import free_port

SETUP_HINT = "PostgreSQL server binaries are missing: run scripts/setup (it installs postgresql)"
_SERVER_USER = "postgres"
_START_ATTEMPTS = 3  # a free port can be taken by someone else between finding and binding


def server_binaries() -> Path | None:
    """The bin dir of the newest installed PostgreSQL, or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


class PostgresCluster:
    """One cluster; `new_database()` hands each test its own empty database."""

    def __init__(self, binaries: Path, root: Path) -> None:
        self._bin = binaries
        self._root = root
        self._data = root / "data"
        self._sockets = root / "sockets"
        self.port = 0
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()
        self._templates: set[str] = set()

    def start(self) -> None:
        self._sockets.mkdir()
        self._give_to_server_user(self._root)
        self._give_to_server_user(self._sockets)
        initdb = ["-D", str(self._data), "-A", "trust", "-U", "postgres", "-E", "UTF8"]
        self._run("initdb", *initdb, "--locale=C", "--no-sync")
        for attempt in range(1, _START_ATTEMPTS + 1):
            self.port = free_port()
            try:
                where = ["-D", str(self._data), "-l", str(self._root / "server.log")]
                self._run("pg_ctl", *where, "-w", "-o", self._options(), "start")
                return
            except subprocess.CalledProcessError:
                if attempt == _START_ATTEMPTS:
                    text = (self._root / "server.log").read_text(errors="replace")
                    raise RuntimeError(f"PostgreSQL did not start:\n{text}") from None

    def stop(self) -> None:
        if (self._data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self._data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self._root, ignore_errors=True)

    def new_database(self, template: str = "template0") -> str:
        """A fresh database's SQLAlchemy URL: empty, or a copy of `template`."""
        with self._lock:
            name = f"test_{next(self._numbers)}"
        with psycopg.connect(self._dsn("postgres"), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
        return self._url(name)

    def template(self, name: str, prepare: Callable[[str], None]) -> str:
        """A database set up once per run by `prepare(url)`, to copy with new_database:
        copying a prepared database is quicker than preparing each test's anew. `prepare`
        must leave no connection open (a template cannot be copied while in use)."""
        with self._lock:
            if name in self._templates:
                return name
            with psycopg.connect(self._dsn("postgres"), autocommit=True) as connection:
                connection.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
            prepare(self._url(name))
            self._templates.add(name)
            return name

    def drop_database(self, url: str) -> None:
        """Drop a database new_database made, closing whatever is still connected to it."""
        name = url.rsplit("/", 1)[1]
        with psycopg.connect(self._dsn("postgres"), autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def _dsn(self, database: str) -> str:
        return f"host=127.0.0.1 port={self.port} user=postgres dbname={database}"

    def _options(self) -> str:
        return (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self._sockets} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
            "-c max_connections=200"
        )

    def _run(self, program: str, *args: str) -> None:
        command = [str(self._bin / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", _SERVER_USER, "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=120, cwd=self._root)

    def _give_to_server_user(self, path: Path) -> None:
        if os.geteuid() == 0:
            user = pwd.getpwnam(_SERVER_USER)
            os.chown(path, user.pw_uid, user.pw_gid)


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    """The run's PostgreSQL cluster; fails (never skips) when PostgreSQL is not installed."""
    binaries = server_binaries()
    if binaries is None:
        pytest.fail(SETUP_HINT, pytrace=False)
    # Not under pytest's tmp dirs: those are private to root, and the server runs as postgres.
    cluster = PostgresCluster(binaries, Path(tempfile.mkdtemp(prefix="kiosk-test-pg-")))
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def postgres_url(postgres: PostgresCluster) -> Iterator[str]:
    """A fresh database in the run's cluster, as a postgresql+psycopg:// URL; dropped after
    the test (hundreds of databases left behind take longer to delete at the end)."""
    url = postgres.new_database()
    yield url
    postgres.drop_database(url)
