"""Fixtures for the Django side of similarity: a throw-away index file and a clean store."""

import pytest

from samenspel.similarity.index_store import store


@pytest.fixture(autouse=True)
def index_file(settings, tmp_path):
    """The index file goes to a temporary folder, and no test sees another test's index."""
    settings.SAMENSPEL_SIMILARITY_INDEX_PATH = str(tmp_path / "similarity-index.npz")
    store.reset()
    yield tmp_path / "similarity-index.npz"
    store.reset()


@pytest.fixture
def kernen(db):
    from samenspel.places.tests.factories import KernFactory

    return {
        name: KernFactory(name=name, slug=name.lower())
        for name in ("Dussen", "Almkerk", "Sleeuwijk")
    }
