#!/usr/bin/env bash
# Install what the tests need and run the whole suite: lint, then SQLite, then PostgreSQL.
#   scripts/test.sh                      everything
#   scripts/test.sh --db sqlite|postgres only one database
#   scripts/test.sh --no-lint [pytest args]
#   ZHIFA_TEST_WORKERS=N                 pytest-xdist workers (default: one per core)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

dbs="sqlite postgres"
lint=1
while [ $# -gt 0 ]; do
  case "$1" in
    --db) dbs="$2"; shift 2 ;;
    --no-lint) lint=0; shift ;;
    *) break ;;
  esac
done

bash "$ROOT/scripts/setup.sh" --test
cd "$ROOT"
[ "$lint" = 1 ] && bash "$ROOT/scripts/lint.sh"

for db in $dbs; do
  case "$db" in
    sqlite) unset DATABASE_URL ;;
    postgres) DATABASE_URL="$(bash "$ROOT/scripts/postgres.sh")"; export DATABASE_URL ;;
    *) die "unknown database $db" ;;
  esac
  say "tests on $db"
  # One worker per core (ZHIFA_TEST_WORKERS=0 runs in one process, e.g. to debug a failure).
  "$VENV/bin/pytest" -q -p no:cacheprovider -n "${ZHIFA_TEST_WORKERS:-auto}" "$@"
done
say "all green"
