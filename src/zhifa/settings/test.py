"""Test settings: the same as dev, with a fast hasher (tests that need argon2 ask for it)."""

from zhifa.settings.dev import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# The suite switches languages; keep the default explicit so messages are asserted in zh-hans.
LANGUAGE_CODE = "zh-hans"

# Files a test writes (rendered documents, the demo PKI) go to a directory of this run, removed
# at exit, never into the developer's var/.
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

VAR_DIR = Path(tempfile.mkdtemp(prefix="zhifa-test-"))
atexit.register(shutil.rmtree, VAR_DIR, ignore_errors=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": VAR_DIR / "media"}},
    "staticfiles": STORAGES["staticfiles"],  # noqa: F405
}
