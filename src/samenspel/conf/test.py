"""The test suite: fast hashing, mail kept in memory unless a test sends over SMTP."""

from .base import *  # noqa: F403
from .base import CACHES

SECRET_KEY = "test-only-not-secret"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SAMENSPEL_REPORT_MIN_SECONDS = 0
AXES_ENABLED = True

# Whitenoise warns when STATIC_ROOT is missing; tests serve static files through the finders.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
AXES_VERBOSE = False
