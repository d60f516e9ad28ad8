from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zhifa.core.lifetime import KEPT_BY

logger = logging.getLogger("zhifa.serve")


WORKER = [sys.executable, "-m", "zhifa.cli", "db_worker", "--no-reload", "--verbosity", "1"]
SCHEDULER = [sys.executable, "-m", "zhifa.cli", "schedule", "run-due", "--loop"]


class KeptProcess:
    """A process beside the web server (the background worker, the schedule: the embedded default
    of DESIGN.md §3), started again whenever it exits until the server stops, and stopped with it."""

    def __init__(self, command: list[str], *, name: str = "background", restart_after: float = 5) -> None:
        self.command = command
        self.name = name
        self.restart_after = restart_after
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = threading.Event()
        self.owner = os.getpid()

    def start(self) -> None:
        threading.Thread(target=self._run, name=f"zhifa-{self.name}-keeper", daemon=True).start()

    def _run(self) -> None:
        while not self.stopping.is_set():
            # KEPT_BY: the process ends with this one even if it is killed outright (core.lifetime).
            env = {**os.environ, KEPT_BY: str(os.getpid())}
            self.process = subprocess.Popen(self.command, env=env)  # noqa: S603 (our own argv, no shell)
            if self.stopping.is_set():  # stop() came between the check and the start
                _terminate(self.process)
                _reap(self.process)
                return
            code = self.process.wait()
            # Any exit is restarted: a crash, but also a clean one (a signal meant for the
            # server, or a wait() that gunicorn's reaping of children answered first).
            if self.stopping.wait(self.restart_after):
                return
            logger.error("the %s process exited with %s; starting it again", self.name, code)

    def stop(self) -> None:
        stop_all([self])

    def ask_to_stop(self) -> subprocess.Popen[bytes] | None:
        """Stop starting it again, and send the running process SIGTERM; returns it, to be waited for."""
        # Gunicorn forks its web workers from inside `run()`: one that exits unwinds through the
        # caller's `finally` too, and must leave the arbiter's processes alone.
        if os.getpid() != self.owner:
            return None
        self.stopping.set()
        if self.process is not None:
            _terminate(self.process)
        return self.process


def stop_all(kept: list[KeptProcess]) -> None:
    """Ask every kept process to stop first, then wait for each: their shutdowns overlap."""
    for process in [p for keeper in kept if (p := keeper.ask_to_stop()) is not None]:
        _reap(process)


def _terminate(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()


def _reap(process: subprocess.Popen[bytes]) -> None:
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class Command(BaseCommand):
    help = "启动 Web 服务（gunicorn）、后台任务和定时任务 / serve zhifa with gunicorn, one worker and the schedule"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="不启动后台任务进程（另行运行 zhifa db_worker）/ start no worker (run zhifa db_worker apart)",
        )
        parser.add_argument(
            "--no-schedule",
            action="store_true",
            help="不排队定时任务（由 cron 运行 zhifa schedule run-due）/ queue no periodic jobs (cron runs them)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.base import BaseApplication

        from zhifa.wsgi import application

        bind = f"{options['host']}:{options['port']}"

        class Server(BaseApplication):  # type: ignore[misc]
            def load_config(self) -> None:
                self.cfg.set("bind", bind)
                self.cfg.set("workers", options["workers"])
                self.cfg.set("threads", options["threads"])
                self.cfg.set("accesslog", "-")

            def load(self) -> Any:
                return application

        kept = [
            KeptProcess(command, name=name)
            for name, command, wanted in (
                ("worker", WORKER, not options["no_worker"]),
                ("schedule", SCHEDULER, not options["no_schedule"]),
            )
            if wanted
        ]
        for process in kept:
            process.start()
        try:
            Server().run()
        finally:
            stop_all(kept)
