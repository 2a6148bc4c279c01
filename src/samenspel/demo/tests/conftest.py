"""Load the demo once per test module, inside a transaction that is rolled back after.

A load takes seconds; doing it per test would make the suite slow for everybody. Each
test still runs in its own savepoint (pytest-django), so tests cannot disturb each other,
and modules that do not ask for `demo` start from an empty database.
"""

import pytest
from django.db import transaction

from samenspel.demo.models import DemoDataset
from samenspel.demo.services import demo_load


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        result = demo_load()
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def demo_anchor(demo, db):
    return DemoDataset.objects.get().anchor
