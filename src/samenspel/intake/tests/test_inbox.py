"""The signal inbox: filters, keyset pagination, a fixed number of queries, object scoping."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samenspel.accounts.roles import Role
from samenspel.intake.models import Channel, Signal
from samenspel.intake.selectors import InboxFilters, signal_inbox_page

from .factories import AttachmentFactory, KernFactory, SignalFactory

pytestmark = pytest.mark.django_db

URL = "/werk/signalen/"


def _refs(response) -> list[str]:
    return [s.reference for s in response.context["page"].signals]


def _at(day: int, hour: int = 12) -> datetime:
    return timezone.make_aware(datetime(2026, 10, day, hour, 0))


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.MANAGER])
def test_roles_without_triage_get_403(client, users, role):
    client.force_login(users[role])

    response = client.get(URL)

    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_anonymous_visitor_is_sent_to_log_in(client):
    assert client.get(URL).status_code == 302


def test_inbox_shows_new_signals_by_default(client, users):
    new = SignalFactory()
    SignalFactory(status=Signal.Status.DISMISSED)
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.get(URL)

    assert response.status_code == 200
    assert _refs(response) == [new.reference]


def test_inbox_filters_on_status_kern_channel_and_period(client, users):
    giessen = KernFactory(name="Giessen", slug="giessen")
    match = SignalFactory(
        kern=giessen, channel=Channel.PHONE, status=Signal.Status.LINKED, received_at=_at(10)
    )
    SignalFactory(
        kern=giessen, channel=Channel.PHONE, status=Signal.Status.NEW, received_at=_at(10)
    )
    SignalFactory(channel=Channel.PHONE, status=Signal.Status.LINKED, received_at=_at(10))
    SignalFactory(
        kern=giessen, channel=Channel.EMAIL, status=Signal.Status.LINKED, received_at=_at(10)
    )
    SignalFactory(
        kern=giessen, channel=Channel.PHONE, status=Signal.Status.LINKED, received_at=_at(20)
    )
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.get(
        URL,
        {
            "status": "linked",
            "kern": str(giessen.pk),
            "channel": "phone",
            "date_from": "2026-10-09",
            "date_to": "2026-10-10",
        },
    )

    assert _refs(response) == [match.reference]


def test_inbox_filters_signals_without_kern(client, users):
    unknown = SignalFactory(kern=None)
    SignalFactory()
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.get(URL, {"kern": "onbekend"})

    assert _refs(response) == [unknown.reference]


def test_empty_status_shows_every_status(client, users):
    SignalFactory()
    SignalFactory(status=Signal.Status.DISMISSED)
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.get(URL, {"status": ""})

    assert len(_refs(response)) == 2


@pytest.mark.parametrize(
    "params",
    [
        {"status": "kapot"},
        {"kern": "999999999999999999999999"},
        {"date_from": "31-31-2026"},
        {"channel": "<script>"},
        {"na": "geen-cursor"},
        {"na": "2026-10-01T00:00:00_abc"},
        {"date_from": "2026-10-10", "date_to": "2026-10-01"},
    ],
)
def test_malformed_filters_give_a_dutch_message_not_an_error(client, users, params):
    SignalFactory()
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.get(URL, params)

    assert response.status_code == 200
    if "na" not in params:
        html = response.content.decode()
        assert any(
            text in html
            for text in ("Kies een waarde uit de lijst.", "Vul een geldige datum in.", "vóór")
        )


def test_keyset_pages_hold_50_signals_without_gaps_or_repeats(client, users):
    base = _at(1)
    created = [SignalFactory(received_at=base + timedelta(minutes=i)) for i in range(120)]
    # Two signals at the very same moment must both be shown, once.
    created.append(SignalFactory(received_at=base + timedelta(minutes=60)))
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    seen, response = [], client.get(URL)
    pages = 0
    while True:
        pages += 1
        seen.extend(_refs(response))
        cursor = response.context["page"].next_cursor
        if cursor is None:
            break
        assert "Oudere signalen" in response.content.decode()
        response = client.get(URL, {"na": cursor})

    expected = sorted(created, key=lambda s: (s.received_at, s.pk), reverse=True)
    assert pages == 3
    assert seen == [s.reference for s in expected]


def test_inbox_does_not_count_the_table(client, users):
    SignalFactory()
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    with CaptureQueriesContext(connection) as queries:
        client.get(URL)

    signal_queries = [q["sql"] for q in queries.captured_queries if "intake_signal" in q["sql"]]
    assert signal_queries
    assert not any("COUNT(*)" in sql.upper() for sql in signal_queries)


@pytest.mark.parametrize("count", [5, 50])
def test_inbox_selector_uses_a_fixed_number_of_queries(users, django_assert_num_queries, count):
    kernen = [KernFactory() for _ in range(3)]
    for i in range(count):
        signal = SignalFactory(kern=kernen[i % 3])
        AttachmentFactory(signal=signal)
    director = users[Role.AREA_DIRECTOR]
    for kern in kernen:
        kern.area_director = director.employee
        kern.save()
    director = type(director).objects.get(pk=director.pk)

    with django_assert_num_queries(2):
        page = signal_inbox_page(user=director, filters=InboxFilters())
        [(s.kern_name, s.challenge_reference, s.photo_count) for s in page.signals]

    assert len(page.signals) == count


def test_inbox_page_uses_the_same_queries_for_5_and_50_signals(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    def queries_for_page() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured.captured_queries)

    [SignalFactory() for _ in range(5)]
    with_five = queries_for_page()
    [SignalFactory() for _ in range(45)]
    with_fifty = queries_for_page()

    assert with_five == with_fifty


def test_area_director_sees_own_kernen_unknown_kern_and_own_records(client, users, make_user):
    director = users[Role.AREA_DIRECTOR]
    mine = KernFactory(name="Andel", slug="andel", area_director=director.employee)
    theirs = KernFactory(name="Genderen", slug="genderen")
    in_mine = SignalFactory(kern=mine)
    unknown = SignalFactory(kern=None)
    recorded = SignalFactory(kern=theirs, recorded_by=director, channel=Channel.CONVERSATION)
    SignalFactory(kern=theirs)
    client.force_login(director)

    response = client.get(URL)

    assert sorted(_refs(response)) == sorted(
        [in_mine.reference, unknown.reference, recorded.reference]
    )


@pytest.mark.parametrize("role", [Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR])
def test_development_team_and_administrator_see_every_kern(client, users, role):
    SignalFactory(kern=KernFactory())
    SignalFactory(kern=KernFactory())
    SignalFactory(kern=None)
    client.force_login(users[role])

    assert len(_refs(client.get(URL))) == 3
