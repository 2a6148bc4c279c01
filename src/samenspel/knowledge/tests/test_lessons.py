"""Lessons: written by the owner when the work is handed over or done; no evaluation without."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.challenges.models import ChallengeEvent
from samenspel.challenges.services import challenge_transition
from samenspel.challenges.workflow import Status
from samenspel.knowledge.models import Lesson
from samenspel.organisation.models import Employee
from samenspel.organisation.tests.factories import EmployeeFactory

from .factories import make_challenge, make_lesson

pytestmark = pytest.mark.django_db

LESSON_FORM = {
    "token": "les-token-1",
    "title": "Ouders bouwen mee",
    "what_worked": "Ouders kozen de toestellen.",
    "what_did_not": "De levering liep vertraging op.",
    "next_time": "Eerder bestellen.",
    "who_to_ask": "Piet van Openbare Ruimte.",
}


def _lesson_url(challenge) -> str:
    return reverse("knowledge:lesson_create", args=[challenge.pk])


def test_lesson_takes_the_challenges_kernen_and_themes_by_default(users, done_challenge):
    lesson = make_lesson(actor=users[Role.DEVELOPMENT_TEAM], challenge=done_challenge)
    assert [k.name for k in lesson.kernen.all()] == ["Sleeuwijk"]
    assert [t.name for t in lesson.themes.all()] == ["Spelen"]


def test_lesson_records_its_author_as_employee_for_insights(owner, done_challenge):
    lesson = make_lesson(actor=owner, challenge=done_challenge)
    assert lesson.author == Employee.objects.get(user=owner)
    assert lesson.created_at is not None


def test_lesson_links_coalition_members(users, done_challenge):
    members = [EmployeeFactory(name="Anna"), EmployeeFactory(name="Bram")]
    lesson = make_lesson(
        actor=users[Role.DEVELOPMENT_TEAM], challenge=done_challenge, coalition_members=members
    )
    assert set(lesson.coalition_members.all()) == set(members)


@pytest.mark.parametrize("status", [Status.NEW, Status.EXPLORING, Status.ACTIVE, Status.DECLINED])
def test_lesson_cannot_be_written_before_the_work_ends(users, status):
    challenge = make_challenge(status=status)
    with pytest.raises(ValidationError, match="overgedragen of afgerond"):
        make_lesson(actor=users[Role.DEVELOPMENT_TEAM], challenge=challenge)
    assert Lesson.objects.count() == 0


def test_resent_lesson_form_stores_one_lesson(owner, done_challenge, client):
    client.force_login(owner)
    first = client.post(_lesson_url(done_challenge), LESSON_FORM)
    second = client.post(_lesson_url(done_challenge), LESSON_FORM)
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Lesson.objects.count() == 1


def test_challenge_cannot_be_evaluated_without_a_lesson(users, done_challenge):
    with pytest.raises(ValidationError) as error:
        challenge_transition(
            challenge=done_challenge, to=Status.EVALUATED, actor=users[Role.DEVELOPMENT_TEAM]
        )
    assert error.value.messages == [
        "Schrijf eerst een geleerde les voordat de opgave geëvalueerd wordt."
    ]
    done_challenge.refresh_from_db()
    assert done_challenge.status == Status.DONE
    assert not ChallengeEvent.objects.filter(to_status=Status.EVALUATED).exists()


def test_challenge_with_a_lesson_can_be_evaluated(users, done_challenge):
    make_lesson(actor=users[Role.DEVELOPMENT_TEAM], challenge=done_challenge)
    challenge_transition(
        challenge=done_challenge, to=Status.EVALUATED, actor=users[Role.DEVELOPMENT_TEAM]
    )
    done_challenge.refresh_from_db()
    assert done_challenge.status == Status.EVALUATED


def test_status_form_tells_the_owner_to_write_a_lesson_first(client, owner, done_challenge):
    client.force_login(owner)
    response = client.post(
        reverse("challenges:transition", args=[done_challenge.pk]),
        {"status-to": Status.EVALUATED, "status-reason": "", "status-token": "t-eval"},
    )
    html = response.content.decode()
    assert "Schrijf eerst een geleerde les voordat de opgave geëvalueerd wordt." in html
    done_challenge.refresh_from_db()
    assert done_challenge.status == Status.DONE


def test_owner_writes_a_lesson_from_the_challenge_page(client, owner, done_challenge):
    client.force_login(owner)
    page = client.get(reverse("challenges:detail", args=[done_challenge.pk])).content.decode()
    assert "Geleerde les schrijven" in page
    response = client.post(_lesson_url(done_challenge), LESSON_FORM, follow=True)
    html = response.content.decode()
    assert "De geleerde les is opgeslagen." in html
    for text in ("Ouders bouwen mee", "Ouders kozen de toestellen.", "Eerder bestellen."):
        assert text in html
    page = client.get(reverse("challenges:detail", args=[done_challenge.pk])).content.decode()
    assert "Ouders bouwen mee" in page


def test_no_lesson_offer_while_the_work_is_running(client, owner):
    challenge = make_challenge(
        status=Status.ACTIVE, owner=Employee.objects.get(user=owner), title="Loopt nog"
    )
    client.force_login(owner)
    page = client.get(reverse("challenges:detail", args=[challenge.pk])).content.decode()
    assert "Geleerde les schrijven" not in page
    response = client.get(_lesson_url(challenge), follow=True)
    assert "Een geleerde les schrijf je als de opgave is overgedragen of afgerond." in (
        response.content.decode()
    )


def test_incomplete_lesson_form_explains_in_dutch_and_stores_nothing(client, owner, done_challenge):
    client.force_login(owner)
    response = client.post(_lesson_url(done_challenge), {"token": "x", "title": "Les"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Schrijf op wat werkte." in html
    assert 'aria-describedby="id_what_worked_error"' in html
    assert Lesson.objects.count() == 0


def test_unknown_kern_in_the_lesson_form_is_an_error_not_a_crash(client, owner, done_challenge):
    client.force_login(owner)
    response = client.post(_lesson_url(done_challenge), {**LESSON_FORM, "kernen": ["999999"]})
    assert response.status_code == 400
    assert "Deze kern kennen we niet." in response.content.decode()
    assert Lesson.objects.count() == 0
