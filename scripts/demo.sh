#!/usr/bin/env bash
# Install everything and run zhifa with demo data on SQLite. Safe to run again.
#   ZHIFA_PORT=8000 ZHIFA_HOST=127.0.0.1 scripts/demo.sh
set -euo pipefail
source "$(dirname "$0")/lib.sh"

bash "$ROOT/scripts/setup.sh"
export DJANGO_SETTINGS_MODULE=zhifa.settings.dev
unset DATABASE_URL
host="${ZHIFA_HOST:-127.0.0.1}"
port="${ZHIFA_PORT:-8000}"
export ZHIFA_ALLOWED_HOSTS="${ZHIFA_ALLOWED_HOSTS:-127.0.0.1,localhost,$host}"

say "preparing the database (var/zhifa.sqlite3)"
"$VENV/bin/zhifa" migrate --no-input -v0
"$VENV/bin/zhifa" demo

say "zhifa is running at http://$host:$port/  (Ctrl-C stops it)"
exec "$VENV/bin/zhifa" serve --host "$host" --port "$port"
