"""Settings for the web benchmark (`python benchmarks/web.py`): production-like, local only.

Based on the shared base settings (not `production`, which redirects to HTTPS and marks
cookies secure: the benchmark talks plain HTTP to 127.0.0.1). The harness passes
DATABASE_URL and SECRET_KEY in the environment so that the data loader, the in-process
query counter and every gunicorn worker agree on both.
"""

import secrets

from samenspel.conf.base import *  # noqa: F403
from samenspel.conf.env import env_str

DEBUG = False
# One key for every process of a run (session hashes are signed with it); generated per run.
SECRET_KEY = env_str("SECRET_KEY") or secrets.token_urlsafe(50)
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "web_urls"

# The public form's abuse protection would refuse a benchmark that posts hundreds of
# reports a second from one address; relax it so the POST measures the work itself.
SAMENSPEL_REPORT_MIN_SECONDS = 0
SAMENSPEL_REPORT_RATE_LIMIT = 10**9
SAMENSPEL_REPORT_RATE_WINDOW = 1

# Production would use Redis (REDIS_URL); a per-process memory cache stands in for it so
# that cache traffic does not become extra database writes in the measurement.
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # noqa: F405
# As production does with REDIS_URL set: sessions read from the cache first.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# Nothing is sent; mail written by a view stays in memory.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
