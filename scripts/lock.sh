#!/usr/bin/env bash
# Re-resolve the pinned dependency sets from pyproject.toml (run after changing dependencies).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
py="$(find_python)" || die "needs Python 3.12+"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
freeze() {  # extras, output
  "$py" -m venv "$tmp/$1"
  "$tmp/$1/bin/pip" install -q "$ROOT$2" 2>&1 | grep -v "^WARNING: Location" || true
  {
    echo "# Pinned by scripts/lock.sh from pyproject.toml; do not edit by hand."
    "$tmp/$1/bin/pip" freeze --exclude-editable | grep -v "^zhifa" | grep -v "^-e "
  } > "$ROOT/requirements/$3"
}
freeze base "" base.txt
freeze test "[test]" test.txt
say "wrote requirements/base.txt and requirements/test.txt"
