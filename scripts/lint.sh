#!/usr/bin/env bash
# Every static check CI runs; fails on any finding.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
export DJANGO_SETTINGS_MODULE=zhifa.settings.test
bin="$VENV/bin"

say "ruff";            "$bin/ruff" check .
"$bin/ruff" format --check .
say "mypy";            "$bin/mypy"
say "django check";    "$bin/zhifa" check --fail-level WARNING
say "migrations";      "$bin/zhifa" makemigrations --check --dry-run
say "openapi drift";   "$bin/zhifa" openapi --check
say "architecture";    "$bin/python" scripts/archlint.py
say "import layers";   "$bin/lint-imports" --no-cache
