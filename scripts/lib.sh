# Shared helpers of the set-up scripts. Sourced, not run.
# shellcheck shell=bash

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
export DEBIAN_FRONTEND=noninteractive
export PIP_DISABLE_PIP_VERSION_CHECK=1

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
warn() { printf '\033[33m!!  %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31mxx  %s\033[0m\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"
  else return 1
  fi
}

# Install the Debian packages that are missing (nothing when all are there).
apt_ensure() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || { warn "no apt-get: please install ${missing[*]}"; return 1; }
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -q >/dev/null || { warn "cannot run apt-get as root: please install ${missing[*]}"; return 1; }
  as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# CPython built from source when the machine has no Python >= 3.12 (Debian 12 ships 3.11).
# The tarball comes from Debian's package pool (python.org is not always reachable); the sha256 is
# the one in Debian's signed python3.13_3.13.5-2.dsc.
PY_BUILD_VERSION=3.13.5
PY_BUILD_URL="http://deb.debian.org/debian/pool/main/p/python3.13/python3.13_${PY_BUILD_VERSION}.orig.tar.xz"
PY_BUILD_SHA256=93e583f243454e6e9e4588ca2c2662206ad961659863277afcdb96801647d640
PY_PREFIX="$ROOT/.python"

py_is_new_enough() {
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null
}

# Build CPython $PY_BUILD_VERSION into $PY_PREFIX (reused when it is there). Logs go to stderr
# and .python-build.log, so that stdout carries only the interpreter's path.
build_python() {
  if [ -x "$PY_PREFIX/bin/python3" ] && py_is_new_enough "$PY_PREFIX/bin/python3"; then
    echo "$PY_PREFIX/bin/python3"; return 0
  fi
  say "no Python 3.12+ found: building CPython $PY_BUILD_VERSION into .python/ (a few minutes)" >&2
  apt_ensure build-essential curl ca-certificates xz-utils pkg-config libssl-dev zlib1g-dev \
    libbz2-dev libreadline-dev libsqlite3-dev libffi-dev liblzma-dev uuid-dev libgdbm-dev libgdbm-compat-dev \
    libncurses-dev >&2 || warn "some build dependencies are missing; the build may fail"
  local work log="$ROOT/.python-build.log"
  work="$(mktemp -d)"
  if ! curl -fsSL --retry 3 -o "$work/python.tar.xz" "$PY_BUILD_URL"; then
    rm -rf "$work"; warn "cannot download $PY_BUILD_URL"; return 1
  fi
  if ! echo "$PY_BUILD_SHA256  $work/python.tar.xz" | sha256sum -c --quiet - >&2; then
    rm -rf "$work"; warn "the CPython tarball does not match its pinned sha256"; return 1
  fi
  tar -xJf "$work/python.tar.xz" -C "$work"
  if ! (cd "$work/Python-$PY_BUILD_VERSION" \
        && ./configure --prefix="$PY_PREFIX" --with-ensurepip=install \
        && make -j"$(nproc)" && make install) >"$log" 2>&1; then
    rm -rf "$work"; warn "building CPython failed; see $log"; return 1
  fi
  rm -rf "$work"
  py_is_new_enough "$PY_PREFIX/bin/python3" || { warn "the built Python does not run"; return 1; }
  "$PY_PREFIX/bin/python3" -c 'import ssl, sqlite3, ctypes, lzma, bz2, zlib, uuid' 2>>"$log" \
    || { warn "the built Python lacks a standard module; see $log"; return 1; }
  echo "$PY_PREFIX/bin/python3"
}

# A Python of at least 3.12 (Django 6 needs it): $ZHIFA_PYTHON, one built earlier in .python/,
# the PATH, pyenv's versions; when none is there, build one (build_python).
find_python() {
  local candidates=("${ZHIFA_PYTHON:-}" "$PY_PREFIX/bin/python3" python3.13 python3.12 python3)
  for dir in "$HOME"/.pyenv/versions/3.1[2-9]*/bin; do
    [ -x "$dir/python3" ] && candidates+=("$dir/python3")
  done
  for py in "${candidates[@]}"; do
    [ -n "$py" ] || continue
    local path
    path="$(command -v "$py" 2>/dev/null)" || continue
    if py_is_new_enough "$path"; then
      echo "$path"; return 0
    fi
  done
  build_python
}

file_hash() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

# The virtual environment with the pinned dependencies of a lock file; reused when unchanged.
venv_ensure() {
  local lock="$1" stamp want
  stamp="$VENV/.zhifa-$(basename "$lock" .txt)"
  want="$(file_hash "$lock" "$ROOT/pyproject.toml")"
  if [ -x "$VENV/bin/python" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    local py
    py="$(find_python)" || die "zhifa needs Python 3.12 or newer (Django 6) and building one failed. Install one, or set ZHIFA_PYTHON."
    say "creating the virtual environment with $py"
    "$py" -m venv "$VENV"
  fi
  say "installing pinned Python packages ($(basename "$lock"))"
  "$VENV/bin/pip" install -q -r "$lock" 2>&1 | grep -v "^WARNING: Location" || true
  "$VENV/bin/pip" install -q --no-deps -e "$ROOT" 2>&1 | grep -v "^WARNING: Location" || true
  "$VENV/bin/python" -c "import django, zhifa" || die "the Python install failed"
  echo "$want" > "$stamp"
}

# Front-end packages and data from the npm registry, exactly as package-lock.json pins them.
npm_ensure() {
  command -v npm >/dev/null 2>&1 || apt_ensure nodejs npm || die "zhifa needs Node.js and npm"
  local stamp="$ROOT/node_modules/.zhifa-stamp" want
  want="$(file_hash "$ROOT/package-lock.json")"
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && return 0
  say "installing npm packages"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error) || die "npm ci failed"
  echo "$want" > "$stamp"
}

messages_ensure() {
  local po="$ROOT/src/zhifa/locale/en/LC_MESSAGES/django.po" mo="$ROOT/src/zhifa/locale/en/LC_MESSAGES/django.mo"
  if [ ! -f "$mo" ] || [ "$po" -nt "$mo" ]; then
    (cd "$ROOT/src/zhifa" && "$VENV/bin/zhifa" compilemessages -v0) || die "compilemessages failed"
  fi
}
