from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

logger = logging.getLogger("zhifa.serve")


class BackgroundWorker:
    """One `zhifa db_worker` beside the web server (the embedded default of DESIGN.md §3),
    started again whenever it exits until the server stops, and stopped with the server."""

    COMMAND = [sys.executable, "-m", "zhifa.cli", "db_worker", "--no-reload", "--verbosity", "1"]

    def __init__(self, command: list[str] | None = None, *, restart_after: float = 5) -> None:
        self.command = command or self.COMMAND
        self.restart_after = restart_after
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = threading.Event()
        self.owner = os.getpid()

    def start(self) -> None:
        threading.Thread(target=self._run, name="zhifa-worker-keeper", daemon=True).start()

    def _run(self) -> None:
        while not self.stopping.is_set():
            self.process = subprocess.Popen(self.command)  # noqa: S603 (our own argv, no shell)
            if self.stopping.is_set():  # stop() came between the check and the start
                self._end(self.process)
                return
            code = self.process.wait()
            # Any exit is restarted: a crash, but also a clean one (a signal meant for the
            # server, or a wait() that gunicorn's reaping of children answered first).
            if self.stopping.wait(self.restart_after):
                return
            logger.error("the background worker exited with %s; starting it again", code)

    def stop(self) -> None:
        # Gunicorn forks its web workers from inside `run()`: one that exits unwinds through the
        # caller's `finally` too, and must leave the arbiter's worker alone.
        if os.getpid() != self.owner:
            return
        self.stopping.set()
        if self.process is not None:
            self._end(self.process)

    @staticmethod
    def _end(process: subprocess.Popen[bytes]) -> None:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


class Command(BaseCommand):
    help = "启动 Web 服务（gunicorn）和后台任务 / serve zhifa with gunicorn and one background worker"

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

        worker = None if options["no_worker"] else BackgroundWorker()
        if worker is not None:
            worker.start()
        try:
            Server().run()
        finally:
            if worker is not None:
                worker.stop()
