"""The cached challenge page: served from the cache, yet every change shows on the next visit,
every form stays usable, and residents' personal data are never part of what is cached."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from samenspel.accounts.roles import Role
from samenspel.audit.models import AuditLogEntry
from samenspel.challenges import page_cache
from samenspel.challenges.models import Challenge, ChallengeEvent, ChallengePageState
from samenspel.challenges.services import (
    challenge_add_note,
    challenge_link_signals,
    challenge_score,
    challenge_update,
)
from samenspel.challenges.workflow import Status
from samenspel.intake.retention import reporters_anonymise_expired
from samenspel.knowledge.tests.factories import make_tool
from samenspel.organisation.tests.factories import EmployeeFactory
from samenspel.places.tests.factories import KernFactory

from .factories import ChallengeFactory, SignalFactory, ThemeFactory


def _url(challenge) -> str:
    return reverse("challenges:detail", args=[challenge.pk])


def _page(client, challenge) -> str:
    response = client.get(_url(challenge))
    assert response.status_code == 200
    return response.content.decode()


def _tokens(html: str) -> dict[str, str]:
    return dict(re.findall(r'name="([a-z]+-token)" value="([^"]+)"', html))


def test_second_visit_reads_neither_the_challenge_nor_its_signals(staff_client, challenge):
    first = _page(staff_client, challenge)
    with CaptureQueriesContext(connection) as queries:
        second = _page(staff_client, challenge)
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    for table in ('challenges_challenge"', "intake_signal", "challenges_challengeevent"):
        assert table not in sql
    assert "Ontmoetingsplek bij de kerk" in second
    # Only the tokens differ between the built and the cached page.
    strip = re.compile(r'value="[^"]*"')
    assert strip.sub("", first) == strip.sub("", second)


def test_every_visit_gets_fresh_submission_tokens_and_both_notes_are_stored(team, challenge):
    client = Client(enforce_csrf_checks=True)
    client.force_login(team)
    first, second = _page(client, challenge), _page(client, challenge)
    assert _tokens(first)["note-token"] != _tokens(second)["note-token"]
    assert _tokens(first)["status-token"] != _tokens(second)["status-token"]
    for number, html in enumerate((first, second), start=1):
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        response = client.post(
            reverse("challenges:note", args=[challenge.pk]),
            {
                "csrfmiddlewaretoken": csrf,
                "note-text": f"Notitie {number}",
                "note-token": _tokens(html)["note-token"],
            },
        )
        assert response.status_code == 302
    notes = ChallengeEvent.objects.filter(challenge=challenge, kind=ChallengeEvent.Kind.NOTE)
    assert sorted(notes.values_list("text", flat=True)) == ["Notitie 1", "Notitie 2"]
    assert "Notitie 2" in _page(client, challenge)


def test_reporters_are_read_and_audited_on_every_visit_and_anonymisation_shows_at_once(
    staff_client, team, challenge
):
    reporter = challenge.signals.get().reporter
    # Once the challenge is closed its reporters' data are kept no longer than the period.
    Challenge.objects.filter(pk=challenge.pk).update(status=Status.DONE)
    assert "Jannie van Wijk" in _page(staff_client, challenge)
    assert "Jannie van Wijk" in _page(staff_client, challenge)
    assert AuditLogEntry.objects.filter(actor=team, object_id=str(reporter.pk)).count() == 2
    # The retention job blanks reporters with a QuerySet.update(), which no signal sees.
    reporters_anonymise_expired(now=timezone.now() + timedelta(days=10 * 365))
    html = _page(staff_client, challenge)
    assert "Jannie van Wijk" not in html
    assert reporter.email not in html
    assert "anoniem" in html
    assert AuditLogEntry.objects.filter(actor=team, object_id=str(reporter.pk)).count() == 2


def test_cached_body_holds_no_personal_data(staff_client, team, challenge):
    reporter = challenge.signals.get().reporter
    _page(staff_client, challenge)

    def build(knowledge_token):
        raise AssertionError("the page should have been cached")

    with translation.override("nl"):
        body = page_cache.cached_body(user=team, pk=challenge.pk, after="", build=build)
    assert "Ontmoetingsplek bij de kerk" in body.html
    assert reporter.name not in body.html
    assert reporter.email not in body.html
    assert body.reporters == ((challenge.signals.get().pk, reporter.pk),)


def test_each_viewer_gets_their_own_page(client, users, team, challenge):
    client.force_login(team)
    assert "Status wijzigen" in _page(client, challenge)
    client.force_login(users[Role.EMPLOYEE])
    html = _page(client, challenge)
    assert 'name="status-to"' not in html
    assert "Jannie van Wijk" not in html
    assert 'name="note-text"' not in html


CHANGES = {
    "title": lambda c, team: (
        challenge_update(challenge=c, actor=team, title="Ontmoetingsplek bij het dorpshuis"),
        "Ontmoetingsplek bij het dorpshuis",
    )[1],
    "kern name": lambda c, team: _rename(c.signals.get().kern, "Nieuw-Almkerk"),
    "department name": lambda c, team: _rename(c.owner_department, "Buitenruimte"),
    "theme name": lambda c, team: _rename(_add_theme(c), "Groen en spelen"),
    "actor name": lambda c, team: _rename_user(team, "Fenna", "Vos"),
    "signal text": lambda c, team: _edit_signal(c.signals.get(), "De bank is weer heel."),
    "linked signal": lambda c, team: (
        challenge_link_signals(
            challenge=c, signals=[SignalFactory(text="Ook het hek is stuk.")], actor=team
        ),
        "Ook het hek is stuk.",
    )[1],
    "note": lambda c, team: (
        challenge_add_note(challenge=c, actor=team, text="Gebeld met de koster."),
        "Gebeld met de koster.",
    )[1],
    "tool": lambda c, team: (
        make_tool(
            actor=team,
            title="Ontmoetingsplek bij de kerk inrichten",
            body="Een bankje en een boom.",
        ).title
    ),
}


def _rename(obj, name: str) -> str:
    obj.name = name
    obj.save()
    return name


def _add_theme(challenge):
    theme = ThemeFactory(name="Groen")
    challenge.themes.add(theme)
    return theme


def _rename_user(user, first: str, last: str) -> str:
    user.first_name, user.last_name = first, last
    user.save()
    return f"{first} {last}"


def _edit_signal(signal, text: str) -> str:
    signal.text = text
    signal.save()
    return text


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_each_change_shows_on_the_next_visit(staff_client, team, challenge, change):
    signal = challenge.signals.get()
    if signal.kern is None:
        signal.kern = KernFactory(name="Almkerk")
        signal.save()
    _page(staff_client, challenge)
    shown = CHANGES[change](challenge, team)
    assert shown not in "Ontmoetingsplek bij de kerk"
    assert shown in _page(staff_client, challenge)


def test_a_score_shows_on_the_next_visit(staff_client, team, challenge, criteria):
    _page(staff_client, challenge)
    challenge_score(
        challenge=challenge, actor=team, scores={criteria["urgency"].pk: (5, "Heel dringend.")}
    )
    assert "Heel dringend." in _page(staff_client, challenge)


def test_an_owner_shows_on_the_next_visit(staff_client, team, challenge):
    _page(staff_client, challenge)
    owner = EmployeeFactory(name="Piet de Graaf", department=challenge.owner_department)
    challenge_update(challenge=challenge, actor=team, owner=owner)
    assert "Piet de Graaf" in _page(staff_client, challenge)
    owner.name = "Piet de Graaf-Verhoeven"
    owner.save()
    assert "Piet de Graaf-Verhoeven" in _page(staff_client, challenge)


def test_new_report_and_a_log_in_leave_cached_pages_alone(client, team, challenge):
    tokens = page_cache.page_version(challenge.pk)
    SignalFactory(text="Een nieuwe melding, nog nergens aan gekoppeld.")
    client.force_login(team)  # saves the user's last_login
    assert get_user_model().objects.get(pk=team.pk).last_login is not None
    assert page_cache.page_version(challenge.pk) == tokens
    SignalFactory(text="Hoort bij de opgave.", challenge=challenge)
    everything, knowledge, own = page_cache.page_version(challenge.pk)
    assert (everything, knowledge) == tokens[:2]
    assert own != tokens[2]


def test_work_on_another_challenge_leaves_this_page_cached(staff_client, team, challenge):
    other = ChallengeFactory(title="Dorpshuis Eethen")
    _page(staff_client, challenge)
    challenge_add_note(challenge=other, actor=team, text="Gebeld met het bestuur.")
    challenge_link_signals(challenge=other, signals=[SignalFactory()], actor=team)
    with CaptureQueriesContext(connection) as queries:
        _page(staff_client, challenge)
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "intake_signal" not in sql and 'challenges_challenge"' not in sql
    assert "Gebeld met het bestuur." in _page(staff_client, other)


def test_a_signal_moved_to_another_challenge_leaves_both_pages(staff_client, team, challenge):
    moved = challenge.signals.get()
    other = ChallengeFactory(title="Dorpshuis Eethen")
    assert moved.text in _page(staff_client, challenge)
    _page(staff_client, other)
    challenge_link_signals(challenge=other, signals=[moved], actor=team)
    assert moved.text not in _page(staff_client, challenge)
    assert moved.text in _page(staff_client, other)
    # Moved back by a plain save (as the admin site does), without the service's recount.
    moved.refresh_from_db()
    moved.challenge = challenge
    moved.save()
    assert moved.text not in _page(staff_client, other)
    assert moved.text in _page(staff_client, challenge)


def test_a_deleted_challenge_leaves_no_token_behind(staff_client, team, challenge):
    challenge_add_note(challenge=challenge, actor=team, text="Gebeld met het bestuur.")
    _page(staff_client, challenge)
    state = ChallengePageState.objects.filter(challenge_id=challenge.pk)
    assert state.exists()
    pk = challenge.pk
    challenge.delete()
    assert not ChallengePageState.objects.filter(challenge_id=pk).exists()
    assert staff_client.get(reverse("challenges:detail", args=[pk])).status_code == 404


def test_a_kern_given_challenges_from_its_own_side_shows(staff_client, challenge):
    kern = KernFactory(name="Waardhuizen")
    assert "Waardhuizen" not in _page(staff_client, challenge)
    kern.challenges.add(challenge)
    assert "Waardhuizen" in _page(staff_client, challenge)
    kern.challenges.clear()
    assert "Waardhuizen" not in _page(staff_client, challenge)


def test_a_flash_message_shows_once_on_the_cached_page(staff_client, challenge):
    client = staff_client
    client.get(_url(challenge))  # fills the cache
    response = client.post(
        reverse("challenges:note", args=[challenge.pk]),
        {"note-text": "Gebeld met de dorpsraad.", "note-token": "een-token-van-de-pagina"},
        follow=True,
    )
    html = response.content.decode()
    assert "De notitie is toegevoegd." in html
    assert "Gebeld met de dorpsraad." in html
    # Shown once: the next visit has no message.
    again = client.get(reverse("challenges:detail", args=[challenge.pk])).content.decode()
    assert "De notitie is toegevoegd." not in again
