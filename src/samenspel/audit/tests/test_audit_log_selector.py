from datetime import timedelta

import pytest
from django.utils import timezone
from freezegun import freeze_time

from samenspel.accounts.roles import Role
from samenspel.audit.selectors import audit_log_for_administrator
from samenspel.audit.services import audit_personal_data_read

pytestmark = pytest.mark.django_db


def test_log_lists_newest_first(users):
    director = users[Role.AREA_DIRECTOR]
    with freeze_time(timezone.now() - timedelta(days=1)):
        audit_personal_data_read(actor=director, object_type="reporter", object_ids=[1])
    audit_personal_data_read(actor=director, object_type="reporter", object_ids=[2])

    assert [e.object_id for e in audit_log_for_administrator()] == ["2", "1"]


def test_log_answers_who_saw_one_reporter(users):
    audit_personal_data_read(
        actor=users[Role.AREA_DIRECTOR], object_type="reporter", object_ids=[12, 13]
    )
    audit_personal_data_read(
        actor=users[Role.DEVELOPMENT_TEAM], object_type="reporter", object_ids=[12]
    )

    entries = audit_log_for_administrator(object_type="reporter", object_id=12)

    assert sorted(e.actor.username for e in entries) == ["area_director", "development_team"]


def test_log_answers_what_one_user_looked_at(users):
    audit_personal_data_read(
        actor=users[Role.AREA_DIRECTOR], object_type="reporter", object_ids=[3]
    )
    audit_personal_data_read(
        actor=users[Role.DEVELOPMENT_TEAM], object_type="reporter", object_ids=[4]
    )

    entries = audit_log_for_administrator(actor=users[Role.AREA_DIRECTOR])

    assert [e.object_id for e in entries] == ["3"]


def test_log_is_limited_to_a_period(users):
    director = users[Role.AREA_DIRECTOR]
    start = timezone.now()
    with freeze_time(start - timedelta(days=10)):
        audit_personal_data_read(actor=director, object_type="reporter", object_ids=[1])
    with freeze_time(start - timedelta(days=2)):
        audit_personal_data_read(actor=director, object_type="reporter", object_ids=[2])

    entries = audit_log_for_administrator(since=start - timedelta(days=5), until=start)

    assert [e.object_id for e in entries] == ["2"]


def test_log_page_with_actors_takes_one_query(users, django_assert_num_queries):
    for role in (Role.AREA_DIRECTOR, Role.DEVELOPMENT_TEAM):
        audit_personal_data_read(actor=users[role], object_type="reporter", object_ids=[1, 2, 3])

    with django_assert_num_queries(1):
        names = [entry.actor.username for entry in audit_log_for_administrator()]

    assert len(names) == 6
