"""`zhifa serve` keeps one background worker beside the web server: started with it, started
again when it crashes, not when it was asked to stop, and stopped with the server."""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Callable

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


def test_a_worker_that_exits_by_itself_cleanly_is_not_started_again() -> None:
    worker = BackgroundWorker([sys.executable, "-c", "pass"], restart_after=0.1)
    worker.start()
    assert _soon(lambda: worker.process is not None and worker.process.poll() == 0)
    first = worker.process
    time.sleep(0.5)
    assert worker.process is first
    worker.stop()
