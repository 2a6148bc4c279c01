"""The scoring form, the criteria page and "why this rank", per role."""

from decimal import Decimal

import pytest
from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.challenges.models import CriteriaChange, PriorityCriterion, PriorityRecord
from samenspel.challenges.services import challenge_score
from samenspel.organisation.tests.factories import DepartmentFactory

CRITERIA = reverse("challenges:criteria")
NEW_CRITERION = reverse("challenges:criterion_create")
PRIORITISERS = {Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR}
OTHER_MANAGER = "other_department_manager"
ACTORS = [*Role, OTHER_MANAGER]


def _user(users, make_user, actor):
    if actor == OTHER_MANAGER:
        return make_user("manager_elders", Role.MANAGER, department=DepartmentFactory())
    return users[actor]


def _score_data(criteria, **extra):
    return {
        f"score_{criteria['urgency'].pk}": "4",
        f"rationale_{criteria['urgency'].pk}": "Onveilige oversteek.",
        **extra,
    }


@pytest.mark.parametrize("actor", ACTORS)
def test_only_the_team_and_administrators_open_the_scoring_form(
    client, users, make_user, challenge, criteria, actor
):
    client.force_login(_user(users, make_user, actor))
    response = client.get(reverse("challenges:score", args=[challenge.pk]))
    assert response.status_code == (200 if actor in PRIORITISERS else 403)


@pytest.mark.parametrize("actor", ACTORS)
def test_only_the_team_and_administrators_score(
    client, users, make_user, challenge, criteria, actor
):
    client.force_login(_user(users, make_user, actor))
    response = client.post(reverse("challenges:score", args=[challenge.pk]), _score_data(criteria))
    assert response.status_code == (302 if actor in PRIORITISERS else 403)
    assert PriorityRecord.objects.filter(challenge=challenge).exists() == (actor in PRIORITISERS)


def test_anonymous_visitor_is_sent_to_login_from_the_priority_pages(client, challenge):
    for url in (reverse("challenges:score", args=[challenge.pk]), CRITERIA, NEW_CRITERION):
        response = client.get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


@pytest.mark.parametrize("actor", ACTORS)
def test_every_staff_member_reads_why_this_rank(
    client, users, make_user, challenge, criteria, actor
):
    challenge_score(
        challenge=challenge,
        actor=users[Role.DEVELOPMENT_TEAM],
        scores={criteria["urgency"].pk: (4, "Onveilige oversteek.")},
    )
    client.force_login(_user(users, make_user, actor))
    html = client.get(reverse("challenges:detail", args=[challenge.pk])).content.decode()
    assert "Waarom deze rang" in html
    assert "Onveilige oversteek." in html
    assert ("Scores aanpassen" in html) == (actor in PRIORITISERS)


@pytest.mark.parametrize("actor", ACTORS)
def test_every_staff_member_reads_the_criteria(client, users, make_user, criteria, actor):
    client.force_login(_user(users, make_user, actor))
    html = client.get(CRITERIA).content.decode()
    assert "Urgentie" in html
    assert ("Gewichten opslaan" in html) == (actor in PRIORITISERS)


@pytest.mark.parametrize("actor", ACTORS)
def test_only_the_team_and_administrators_reweight(client, users, make_user, criteria, actor):
    client.force_login(_user(users, make_user, actor))
    data = {f"gewichten-weight_{c.pk}": str(c.weight) for c in criteria.values()}
    data[f"gewichten-weight_{criteria['energy'].pk}"] = "2,5"
    data["gewichten-reason"] = "Energie telt mee."
    response = client.post(CRITERIA, data)
    assert response.status_code == (302 if actor in PRIORITISERS else 403)
    expected = Decimal("2.5") if actor in PRIORITISERS else Decimal(0)
    assert PriorityCriterion.objects.get(pk=criteria["energy"].pk).weight == expected


@pytest.mark.parametrize("actor", ACTORS)
def test_only_the_team_and_administrators_add_and_edit_criteria(
    client, users, make_user, criteria, actor
):
    client.force_login(_user(users, make_user, actor))
    allowed = actor in PRIORITISERS
    edit = reverse("challenges:criterion_edit", args=[criteria["urgency"].pk])
    assert client.get(NEW_CRITERION).status_code == (200 if allowed else 403)
    assert client.get(edit).status_code == (200 if allowed else 403)
    response = client.post(
        NEW_CRITERION,
        {
            "name": "Past bij raadsbeleid",
            "kind": "scored",
            "weight": "1",
            "scale": "5",
            "order": "5",
            "active": "on",
        },
    )
    assert response.status_code == (302 if allowed else 403)
    assert PriorityCriterion.objects.filter(name="Past bij raadsbeleid").exists() == allowed


def test_scoring_form_shows_what_is_missing_in_dutch(client, users, challenge, criteria):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    url = reverse("challenges:score", args=[challenge.pk])
    response = client.post(url, {f"score_{criteria['urgency'].pk}": "4"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Licht de score voor “Urgentie” kort toe." in html
    assert f'aria-describedby="id_rationale_{criteria["urgency"].pk}_error"' in html
    assert not PriorityRecord.objects.exists()


def test_scoring_form_refuses_malformed_scores_without_an_error_page(
    client, users, challenge, criteria
):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    url = reverse("challenges:score", args=[challenge.pk])
    for value in ("9", "abc", "-1", "1e99"):
        response = client.post(
            url, _score_data(criteria, **{f"score_{criteria['urgency'].pk}": value})
        )
        assert response.status_code == 200
        assert "Kies een score van 0 tot en met 5." in response.content.decode()
    response = client.post(url, {})
    assert "Geef minstens één criterium een score met toelichting." in response.content.decode()
    assert not PriorityRecord.objects.exists()


def test_scoring_form_sent_twice_is_stored_once(client, users, challenge, criteria):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    url = reverse("challenges:score", args=[challenge.pk])
    data = _score_data(criteria, token="een-token")
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert PriorityRecord.objects.filter(challenge=challenge).count() == 1


def test_reweighting_with_a_wrong_weight_explains_and_changes_nothing(client, users, criteria):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    data = {f"gewichten-weight_{c.pk}": str(c.weight) for c in criteria.values()}
    data[f"gewichten-weight_{criteria['urgency'].pk}"] = "-3"
    data["gewichten-reason"] = "Test."
    response = client.post(CRITERIA, data)
    assert response.status_code == 200
    assert "Kies een gewicht van 0 tot en met 100." in response.content.decode()
    assert not CriteriaChange.objects.exists()


def test_a_second_computed_equity_criterion_is_refused(client, users, criteria):
    client.force_login(users[Role.ADMINISTRATOR])
    response = client.post(
        NEW_CRITERION,
        {
            "name": "Nog eens gelijkwaardigheid",
            "kind": "computed",
            "computation": "equity",
            "weight": "1",
            "scale": "5",
            "order": "9",
        },
    )
    assert response.status_code == 200
    assert "Er is al een criterium dat zo berekend wordt." in response.content.decode()


def test_criteria_page_restores_the_defaults_when_none_are_left(client, users, db):
    PriorityCriterion.objects.all().delete()
    client.force_login(users[Role.EMPLOYEE])
    html = client.get(CRITERIA).content.decode()
    for name in (
        "Urgentie",
        "Impact op inwoners",
        "Aantal inwoners en signalen",
        "Energie in de gemeenschap",
        "Past bij raadsbeleid",
        "Gelijkwaardigheid tussen kernen",
    ):
        assert name in html
    assert PriorityCriterion.objects.filter(kind="computed").count() == 2


def test_challenge_page_needs_the_same_queries_with_many_scores(
    client, users, challenge, criteria, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(users[Role.EMPLOYEE])
    url = reverse("challenges:detail", args=[challenge.pk])
    challenge_score(
        challenge=challenge,
        actor=users[Role.DEVELOPMENT_TEAM],
        scores={criteria["urgency"].pk: (1, "Eerst.")},
    )
    client.get(url)  # the first visit fills the cache of the page's knowledge block
    challenge_score(
        challenge=challenge,
        actor=users[Role.DEVELOPMENT_TEAM],
        scores={criteria["urgency"].pk: (2, "Weer.")},
    )
    # Each score makes the cached page stale: both visits build it.
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(3, 6):
        challenge_score(
            challenge=challenge,
            actor=users[Role.DEVELOPMENT_TEAM],
            scores={criteria["urgency"].pk: (n, f"Keer {n}.")},
        )
    with django_assert_num_queries(len(few)):
        client.get(url)
