"""`zhifa serve` keeps its background worker and its schedule beside the web server: each started
with it, started again whenever it exits, and stopped with the server (not by a forked web worker)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from zhifa.core.management.commands.serve import KeptProcess

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]


def _soon(condition: Callable[[], bool], timeout: float = 15) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _running(worker: KeptProcess) -> bool:
    return worker.process is not None and worker.process.poll() is None


def test_a_crashed_worker_is_started_again_and_stopping_the_server_stops_it() -> None:
    worker = KeptProcess(SLEEPER, restart_after=0.1)
    worker.start()
    try:
        assert _soon(lambda: _running(worker))
        first = worker.process
        assert first is not None
        first.send_signal(signal.SIGKILL)
        assert _soon(lambda: worker.process is not first and _running(worker))
    finally:
        worker.stop()
    last = worker.process
    assert last is not None
    assert last.poll() is not None
    time.sleep(0.3)
    assert worker.process is last  # nothing started after the stop


def test_a_worker_that_exits_cleanly_is_started_again_too() -> None:
    worker = KeptProcess([sys.executable, "-c", "pass"], restart_after=0.1)
    worker.start()
    try:
        assert _soon(lambda: worker.process is not None and worker.process.poll() == 0)
        first = worker.process
        assert _soon(lambda: worker.process is not first)
    finally:
        worker.stop()


# Gunicorn forks a threaded process just the same; the child only calls stop() and exits.
@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_a_forked_web_worker_unwinding_leaves_the_background_worker_running() -> None:
    worker = KeptProcess(SLEEPER, restart_after=0.1)
    worker.start()
    try:
        assert _soon(lambda: _running(worker))
        child = os.fork()
        if child == 0:  # as a gunicorn web worker exiting through the server's `finally`
            worker.stop()
            os._exit(0)
        os.waitpid(child, 0)
        assert _running(worker)
        assert not worker.stopping.is_set()
    finally:
        worker.stop()
    assert worker.process is not None
    assert worker.process.poll() is not None


ZHIFA = [sys.executable, "-m", "zhifa.cli"]


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty SQLite database file with every migration applied, made once for the module."""
    home = tmp_path_factory.mktemp("migrated")
    env = {**os.environ, "ZHIFA_HOME": str(home), "DATABASE_URL": f"sqlite:///{home / 'zhifa.sqlite3'}"}
    subprocess.run([*ZHIFA, "migrate", "-v0"], env=env, check=True, timeout=180)  # noqa: S603 (our own argv)
    return home / "zhifa.sqlite3"


@pytest.fixture
def own_database(migrated: Path, tmp_path: Path, on_postgres: bool) -> tuple[Path, dict[str, str]]:
    """A copy of it, and the environment of a zhifa process that uses it (the embedded default)."""
    if on_postgres:
        pytest.skip("runs zhifa on its own SQLite file, the embedded default; the suite's database plays no part")
    database = tmp_path / "zhifa.sqlite3"
    shutil.copyfile(migrated, database)
    return database, {**os.environ, "ZHIFA_HOME": str(tmp_path), "DATABASE_URL": f"sqlite:///{database}"}


def test_zhifa_serve_runs_the_periodic_jobs_by_itself_and_takes_its_processes_down_with_it(own_database):
    """The township's path: `zhifa serve` on SQLite, no cron; the schedule queues each job and the
    worker runs it. Started as its own process, as a user starts it."""
    database, env = own_database
    server = _serve(env)
    try:
        assert _soon(lambda: _finished_jobs(database) == {"lawbase-in-force", "deadlines", "case-files"}, timeout=90)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert _soon(lambda: not _group_alive(server.pid), timeout=30)  # the worker and the schedule too


def test_a_server_killed_outright_leaves_no_worker_or_schedule_behind(own_database):
    """SIGKILL (or the OOM killer) gives `zhifa serve` no chance to stop what it keeps; the kept
    processes end by themselves."""
    database, env = own_database
    server = _serve(env)
    try:
        assert _soon(lambda: len(_kept(server.pid)) == 2, timeout=60)
    finally:
        server.kill()
        server.wait(timeout=30)
    assert _soon(lambda: not _group_alive(server.pid), timeout=30)


def _kept(group: int) -> list[str]:
    """The command lines of the worker and the schedule in the server's process group."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != group:
                continue
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (ProcessLookupError, FileNotFoundError, PermissionError):
            continue
        if "db_worker" in command or "schedule run-due" in command:
            found.append(command)
    return found


def test_cron_runs_at_once_on_sqlite_queue_each_slot_once(own_database):
    """Four `zhifa schedule run-due` at the same moment (cron beside a server, say) on one SQLite
    file: each waits for the write lock, none fails, and each job is queued once."""
    database, env = own_database
    runs = [
        subprocess.Popen([*ZHIFA, "schedule", "run-due"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # noqa: S603
        for _ in range(4)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0, 0], outputs
    with sqlite3.connect(database) as db:
        claims = sorted(job for (job,) in db.execute("SELECT job FROM core_scheduledrun"))
        queued = db.execute("SELECT count(*) FROM django_tasks_database_dbtaskresult").fetchone()[0]
    assert claims == ["case-files", "deadlines", "lawbase-in-force"]
    assert queued == 3


def _serve(env: dict[str, str]) -> subprocess.Popen[bytes]:
    """`zhifa serve` as a user starts it, in a session of its own (its process group is its pid)."""
    return subprocess.Popen(  # noqa: S603 (our own argv)
        [*ZHIFA, "serve", "--port", str(_free_port()), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _finished_jobs(database: Path) -> set[str]:
    try:
        with sqlite3.connect(database, timeout=5) as db:
            rows = db.execute(
                "SELECT run.job FROM core_scheduledrun run JOIN django_tasks_database_dbtaskresult task"
                " ON replace(task.id, '-', '') = replace(run.task_id, '-', '') WHERE task.status = 'SUCCESSFUL'"
            ).fetchall()
    except sqlite3.OperationalError:  # locked by a writer for a moment
        return set()
    return {job for (job,) in rows}


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True
