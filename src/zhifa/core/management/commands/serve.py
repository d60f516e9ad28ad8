from __future__ import annotations

import logging
import subprocess
import sys
import threading
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

logger = logging.getLogger("zhifa.serve")


class BackgroundWorker:
    """One `zhifa db_worker` beside the web server (the embedded default of DESIGN.md §3),
    started again if it crashes, stopped with the server."""

    COMMAND = [sys.executable, "-m", "zhifa.cli", "db_worker", "--no-reload", "--verbosity", "1"]

    def __init__(self, command: list[str] | None = None, *, restart_after: float = 5) -> None:
        self.command = command or self.COMMAND
        self.restart_after = restart_after
        self.process: subprocess.Popen[bytes] | None = None
        self.stopping = threading.Event()

    def start(self) -> None:
        threading.Thread(target=self._run, name="zhifa-worker-keeper", daemon=True).start()

    def _run(self) -> None:
        while not self.stopping.is_set():
            self.process = subprocess.Popen(self.command)  # noqa: S603 (our own argv, no shell)
            code = self.process.wait()
            # 0 is a worker asked to stop (the server's shutdown reaches it too); anything else
            # is a crash, and the queue must not wait for someone to notice.
            if code == 0 or self.stopping.wait(self.restart_after):
                return
            logger.error("the background worker exited with %s; starting it again", code)

    def stop(self) -> None:
        self.stopping.set()
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


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
