#!/usr/bin/env python3
"""Benchmark `zhifa seed` at province scale against a per-row baseline, side by side.

    .venv/bin/python bench/seed.py --db sqlite --agencies 5000 --officers 100000
    .venv/bin/python bench/seed.py --db postgres

Each run uses a fresh database (var/bench/seed.sqlite3, or the PostgreSQL database
zhifa_bench), imports the regions of one province and the demo domains, then times:
  seed      `zhifa seed` at the requested scale (bulk writes, one audit entry)
  baseline  officers created one at a time through the actions the admin and the API use
            (create_officer + issue_credential, each with its audit entry), at a smaller count
and reports seconds per 1,000 officers for both and their ratio, with the peak memory of seed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZHIFA = str(ROOT / ".venv" / "bin" / "zhifa")
PYTHON = str(ROOT / ".venv" / "bin" / "python")

BASELINE = """
import datetime as dt, time
from django.utils import timezone
from zhifa.core import context
from zhifa.orgs.actions.credentials import issue_credential
from zhifa.orgs.actions.officers import create_officer
from zhifa.orgs.models import Agency
agencies = list(Agency.objects.filter(name__startswith="seed-")[:50])
today = timezone.localdate()
started = time.perf_counter()
with context.bound(context.RequestContext("bench", None, "cli")):
    for n in range({count}):
        agency = agencies[n % len(agencies)]
        officer = create_officer(by=None, username=f"base{{n:06d}}", full_name=f"基线{{n}}", agency=agency)
        issue_credential(by=None, officer=officer, number=f"B{{n:09d}}", domain=agency.domain,
                         valid_from=today, valid_to=today + dt.timedelta(days=365))
print(time.perf_counter() - started)
"""


def database_url(kind: str) -> str:
    if kind == "sqlite":
        path = ROOT / "var" / "bench" / "seed.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    admin_url = subprocess.run(
        ["bash", str(ROOT / "scripts" / "postgres.sh")], capture_output=True, text=True, check=True
    ).stdout.strip()
    base = admin_url.rsplit("/", 1)[0]
    subprocess.run(["psql", f"{base}/postgres", "-qc", "DROP DATABASE IF EXISTS zhifa_bench"], check=True)
    subprocess.run(["psql", f"{base}/postgres", "-qc", "CREATE DATABASE zhifa_bench"], check=True)
    return f"{base}/zhifa_bench"


def run(env: dict[str, str], *args: str) -> float:
    started = time.perf_counter()
    subprocess.run([ZHIFA, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--agencies", type=int, default=5000)
    parser.add_argument("--officers", type=int, default=100000)
    parser.add_argument("--baseline", type=int, default=1000, help="officers created one by one for the baseline")
    args = parser.parse_args()
    env = {**os.environ, "DATABASE_URL": database_url(args.db), "DJANGO_SETTINGS_MODULE": "zhifa.settings.dev"}
    run(env, "migrate", "-v0")
    run(env, "demo", "--provinces", "35")
    seed_seconds = run(
        env,
        "seed",
        "--province",
        "350000",
        "--agencies",
        str(args.agencies),
        "--officers",
        str(args.officers),
        "--quiet",
    )
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    out = subprocess.run(
        [PYTHON, "-c", "import django; django.setup()\n" + BASELINE.format(count=args.baseline)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    baseline_seconds = float(out.stdout.strip().splitlines()[-1])
    per_k_seed = seed_seconds / args.officers * 1000
    per_k_base = baseline_seconds / args.baseline * 1000
    result = {
        "db": args.db,
        "agencies": args.agencies,
        "officers": args.officers,
        "seed_seconds": round(seed_seconds, 1),
        "seed_seconds_per_1000_officers": round(per_k_seed, 3),
        "baseline_officers": args.baseline,
        "baseline_seconds_per_1000_officers": round(per_k_base, 3),
        "speedup": round(per_k_base / per_k_seed, 1),
        "peak_rss_mb_of_children": round(peak_mb),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / f"seed-{args.db}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
