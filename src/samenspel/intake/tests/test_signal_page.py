"""The signal page: details, photos, personal data only for those who need them (audited)."""

import pytest

from samenspel.accounts.roles import Role
from samenspel.audit.models import AuditLogEntry
from samenspel.challenges.services import challenge_create
from samenspel.intake.models import Signal
from samenspel.notifications.models import OutboxMessage

from .factories import AttachmentFactory, KernFactory, ReporterFactory, SignalFactory

pytestmark = pytest.mark.django_db


def _url(signal: Signal) -> str:
    return f"/werk/signalen/{signal.pk}/"


@pytest.fixture
def reported():
    return SignalFactory(
        text="Bankje bij de haven is weg.",
        reporter=ReporterFactory(name="Truus Bakker", email="truus@example.nl"),
    )


def _audits(signal: Signal):
    return AuditLogEntry.objects.filter(object_id=str(signal.reporter_id))


@pytest.mark.parametrize("role", [Role.DEVELOPMENT_TEAM, Role.AREA_DIRECTOR])
def test_personal_data_roles_see_reporter_and_the_read_is_audited(client, users, role):
    signal = SignalFactory(
        kern=None, reporter=ReporterFactory(name="Truus Bakker", email="truus@example.nl")
    )
    client.force_login(users[role])

    response = client.get(_url(signal))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Truus Bakker" in html and "truus@example.nl" in html
    entry = _audits(signal).get()
    assert entry.actor == users[role]
    assert entry.action == "read_personal_data"


def test_administrator_sees_the_signal_but_not_the_reporter(client, users, reported):
    client.force_login(users[Role.ADMINISTRATOR])

    response = client.get(_url(reported))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Bankje bij de haven is weg." in html
    assert "Truus Bakker" not in html and "truus@example.nl" not in html
    assert not _audits(reported).exists()


def test_owner_of_the_linked_challenge_sees_the_reporter_audited(client, users, make_user):
    owner = make_user("eigenaar", Role.EMPLOYEE)
    signal = SignalFactory(reporter=ReporterFactory(name="Truus Bakker"))
    challenge_create(
        actor=users[Role.DEVELOPMENT_TEAM],
        title="Bankjes aan de haven",
        owner=owner.employee,
        signals=[signal],
    )
    client.force_login(owner)

    response = client.get(_url(signal))

    assert response.status_code == 200
    assert "Truus Bakker" in response.content.decode()
    assert _audits(signal).get().actor == owner


def test_employee_without_relation_to_the_signal_gets_404(client, users, reported):
    client.force_login(users[Role.EMPLOYEE])

    assert client.get(_url(reported)).status_code == 404


def test_area_director_gets_404_for_another_kerns_signal(client, users):
    theirs = SignalFactory(kern=KernFactory(name="Babyloniënbroek", slug="babyloniënbroek"))
    client.force_login(users[Role.AREA_DIRECTOR])

    response = client.get(_url(theirs))

    assert response.status_code == 404
    assert not AuditLogEntry.objects.exists()


def test_anonymised_reporter_is_not_shown_nor_audited(client, users):
    from django.utils import timezone

    signal = SignalFactory(
        reporter=ReporterFactory(name="", email="", anonymised_at=timezone.now())
    )
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.get(_url(signal))

    assert "na de bewaartermijn verwijderd" in response.content.decode()
    assert not AuditLogEntry.objects.exists()


def test_signal_page_shows_photos_through_the_protected_view(client, users):
    attachment = AttachmentFactory()
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    html = client.get(_url(attachment.signal)).content.decode()

    assert f"/werk/signalen/{attachment.signal_id}/foto/{attachment.pk}/" in html
    assert "/media/" not in html


def test_signal_page_has_an_empty_block_for_similar_signals(client, users, reported):
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    html = client.get(_url(reported)).content.decode()

    assert 'id="similar-signals"' in html
    assert f"/werk/opgaven/nieuw/?signal={reported.pk}" in html


def test_dismissing_with_reason_closes_the_signal_and_tells_the_follower(client, users):
    signal = SignalFactory(
        reporter=ReporterFactory(email="volger@example.nl", wants_updates=True),
        follow_token="volg-token",
    )
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(
        f"/werk/signalen/{signal.pk}/afhandelen/",
        {"reason": "Dit is particulier terrein; de eigenaar is ingelicht."},
        follow=True,
    )

    signal.refresh_from_db()
    assert f"Signaal {signal.reference} is afgehandeld." in response.content.decode()
    assert signal.status == Signal.Status.DISMISSED
    assert signal.dismissed_by == users[Role.DEVELOPMENT_TEAM]
    assert signal.first_answered_at is not None
    message = OutboxMessage.objects.get()
    assert message.to == "volger@example.nl"
    assert "particulier terrein" in message.body


def test_dismissing_without_reason_is_refused(client, users, reported):
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(f"/werk/signalen/{reported.pk}/afhandelen/", {"reason": "  "})

    reported.refresh_from_db()
    assert response.status_code == 400
    assert "Geef een reden: de melder krijgt die te lezen." in response.content.decode()
    assert 'id="id_reason-error"' in response.content.decode()
    assert reported.status == Signal.Status.NEW


def test_dismissing_a_linked_signal_is_refused(client, users):
    signal = SignalFactory()
    challenge_create(actor=users[Role.DEVELOPMENT_TEAM], title="Haven", signals=[signal])
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.post(
        f"/werk/signalen/{signal.pk}/afhandelen/", {"reason": "dubbel"}, follow=True
    )

    signal.refresh_from_db()
    assert "is al gekoppeld aan opgave" in response.content.decode()
    assert signal.status == Signal.Status.LINKED


def test_employee_cannot_dismiss(client, users, reported):
    client.force_login(users[Role.EMPLOYEE])

    response = client.post(f"/werk/signalen/{reported.pk}/afhandelen/", {"reason": "weg"})

    reported.refresh_from_db()
    assert response.status_code == 403
    assert reported.status == Signal.Status.NEW


def test_area_director_cannot_dismiss_another_kerns_signal(client, users):
    theirs = SignalFactory()
    client.force_login(users[Role.AREA_DIRECTOR])

    response = client.post(f"/werk/signalen/{theirs.pk}/afhandelen/", {"reason": "weg"})

    theirs.refresh_from_db()
    assert response.status_code == 404
    assert theirs.status == Signal.Status.NEW
