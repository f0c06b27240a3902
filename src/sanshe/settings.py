"""One settings module, configured by environment variables.

SANSHE_MODE=demo (the default) runs with SQLite and a demo secret on localhost.
SANSHE_MODE=production refuses to start with DEBUG on or a default secret.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("SANSHE_DATA_DIR", Path.cwd() / "var")).resolve()

MODE = os.environ.get("SANSHE_MODE", "demo")
if MODE not in {"demo", "production"}:
    raise ImproperlyConfigured("SANSHE_MODE must be 'demo' or 'production'.")
PRODUCTION = MODE == "production"

_DEMO_SECRET = "demo-only-secret-key-never-use-in-production-0123456789abcdef"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEMO_SECRET)
DEBUG = os.environ.get("DEBUG", "0").lower() in {"1", "true", "yes"}

if PRODUCTION:
    if DEBUG:
        raise ImproperlyConfigured("Production refuses to start with DEBUG on.")
    if SECRET_KEY == _DEMO_SECRET or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured("Production needs its own SECRET_KEY of 50+ characters.")

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "csp",
    "django_htmx",
    "sanshe.places",
    "sanshe.people",
    "sanshe.taxonomy",
    "sanshe.search",
    "sanshe.directory",
    "sanshe.needs",
    "sanshe.matching",
    "sanshe.procurement",
    "sanshe.funds",
    "sanshe.spaces",
    "sanshe.deliberation",
    "sanshe.groups",
    "sanshe.volunteers",
    "sanshe.cases",
    "sanshe.events",
    "sanshe.centres",
    "sanshe.interop",
    "sanshe.notifications",
    "sanshe.workbench",
    "sanshe.ops",
    "sanshe.tokens",
    "sanshe.demo",
    "sanshe.web",
    # After sanshe.interop, whose `db_worker` (with heartbeats) takes the place of django_tasks_db's.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # First, so its duration, log line and request id cover everything after it.
    "sanshe.ops.requests.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "sanshe.common.middleware.ApiErrorsAsJsonMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "sanshe.common.middleware.RejectNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "sanshe.tokens.middleware.TokenAuthenticationMiddleware",
    "sanshe.ops.routing.ReplicaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "sanshe.web.once.SubmitOnceMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "sanshe.urls"
WSGI_APPLICATION = "sanshe.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite is the embedded default; DATABASE_URL switches to PostgreSQL.
_SQLITE_OPTIONS = {
    # IMMEDIATE takes the write lock at BEGIN, so two writers queue instead of
    # failing halfway with "database is locked".
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
}
if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
else:
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "sanshe.sqlite3",
            "OPTIONS": _SQLITE_OPTIONS,
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(_SQLITE_OPTIONS)
else:
    # Under LC_CTYPE=C PostgreSQL's text functions ignore Chinese: test
    # databases are created from template0 in UTF-8.
    DATABASES["default"]["TEST"] = {"TEMPLATE": "template0", "CHARSET": "UTF8"}

# A PostgreSQL streaming replica for reads of list and dashboard pages (see sanshe.ops.routing);
# tests use the primary under the replica's name unless SANSHE_TEST_REPLICA_PORT runs the real one.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(os.environ["DATABASE_REPLICA_URL"], conn_max_age=60)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["sanshe.ops.routing.ReplicaRouter"]
SANSHE_REPLICA_VIEWS = {
    "home",
    "community_list",
    "community_detail",
    "needs:public",
    "needs:board",
    "needs:overview",
    "service_detail",
    "organization_detail",
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Shared cache ------------------------------------------------------------
# One cache for every process: Redis when REDIS_URL is set, the database's sanshe_cache table otherwise.
# Sessions are kept in the database and read through it.
from sanshe.ops.caching import cache_settings  # noqa: E402

CACHES = cache_settings(os.environ)
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts -------------------------------------------------------------
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "sanshe.people.auth.PhoneOrUsernameBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "workbench:home"
LOGOUT_REDIRECT_URL = "home"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Argon2id first (sanshe.people.hashers: OWASP's parameters), memory-hard and a fraction of
# PBKDF2's time per login. Older hashes still check, and are rewritten when their owner logs in.
PASSWORD_HASHERS = [
    "sanshe.people.hashers.Argon2Hasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# Login throttling (sanshe.people.lockout) counts failures in the default cache, which all
# server processes share in production. Behind N reverse proxies, the client's address is
# the Nth address from the right of X-Forwarded-For.
SANSHE_PROXY_COUNT = int(os.environ.get("SANSHE_PROXY_COUNT", "0"))

# --- Internationalization --------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# Each feature app keeps its own English catalog, so that apps can be
# translated independently; makemessages files a message under the first
# path whose parent directory holds the source, so the project catalog,
# whose parent holds everything, comes last.
LOCALE_APPS = ("search", "needs", "matching", "procurement", "funds", "notifications")
LOCALE_PATHS = [*(PACKAGE_DIR / app / "locale" for app in LOCALE_APPS), PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files ------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploads (receipts, evidence) in MEDIA_ROOT, or in an S3-compatible store shared by several app servers
# when SANSHE_S3_BUCKET is set (needs the optional extra: pip install "sanshe[s3]"; credentials in the
# usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables).
if os.environ.get("SANSHE_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["SANSHE_S3_BUCKET"],
            "endpoint_url": os.environ.get("SANSHE_S3_ENDPOINT_URL") or None,
            "default_acl": "private",
            "querystring_auth": True,
        },
    }
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- Background work ---------------------------------------------------------
# Tests and the demo run tasks at once; production queues them for `sanshe db_worker`.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks_db.DatabaseBackend" if PRODUCTION else "django_tasks.backends.immediate.ImmediateBackend",
        )
    }
}

# --- Messages to people ------------------------------------------------------------
# E-mail through Django's backends (the console in the demo); text messages through
# `sanshe.common.sms` (the log in the demo; a gateway plugs in as a backend class).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "三社联动平台 <noreply@localhost>")
SANSHE_SMS_BACKEND = os.environ.get("SANSHE_SMS_BACKEND", "sanshe.common.sms.LoggingBackend")
# Where the site is reached from outside: links in e-mails are this plus a path.
SANSHE_SITE_URL = os.environ.get("SANSHE_SITE_URL", "http://127.0.0.1:8000")

# --- Security -------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
    # Load balancers and Prometheus ask over plain HTTP inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# Everything the pages need is served from here: no CDN, no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# One JSON object a line, each with its request's id; one line per request from sanshe.requests.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "sanshe.ops.logs.RequestIdFilter"}},
    "formatters": {"json": {"()": "sanshe.ops.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "filters": ["request_id"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "sanshe.requests": {"level": os.environ.get("REQUEST_LOG_LEVEL", "INFO")},
        # Operators' looks at votes, ledgers and other records of what people did (common.admin_views).
        "sanshe.audit": {"level": "INFO"},
    },
}

# /metrics: open in the demo; in production to a bearer token or to the listed client addresses.
SANSHE_METRICS_TOKEN = os.environ.get("SANSHE_METRICS_TOKEN", "")
SANSHE_METRICS_ALLOWED_IPS = [
    a.strip() for a in os.environ.get("SANSHE_METRICS_ALLOWED_IPS", "").split(",") if a.strip()
]

# --- Domain settings -------------------------------------------------------------
# Walking estimate: straight-line distance times a detour factor for streets
# that do not run straight, at an older person's pace.
SANSHE_WALK_DETOUR_FACTOR = float(os.environ.get("SANSHE_WALK_DETOUR_FACTOR", "1.3"))
SANSHE_WALK_METRES_PER_MINUTE = float(os.environ.get("SANSHE_WALK_METRES_PER_MINUTE", "60"))
SANSHE_PAGE_SIZE = 20
SANSHE_SITE_NAME = _("三社联动服务平台")

# --- Needs: field encryption and search
# Residents' private details are encrypted with Fernet keys from SANSHE_FIELD_KEYS
# (comma-separated; the first encrypts, all decrypt, so keys rotate). Production refuses
# to start without them; the demo and tests derive one from the SECRET_KEY.
SANSHE_FIELD_KEYS = [k.strip() for k in os.environ.get("SANSHE_FIELD_KEYS", "").split(",") if k.strip()]
if not SANSHE_FIELD_KEYS:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "Production needs SANSHE_FIELD_KEYS (Fernet keys, comma-separated) to encrypt residents' private details."
        )
    import base64
    import hashlib

    SANSHE_FIELD_KEYS = [
        base64.urlsafe_b64encode(hashlib.sha256(b"sanshe-field-key:" + SECRET_KEY.encode()).digest()).decode()
    ]

# --- Matching --------------------------------------------------------------------
# Walking limits per service domain code, in minutes, after GB 50180-2018's life-circle
# tiers (5 min ≈ 300 m, 10 min ≈ 500 m, 15 min ≈ 800-1000 m). Override as
# SANSHE_MATCHING_WALK_LIMITS="elderly=10,children=10,legal=15"; other domains use the default.
SANSHE_MATCHING_WALK_LIMITS = {
    "elderly": 10.0,
    "children": 10.0,
    "disability-rehabilitation": 10.0,
    "medical-health": 15.0,
    "legal": 15.0,
    **{
        code.strip(): float(minutes)
        for code, _sep, minutes in (
            item.partition("=") for item in os.environ.get("SANSHE_MATCHING_WALK_LIMITS", "").split(",") if "=" in item
        )
    },
}
SANSHE_MATCHING_DEFAULT_WALK_LIMIT = float(os.environ.get("SANSHE_MATCHING_DEFAULT_WALK_LIMIT", "15"))
# Domains in which an online or telephone service is as good as a nearby one.
SANSHE_MATCHING_ONLINE_DOMAINS = os.environ.get(
    "SANSHE_MATCHING_ONLINE_DOMAINS", "legal,mental-health,employment,marriage-family"
).split(",")
# Cost weights (integers; see matching/candidates.py): walking minute, related domain, fee, online,
# each urgency level below urgent, each support below the cap.
SANSHE_MATCHING_WEIGHTS = {
    key: int(os.environ.get(f"SANSHE_MATCHING_WEIGHT_{key.upper()}", default))
    for key, default in {
        "walk_per_minute": 10,
        "related_domain": 60,
        "fee": 30,
        "online": 80,
        "urgency": 400,
        "support": 20,
        "support_cap": 10,
    }.items()
}
# A sent referral not answered within this many days is flagged to community staff.
SANSHE_MATCHING_REPLY_DAYS = int(os.environ.get("SANSHE_MATCHING_REPLY_DAYS", "3"))

# --- Procurement
# OCDS ocid prefix: "ocds-" + the six characters the Open Contracting Partnership assigns to a
# publisher. "ocds-sanshe" is a placeholder until this deployment registers its own.
SANSHE_OCDS_PREFIX = os.environ.get("SANSHE_OCDS_PREFIX", "ocds-sanshe")
# 质疑 window after an award notice, and the days within which the contract must be signed.
SANSHE_PROCUREMENT_CHALLENGE_DAYS = int(os.environ.get("SANSHE_PROCUREMENT_CHALLENGE_DAYS", "7"))
SANSHE_PROCUREMENT_SIGN_WITHIN_DAYS = int(os.environ.get("SANSHE_PROCUREMENT_SIGN_WITHIN_DAYS", "30"))
