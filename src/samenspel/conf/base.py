"""Settings shared by every environment. Values come from the environment (docs/deployment.md)."""

from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .env import email_settings, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(env_str("SAMENSPEL_VAR_DIR", str(PROJECT_DIR / "var")))

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

SAMENSPEL_MUNICIPALITY = env_str("SAMENSPEL_MUNICIPALITY", "Gemeente Altena")
SAMENSPEL_BASE_URL = env_str("SAMENSPEL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
# AVG art. 5(1)(e), storage limitation: reporters' contact details are kept only as
# long as they are needed to answer and inform them.
SAMENSPEL_RETENTION_DAYS = env_int("SAMENSPEL_RETENTION_DAYS", 365)
# Abuse protection of the public form (no captcha service).
SAMENSPEL_REPORT_MIN_SECONDS = env_int("SAMENSPEL_REPORT_MIN_SECONDS", 3)
SAMENSPEL_REPORT_RATE_LIMIT = env_int("SAMENSPEL_REPORT_RATE_LIMIT", 10)
SAMENSPEL_REPORT_RATE_WINDOW = env_int("SAMENSPEL_REPORT_RATE_WINDOW", 3600)
SAMENSPEL_UPLOAD_MAX_BYTES = env_int("SAMENSPEL_UPLOAD_MAX_BYTES", 8 * 1024 * 1024)
# Residents' photos may show people and houses: kept outside MEDIA_ROOT, with no URL,
# and served only to staff through a view that checks the role.
SAMENSPEL_PRIVATE_MEDIA_ROOT = Path(
    env_str("SAMENSPEL_PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private-media"))
)
# Number of reverse proxies in front of the app whose X-Forwarded-For is trusted for the
# client address (rate limits). 0 in development, 1 behind one proxy in production.
SAMENSPEL_TRUSTED_PROXIES = env_int("SAMENSPEL_TRUSTED_PROXIES", 0)
SAMENSPEL_OUTBOX_MAX_ATTEMPTS = env_int("SAMENSPEL_OUTBOX_MAX_ATTEMPTS", 8)
SAMENSPEL_OUTBOX_LEASE_SECONDS = env_int("SAMENSPEL_OUTBOX_LEASE_SECONDS", 300)
SAMENSPEL_OUTBOX_BACKOFF_SECONDS = env_int("SAMENSPEL_OUTBOX_BACKOFF_SECONDS", 60)
# Knowledge: a tool not reviewed for this many days is flagged as stale.
SAMENSPEL_TOOL_REVIEW_DAYS = env_int("SAMENSPEL_TOOL_REVIEW_DAYS", 365)
# Coalitions: a commitment above this many hours a week needs the manager's approval.
SAMENSPEL_COMMITMENT_APPROVAL_HOURS = env_int("SAMENSPEL_COMMITMENT_APPROVAL_HOURS", 4)
SAMENSPEL_RECOMMENDER_TIME_LIMIT = float(env_str("SAMENSPEL_RECOMMENDER_TIME_LIMIT", "0.25"))
# Prioritisation: a challenge waiting longer than this (working days) unscored is flagged.
SAMENSPEL_UNSCORED_WORKING_DAYS = env_int("SAMENSPEL_UNSCORED_WORKING_DAYS", 5)
# Insights: answering a reporter within this many working days counts as "within the norm".
SAMENSPEL_RESPONSE_NORM_DAYS = env_int("SAMENSPEL_RESPONSE_NORM_DAYS", 10)
# Insights: the team is superfluous when self-reliance stays above this for two quarters.
SAMENSPEL_SUPERFLUOUS_THRESHOLD = float(env_str("SAMENSPEL_SUPERFLUOUS_THRESHOLD", "0.8"))
# Similarity: where the worker keeps the shared index, and how often web processes reload it.
SAMENSPEL_SIMILARITY_INDEX_PATH = Path(
    env_str("SAMENSPEL_SIMILARITY_INDEX_PATH", str(VAR_DIR / "similarity-index.npz"))
)
SAMENSPEL_SIMILARITY_RELOAD_SECONDS = env_int("SAMENSPEL_SIMILARITY_RELOAD_SECONDS", 300)

INSTALLED_APPS = [
    "samenspel.accounts.admin_site.SamenspelAdminConfig",  # django.contrib.admin, role-based
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_htmx",
    "samenspel.core",
    "samenspel.accounts",
    "samenspel.audit",
    "samenspel.places",
    "samenspel.organisation",
    "samenspel.intake",
    "samenspel.similarity",
    "samenspel.challenges",
    "samenspel.coalitions",
    "samenspel.knowledge",
    "samenspel.learning",
    "samenspel.participation",
    "samenspel.insights",
    "samenspel.notifications",
    "samenspel.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samenspel.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samenspel.urls"
WSGI_APPLICATION = "samenspel.wsgi.application"

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
                "samenspel.core.context_processors.samenspel",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'samenspel.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while the outbox worker writes; IMMEDIATE avoids
    # "database is locked" upgrades inside transactions.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, loading the user's roles in the same query (accounts/backends.py).
    "samenspel.accounts.backends.RoleAwareModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "challenges:board"
LOGOUT_REDIRECT_URL = "intake:report"

# Login throttling: lock an account/IP pair after repeated failures.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS: list = []  # each app keeps its own locale/ folder
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
NODE_MODULES = Path(env_str("SAMENSPEL_NODE_MODULES", str(PROJECT_DIR / "node_modules")))
STATICFILES_DIRS = [
    ("vendor/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("SAMENSPEL_MEDIA_ROOT", str(VAR_DIR / "media")))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Samenspel <noreply@samenspel.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
globals().update(email_settings(env_str("EMAIL_URL", "console://")))

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "samenspel_cache",
    }
}
if env_str("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("REDIS_URL"),
    }
    # With a shared cache in front, a staff request reads its session from Redis instead of
    # the database; writes still go to both, so a restart of Redis logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Rendered HTML fragments that are a pure function of their key (language, roles, choices):
# kept in each process, never invalidated, only evicted (see samenspel/core/fragments.py).
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "samenspel-fragments",
    "TIMEOUT": None,
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "samenspel.core.views.csrf_failure"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Content Security Policy: no inline scripts or styles, no eval.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}
