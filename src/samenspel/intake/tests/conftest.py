"""Fixtures for the intake tests: private photo folder, a clean cache, form data."""

import pytest
from django.core.cache import cache

from samenspel.intake.forms import new_form_token


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Photos go to a throw-away folder, never to var/."""
    settings.SAMENSPEL_PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "private-media"


@pytest.fixture(autouse=True)
def clean_cache():
    """The rate limit lives in the cache; one test's submissions must not count for the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def report_data(db):
    """A valid public report as the browser posts it, with a fresh form token."""

    def make(**overrides) -> dict:
        data = {
            "form_token": new_form_token(),
            "text": "De lantaarnpaal bij de kerk in Almkerk brandt al twee weken niet.",
            "kern": "onbekend",
            "name": "",
            "email": "",
            "phone": "",
            "website": "",
        }
        data.update(overrides)
        return {key: value for key, value in data.items() if value is not None}

    return make
