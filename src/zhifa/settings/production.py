"""Production: PostgreSQL from DATABASE_URL, HTTPS, Redis when REDIS_URL is set."""

from django.core.exceptions import ImproperlyConfigured

from zhifa.settings.env import env_bool, env_int, env_str

# Checked before the base settings load, so that no key file is made up on a production server:
# every process must share the one secret that signs sessions and password-reset links.
_SECRET_KEY = env_str("ZHIFA_SECRET_KEY").strip()
if len(_SECRET_KEY) < 32:
    raise ImproperlyConfigured(
        "ZHIFA_SECRET_KEY is missing or shorter than 32 characters; production refuses to start without it. "
        "Generate one with: python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

from zhifa.settings.base import *  # noqa: E402, F403

SECRET_KEY = _SECRET_KEY

DEBUG = False
ZHIFA_HTTPS = env_bool("ZHIFA_HTTPS", True)
SESSION_COOKIE_SECURE = ZHIFA_HTTPS
CSRF_COOKIE_SECURE = ZHIFA_HTTPS
SECURE_SSL_REDIRECT = env_bool("ZHIFA_SSL_REDIRECT", ZHIFA_HTTPS)
SECURE_HSTS_SECONDS = env_int("ZHIFA_HSTS_SECONDS", 31536000 if ZHIFA_HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = ZHIFA_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
