#!/usr/bin/env bash
# Make sure a PostgreSQL server runs and zhifa has a role and a database on it; print its URL.
# Uses the running server when there is one, starts the Debian cluster when it is stopped,
# installs PostgreSQL from Debian when there is none.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

HOST="${ZHIFA_PG_HOST:-127.0.0.1}"
PORT="${ZHIFA_PG_PORT:-5432}"
NAME="${ZHIFA_PG_DB:-zhifa}"
ROLE="${ZHIFA_PG_ROLE:-zhifa}"
PASSWORD="${ZHIFA_PG_PASSWORD:-zhifa}"

ready() { pg_isready -q -h "$HOST" -p "$PORT" 2>/dev/null; }

start_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  local version
  version="$(pg_lsclusters -h 2>/dev/null | awk 'NR==1 {print $1}')"
  [ -n "$version" ] || return 1
  say "starting PostgreSQL $version" >&2
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo -u postgres "$@"
  else PGHOST="$HOST" PGPORT="$PORT" PGUSER=postgres "$@"
  fi
}

if ! ready; then
  command -v pg_isready >/dev/null 2>&1 || apt_ensure postgresql-client >&2 || true
  start_cluster || { apt_ensure postgresql >&2 && start_cluster; } || die "cannot start PostgreSQL"
  for _ in $(seq 1 30); do ready && break; sleep 1; done
  ready || die "PostgreSQL did not come up on $HOST:$PORT"
fi

as_postgres psql -q -p "$PORT" -v ON_ERROR_STOP=1 -d postgres >/dev/null <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$ROLE') THEN
    CREATE ROLE $ROLE LOGIN CREATEDB PASSWORD '$PASSWORD';
  END IF;
END
\$\$;
SQL
if ! as_postgres psql -p "$PORT" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$NAME'" | grep -q 1; then
  as_postgres createdb -p "$PORT" -O "$ROLE" "$NAME"
fi
echo "postgres://$ROLE:$PASSWORD@$HOST:$PORT/$NAME"
