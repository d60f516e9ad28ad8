#!/usr/bin/env python3
"""Benchmark the law search (在线找法) over the full law base against a bare LIKE query, side by side.

    .venv/bin/python bench/search.py --db sqlite
    .venv/bin/python bench/search.py --db postgres

Each run uses a fresh database (var/bench/search.sqlite3, or the PostgreSQL database
zhifa_bench_search, or $ZHIFA_BENCH_DB) loaded by `zhifa demo` (the whole shipped law base, the demo matters and
benchmarks, all indexed), then, in one process, for every query of the evaluation set:
  search    zhifa.lawbase.search.query.search(q, limit=20): segmentation, synonyms, the engine's
            ranked match (FTS5 bm25 / tsvector ts_rank), the exact-article check, snippets
  baseline  SELECT id FROM lawbase_searchdocument WHERE text LIKE '%q%' LIMIT 20: the bare
            substring scan a search box without an index would run over the same text
and reports p50/p95/max in milliseconds for both and the ratio of the p95s. Each query is run
--rounds times after one warm-up round (the warm-up also loads jieba's dictionary).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ZHIFA = str(ROOT / ".venv" / "bin" / "zhifa")

MEASURE = """
import json, statistics, time
from django.db import connection
from zhifa.lawbase.models import SearchDocument
from zhifa.lawbase.search.evaluation import load_pairs
from zhifa.lawbase.search.query import search

queries = [p.query for p in load_pairs()]

def like(q):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM lawbase_searchdocument WHERE text LIKE %s LIMIT 20", [f"%{{q}}%"])
        return cursor.fetchall()

def timed(fn, rounds):
    for q in queries:
        fn(q)
    samples = []
    for _ in range(rounds):
        for q in queries:
            started = time.perf_counter()
            fn(q)
            samples.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(samples, n=100)
    return {{"p50": round(cuts[49], 2), "p95": round(cuts[94], 2), "max": round(max(samples), 2), "n": len(samples)}}

print(json.dumps({{
    "documents": SearchDocument.objects.count(),
    "queries": len(queries),
    "search": timed(lambda q: search(q, limit=20), {rounds}),
    "baseline": timed(like, {rounds}),
}}))
"""


def database_url(kind: str, *, fresh: bool = True) -> str:
    if kind == "sqlite":
        path = ROOT / "var" / "bench" / "search.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        if not fresh:
            return f"sqlite:///{path}"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    admin_url = subprocess.run(
        ["bash", str(ROOT / "scripts" / "postgres.sh")], capture_output=True, text=True, check=True
    ).stdout.strip()
    base = admin_url.rsplit("/", 1)[0]
    name = os.environ.get("ZHIFA_BENCH_DB", "zhifa_bench_search")
    if not fresh:
        return f"{base}/{name}"
    subprocess.run(["psql", f"{base}/postgres", "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", f"{base}/postgres", "-qc", f"CREATE DATABASE {name}"], check=True)
    return f"{base}/{name}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--reuse", action="store_true", help="measure the database a previous run loaded")
    args = parser.parse_args()
    url = database_url(args.db, fresh=not args.reuse)
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "zhifa.settings.dev"}
    subprocess.run([ZHIFA, "migrate", "-v0"], env=env, check=True)
    if not args.reuse:
        subprocess.run([ZHIFA, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run(
        [ZHIFA, "shell", "-c", MEASURE.format(rounds=args.rounds)], env=env, check=True, capture_output=True, text=True
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    result["db"] = args.db
    result["ratio_p95"] = round(result["baseline"]["p95"] / result["search"]["p95"], 2)
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / f"search-{args.db}.json").write_text(json.dumps(result, indent=2))
    json.dump(result, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
