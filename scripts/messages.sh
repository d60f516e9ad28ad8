#!/usr/bin/env bash
# Refresh the English catalogue after changing user-facing text: extract, drop obsolete
# entries, compile. Then translate the new entries in src/zhifa/locale/en/LC_MESSAGES/django.po
# (tests/test_translations.py fails while any is missing).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT/src/zhifa"
"$VENV/bin/zhifa" makemessages -l en --no-location -v0
po=locale/en/LC_MESSAGES/django.po
msgattrib --no-obsolete -o "$po" "$po"
"$VENV/bin/zhifa" compilemessages -v0
"$VENV/bin/python" -c "import polib; p = polib.pofile(\"$po\"); print(\"untranslated:\", [e.msgid for e in p if not e.msgstr], \"fuzzy:\", [e.msgid for e in p if \"fuzzy\" in e.flags])"
