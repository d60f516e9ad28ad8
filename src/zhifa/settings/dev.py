"""The embedded default: SQLite in var/, one process, static files served from the finders."""

from zhifa.settings.base import *  # noqa: F403
from zhifa.settings.base import STORAGES

WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
