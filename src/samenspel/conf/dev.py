"""Development: `make run`. Generates and keeps a secret key under var/."""

import secrets

from .base import *  # noqa: F403
from .base import VAR_DIR
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)


def _development_secret_key() -> str:
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env_str("SECRET_KEY") or _development_secret_key()

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
