"""Test settings: the same as dev, with a fast hasher (tests that need argon2 ask for it)."""

from zhifa.settings.dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The suite switches languages; keep the default explicit so messages are asserted in zh-hans.
LANGUAGE_CODE = "zh-hans"
