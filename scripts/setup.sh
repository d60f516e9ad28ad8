#!/usr/bin/env bash
# Install everything zhifa needs on this machine; safe to run again (it reuses what is there).
#   scripts/setup.sh          what running zhifa needs
#   scripts/setup.sh --test   also what the tests need (Chromium, PostgreSQL, test tools)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

with_tests=0
[ "${1:-}" = "--test" ] && with_tests=1

# CJK fonts for documents, pango for WeasyPrint, gettext for translations.
apt_ensure fonts-noto-cjk libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 gettext \
  || warn "some system packages are missing; PDF documents may not render"
if [ "$with_tests" = 1 ]; then
  apt_ensure chromium || die "the browser tests need Debian's chromium"
  venv_ensure "$ROOT/requirements/test.txt"
else
  venv_ensure "$ROOT/requirements/base.txt"
fi
npm_ensure
messages_ensure
say "set-up complete"
