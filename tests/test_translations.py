"""Every message has its English translation (zh-hans is the source language)."""

from __future__ import annotations

from pathlib import Path

import polib

import zhifa

CATALOGUE = Path(zhifa.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_the_english_catalogue_is_complete():
    po = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in po if not entry.msgstr and not entry.msgstr_plural]
    fuzzy = [entry.msgid for entry in po if "fuzzy" in entry.flags]
    obsolete = [entry.msgid for entry in po.obsolete_entries()]
    assert not untranslated, f"translate these in {CATALOGUE}: {untranslated}"
    assert not fuzzy, f"review these fuzzy entries: {fuzzy}"
    assert not obsolete, "run scripts/messages.sh to drop obsolete entries"
