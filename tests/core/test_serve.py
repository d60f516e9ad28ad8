"""`zhifa serve` keeps one background worker beside the web server: started with it, started
again whenever it exits, and stopped with the server (not by a forked web worker)."""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Callable

import pytest

from zhifa.core.management.commands.serve import BackgroundWorker

SLEEPER = [sys.executable, "-c", "import time; time.sleep(120)"]


def _soon(condition: Callable[[], bool], timeout: float = 15) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return False


def _running(worker: BackgroundWorker) -> bool:
    return worker.process is not None and worker.process.poll() is None


def test_a_crashed_worker_is_started_again_and_stopping_the_server_stops_it() -> None:
    worker = BackgroundWorker(SLEEPER, restart_after=0.1)
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
    worker = BackgroundWorker([sys.executable, "-c", "pass"], restart_after=0.1)
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
    worker = BackgroundWorker(SLEEPER, restart_after=0.1)
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
