"""Careerpath settings: one file, read from the environment, secure unless DJANGO_DEBUG is true.

Variables: DJANGO_DEBUG, DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, REDIS_URL,
DJANGO_SECURE_SSL_REDIRECT, DJANGO_HSTS_SECONDS, DJANGO_ADMIN_PATH, DJANGO_TRUSTED_PROXY_COUNT,
DJANGO_CATALOG_CACHE_SECONDS, DJANGO_SHARE_RATE_LIMIT, DJANGO_SHARE_RATE_WINDOW_SECONDS,
DJANGO_LOGIN_FAILURE_LIMIT, DJANGO_BLS_UPLOAD_MAX_MB, DJANGO_BLS_UPLOAD_READ_SECONDS,
DJANGO_MAX_QUERY_STRING_BYTES, DJANGO_ANSWER_MAX_AGE, DJANGO_RELEASE, DJANGO_FORCE_SCRIPT_NAME,
DJANGO_SITE_ORIGIN, DJANGO_KEEP_RATE_LIMIT, DJANGO_KEEP_RATE_WINDOW_SECONDS,
DJANGO_CEU_LOG_MAX_ENTRIES, DJANGO_CEU_LOG_RATE_LIMIT, DJANGO_CEU_LOG_RATE_WINDOW_SECONDS,
DJANGO_MY_PLAN_RETENTION_DAYS, DJANGO_SHARE_RETENTION_DAYS;
DJANGO_PROXY_ADDRESSES is gunicorn's (gunicorn.conf.py).
"""

import os
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise ImproperlyConfigured(f"{name} must list at least one value, separated by commas.")
    return items


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (50+ random characters) or set DJANGO_DEBUG=true "
            "for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only-never-in-production"

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must name the host(s) this site answers to.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.humanize",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "simple_history",
    "axes",
    "careerpath",
    "stages",
    "certifications",
    "salaries",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Pages are compressed for browsers that accept gzip (a plan page from about 15 KB to 4 KB);
    # Django pads each compressed answer with random bytes against BREACH-style guessing, and the
    # CSRF token is masked anew on every page. Static files come precompressed from WhiteNoise.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before anything that reads the body: refuses what is too large or malformed, unread.
    "careerpath.middleware.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Lets the audit trail of wage and projection data record which admin user made a change.
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the 429 page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "careerpath.urls"

# The app's pages are Jinja2 (templates/<app>/<page>.html; careerpath/jinja2.py). The admin
# stays on Django's templates: its own, and the overrides in templates/admin/, which the Jinja2
# loader leaves to this second engine. The first engine that finds a name renders it.
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            # request, csrf_input and csrf_token come with the backend.
            "environment": "careerpath.jinja2.environment",
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

WSGI_APPLICATION = "careerpath.wsgi.application"

# SQLite is the embedded default so a checkout just works; DATABASE_URL selects PostgreSQL.
_database_url = os.environ.get("DATABASE_URL", "")
if _database_url:
    try:
        DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL is not a usable database URL: {error}") from None
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("DJANGO_SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            "OPTIONS": {
                # WAL lets readers work while one writer commits; immediate transactions and a
                # busy timeout turn lock contention into a short wait instead of an error.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
            # A file, not memory, so the concurrency tests meet real locking (WAL, busy timeout).
            # One file per test run, so parallel runs on one machine never share it.
            "TEST": {
                "NAME": os.environ.get(
                    "DJANGO_SQLITE_TEST_PATH",
                    str(Path(tempfile.gettempdir()) / f"careerpath-test-{os.getpid()}.sqlite3"),
                )
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "admin/").strip("/") + "/"
LOGIN_URL = f"/{ADMIN_PATH}login/"

# How long a worker trusts its in-memory catalog before it checks the version stamp again.
CATALOG_CACHE_SECONDS = env_int("DJANGO_CATALOG_CACHE_SECONDS", 2)

# HTTP caching of the planner's answers (careerpath/http_cache.py): how long a browser or a
# proxy may reuse one without asking, and the release the ETags name (by default a digest of
# the code and templates, the same in every worker of one deployment).
ANSWER_MAX_AGE = env_int("DJANGO_ANSWER_MAX_AGE", 300)
RELEASE = os.environ.get("DJANGO_RELEASE", "")

# A deployment under a path prefix says so here; no request header can set it (gunicorn.conf.py
# takes forwarded headers only from the proxies it is told of).
FORCE_SCRIPT_NAME = os.environ.get("DJANGO_FORCE_SCRIPT_NAME") or None

# Anonymous share links: at most this many per client address in the window.
SHARE_RATE_LIMIT = env_int("DJANGO_SHARE_RATE_LIMIT", 20, minimum=1)
SHARE_RATE_WINDOW_SECONDS = env_int("DJANGO_SHARE_RATE_WINDOW_SECONDS", 3600, minimum=1)

# Kept plans (/my/<token>/, careerpath/keeping.py): at most this many new ones per client
# address in the window; a plan's CEU log holds at most CEU_LOG_MAX_ENTRIES entries and grows by
# at most CEU_LOG_RATE_LIMIT in its window; `manage.py prune_plans` removes plans nobody has
# opened for MY_PLAN_RETENTION_DAYS (730: 24 months).
KEEP_RATE_LIMIT = env_int("DJANGO_KEEP_RATE_LIMIT", 10, minimum=1)
KEEP_RATE_WINDOW_SECONDS = env_int("DJANGO_KEEP_RATE_WINDOW_SECONDS", 3600, minimum=1)
CEU_LOG_MAX_ENTRIES = env_int("DJANGO_CEU_LOG_MAX_ENTRIES", 2000, minimum=1)
CEU_LOG_RATE_LIMIT = env_int("DJANGO_CEU_LOG_RATE_LIMIT", 30, minimum=1)
CEU_LOG_RATE_WINDOW_SECONDS = env_int("DJANGO_CEU_LOG_RATE_WINDOW_SECONDS", 60, minimum=1)
MY_PLAN_RETENTION_DAYS = env_int("DJANGO_MY_PLAN_RETENTION_DAYS", 730, minimum=1)
# ... and share links nobody has opened or shared again for SHARE_RETENTION_DAYS.
SHARE_RETENTION_DAYS = env_int("DJANGO_SHARE_RETENTION_DAYS", 730, minimum=1)

# BLS workbooks uploaded in the admin: the largest accepted (the state file is about 8 MB; the
# metro and all-data files are bigger: import them with `manage.py import_oews`).
BLS_UPLOAD_MAX_BYTES = env_int("DJANGO_BLS_UPLOAD_MAX_MB", 16, minimum=1) * 1024 * 1024
# ... and how long reading one may take in a request: well under gunicorn's worker timeout (30 s
# by default), which would kill the worker mid-read. Bigger files: `manage.py import_oews`.
BLS_UPLOAD_READ_SECONDS = env_int("DJANGO_BLS_UPLOAD_READ_SECONDS", 15, minimum=1)

# Requests: a plan's address is well under 1 KB; anything past this is refused (414). It stays
# below gunicorn's request-line limit (4094 bytes with the method and path), so that the site's
# own 414 page answers, not gunicorn's bare one.
MAX_QUERY_STRING_BYTES = env_int("DJANGO_MAX_QUERY_STRING_BYTES", 2048, minimum=512)
if MAX_QUERY_STRING_BYTES > 3072:
    raise ImproperlyConfigured(
        "DJANGO_MAX_QUERY_STRING_BYTES must be at most 3072, so that gunicorn's request-line "
        f"limit (4094 bytes) never answers first; it is {MAX_QUERY_STRING_BYTES}."
    )
# Every request body, whatever its content type (file parts included), is refused past this
# before anything reads it (413, careerpath.middleware); the BLS upload has its own limit.
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

# Behind N reverse proxies, the client is the N-th address from the right of X-Forwarded-For;
# with 0 (the default) only REMOTE_ADDR counts, so a forged header changes nothing.
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 0)

# Admin sign-in: after repeated failures the pair (user name, client address) and the address
# on its own are locked, never a user name alone, which anyone could then lock from anywhere.
# Failures aimed at one account from many addresses are logged (careerpath.signin).
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_CLIENT_IP_CALLABLE = "careerpath.clients.client_ip"
AXES_LOCKOUT_CALLABLE = "careerpath.views.signin_locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# One machine: per-process memory. Several processes or hosts: REDIS_URL shares the cache, and
# with it the catalog's change notice, between all of them.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(f"REDIS_URL must be a redis:// URL, not {REDIS_URL!r}.")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "careerpath",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Security: strict by default; only local development relaxes the HTTPS settings.
SECURE_CSP = {
    "default-src": [CSP.NONE],
    # Scripts are files of this origin only. No nonce: answers are HTTP-cached and a nonce
    # kept in a cached page would be the same for everyone.
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# The scheme comes from the server: gunicorn (gunicorn.conf.py) believes X-Forwarded-Proto only
# from the proxies named in DJANGO_PROXY_ADDRESSES, so Django reads no forwarded header itself.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True


def site_origin(raw: str, default_host: str, secure: bool) -> str:
    """The origin absolute addresses are written with (the calendar's UID and URL, a plan's
    printed address): "https://careerpath.example" or with a port, never a path. By default the
    first allowed host, https unless the site runs without HTTPS. Never the request's Host."""
    if not raw:
        if default_host.startswith(".") or "*" in default_host:
            raise ImproperlyConfigured(
                "DJANGO_SITE_ORIGIN must be set when the first allowed host is a pattern."
            )
        raw = f"{'https' if secure else 'http'}://{default_host}"
    parts = urlsplit(raw)
    try:
        port = parts.port  # raises ValueError for a port out of range or not a number
    except ValueError:
        port = -1
    if (
        parts.scheme not in {"http", "https"}
        or not parts.hostname
        or port == -1
        or port == 0
        or parts.path not in {"", "/"}
        or parts.query
        or parts.fragment
        or parts.username
    ):
        raise ImproperlyConfigured(
            f"DJANGO_SITE_ORIGIN must be an origin such as https://careerpath.example, not {raw!r}."
        )
    return f"{parts.scheme}://{parts.netloc}"


SITE_ORIGIN = site_origin(
    os.environ.get("DJANGO_SITE_ORIGIN", ""),
    ALLOWED_HOSTS[0] if ALLOWED_HOSTS else "localhost",
    secure=not DEBUG and SECURE_SSL_REDIRECT,
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "{asctime} {levelname} {name} {message}", "style": "{"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    # careerpath.requests logs every refused request as one line; Django's own logger would
    # add a second (with a traceback for a malformed body). Server errors still reach it.
    "loggers": {"django.request": {"level": "ERROR"}},
}
