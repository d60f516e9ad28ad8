"""How long a process lives: those `zhifa serve` keeps beside it (the worker, the schedule) end
with it. Plain Python, run before Django is set up."""

from __future__ import annotations

import os
import sys

# Set by `zhifa serve` for the processes it keeps (the worker, the schedule), to its own pid.
KEPT_BY = "ZHIFA_KEPT_BY"


def end_with_keeper() -> None:
    """A process `zhifa serve` keeps ends with it, even when serve is killed outright and its own
    `finally` never runs: Linux sends this process SIGTERM when the thread that started it exits."""
    keeper = os.environ.pop(KEPT_BY, "")
    if not keeper or not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(pr_set_pdeathsig, ctypes.c_ulong(signal.SIGTERM)) != 0:
        # A sandbox may refuse it: the process then outlives a keeper killed outright, as before.
        print(f"zhifa: prctl(PR_SET_PDEATHSIG) refused: {os.strerror(ctypes.get_errno())}", file=sys.stderr)
        return
    if os.getppid() != int(keeper):  # the keeper was gone before the request took hold
        os.kill(os.getpid(), signal.SIGTERM)
