"""`zhifa serve` keeps its background worker and its schedule beside the web server: each started
with it, started again whenever it exits, and stopped with the server (not by a forked web worker)."""

from __future__ import annotations

import os
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


def test_zhifa_serve_runs_the_periodic_jobs_by_itself_and_takes_its_processes_down_with_it(tmp_path, on_postgres):
    """The township's path: `zhifa serve` on SQLite, no cron; the schedule queues each job and the
    worker runs it. Started as its own process (with its own database file), as a user starts it."""
    if on_postgres:
        pytest.skip("the embedded default is SQLite; the schedule's claims are tested on both in test_schedule")
    database = tmp_path / "zhifa.sqlite3"
    env = {**os.environ, "ZHIFA_HOME": str(tmp_path), "DATABASE_URL": f"sqlite:///{database}"}
    zhifa = [sys.executable, "-m", "zhifa.cli"]
    subprocess.run([*zhifa, "migrate", "-v0"], env=env, check=True, timeout=120)  # noqa: S603 (our own argv)
    port = _free_port()
    server = subprocess.Popen(  # noqa: S603 (our own argv)
        [*zhifa, "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        assert _soon(lambda: _finished_jobs(database) == {"lawbase-in-force", "deadlines", "case-files"}, timeout=90)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    assert _soon(lambda: not _group_alive(server.pid), timeout=30)  # the worker and the schedule too


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
