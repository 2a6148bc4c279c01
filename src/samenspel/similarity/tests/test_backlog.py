"""The team reviews proposed groups of the backlog: accept, split, merge; decisions are kept."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from samenspel.accounts.roles import Role
from samenspel.challenges.tests.factories import ChallengeFactory, SignalFactory
from samenspel.intake.models import Signal
from samenspel.similarity import services
from samenspel.similarity.models import GroupDecision, GroupProposal

pytestmark = pytest.mark.django_db

URL = "/werk/groeperen/"


@pytest.fixture
def backlog(kernen):
    texts = [
        ("Dussen", "Lantaarnpalen doen het niet in de Kerkstraat"),
        ("Dussen", "Straatverlichting Kerkstraat uitgevallen"),
        ("Dussen", "Lantaarnpaal Kerkstraat kapot"),
        ("Almkerk", "Te hard gereden in de Hoofdstraat"),
        ("Almkerk", "Hardrijders in de Hoofdstraat, te hard gereden"),
        ("Sleeuwijk", "Zwerfafval bij het winkelcentrum"),
    ]
    return [SignalFactory(kern=kernen[k], text=t) for k, t in texts]


def _groups(proposal_set) -> list[set[int]]:
    return [set(p.signals.values_list("pk", flat=True)) for p in proposal_set.proposals.all()]


def test_refreshing_proposes_groups_of_related_unlinked_signals(backlog, users):
    proposal_set = services.proposals_refresh(actor=users[Role.DEVELOPMENT_TEAM])
    lights, speeding = {s.pk for s in backlog[:3]}, {s.pk for s in backlog[3:5]}
    assert sorted(_groups(proposal_set), key=min) == sorted([lights, speeding], key=min)
    assert proposal_set.signal_count == 6


def test_linked_signals_are_left_out_of_the_proposals(backlog):
    Signal.objects.filter(pk=backlog[0].pk).update(status=Signal.Status.LINKED)
    groups = _groups(services.proposals_refresh())
    assert all(backlog[0].pk not in group for group in groups)


def test_the_command_without_input_stores_the_proposals(backlog, capsys):
    call_command("group_signals")
    assert GroupProposal.objects.count() == 2
    assert backlog[0].reference in capsys.readouterr().out


def _proposal_of(signal) -> GroupProposal:
    return GroupProposal.objects.get(signals=signal)


def test_accepting_a_group_creates_one_challenge_with_its_signals(backlog, users):
    services.proposals_refresh()
    team = users[Role.DEVELOPMENT_TEAM]
    proposal = _proposal_of(backlog[0])
    challenge = services.proposal_accept_as_new_challenge(
        proposal=proposal, actor=team, title="Straatverlichting Kerkstraat"
    )
    assert set(challenge.signals.values_list("pk", flat=True)) == {s.pk for s in backlog[:3]}
    decision = GroupDecision.objects.get()
    assert (decision.kind, decision.actor, decision.challenge) == ("create", team, challenge)
    proposal.refresh_from_db()
    assert proposal.status == GroupProposal.Status.ACCEPTED and proposal.decided_by == team


def test_a_group_is_decided_only_once(backlog, users):
    services.proposals_refresh()
    proposal = _proposal_of(backlog[0])
    team = users[Role.DEVELOPMENT_TEAM]
    services.proposal_accept_as_new_challenge(proposal=proposal, actor=team, title="Licht")
    with pytest.raises(ValidationError):
        services.proposal_accept_as_new_challenge(proposal=proposal, actor=team, title="Licht")
    assert GroupDecision.objects.count() == 1


def test_accepting_into_an_existing_challenge_links_the_signals(backlog, users):
    services.proposals_refresh()
    challenge = ChallengeFactory(title="Verkeer Hoofdstraat")
    linked = services.proposal_accept_into_challenge(
        proposal=_proposal_of(backlog[3]), actor=users[Role.DEVELOPMENT_TEAM], challenge=challenge
    )
    assert linked == 2
    assert set(challenge.signals.all()) == set(backlog[3:5])


def test_splitting_takes_the_chosen_signals_into_a_group_of_their_own(backlog, users):
    services.proposals_refresh()
    proposal = _proposal_of(backlog[0])
    taken_out = services.proposal_split(
        proposal=proposal, actor=users[Role.DEVELOPMENT_TEAM], signal_ids=[backlog[2].pk]
    )
    assert set(proposal.signals.all()) == set(backlog[:2])
    assert set(taken_out.signals.all()) == {backlog[2]}
    assert GroupDecision.objects.get().kind == "split"


def test_a_split_must_leave_a_signal_in_the_group(backlog, users):
    services.proposals_refresh()
    proposal = _proposal_of(backlog[3])
    with pytest.raises(ValidationError):
        services.proposal_split(
            proposal=proposal,
            actor=users[Role.DEVELOPMENT_TEAM],
            signal_ids=[backlog[3].pk, backlog[4].pk],
        )
    assert proposal.signals.count() == 2


def test_merging_moves_the_other_groups_signals_and_closes_it(backlog, users):
    services.proposals_refresh()
    lights, speeding = _proposal_of(backlog[0]), _proposal_of(backlog[3])
    services.proposal_merge(proposal=lights, actor=users[Role.DEVELOPMENT_TEAM], other=speeding)
    assert set(lights.signals.all()) == set(backlog[:5])
    speeding.refresh_from_db()
    assert speeding.status == GroupProposal.Status.MERGED
    assert speeding.merged_into == lights


def test_a_proposal_of_an_older_round_can_no_longer_be_decided(backlog, users):
    services.proposals_refresh()
    old = _proposal_of(backlog[0])
    services.proposals_refresh()
    with pytest.raises(ValidationError):
        services.proposal_accept_as_new_challenge(
            proposal=old, actor=users[Role.DEVELOPMENT_TEAM], title="Licht"
        )


# --- Views, per role -----------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR])
def test_the_team_and_administrators_open_the_backlog(client, users, backlog, role):
    services.proposals_refresh()
    client.force_login(users[role])
    html = client.get(URL).content.decode()
    assert "Signalen groeperen" in html
    assert backlog[0].reference in html


@pytest.mark.parametrize("role", [Role.AREA_DIRECTOR, Role.EMPLOYEE, Role.MANAGER])
def test_other_roles_may_not_open_or_change_the_backlog(client, users, backlog, role):
    proposal = services.proposals_refresh().proposals.first()
    client.force_login(users[role])
    assert client.get(URL).status_code == 403
    assert client.post(f"{URL}vernieuwen/").status_code == 403
    response = client.post(f"{URL}{proposal.pk}/accepteren/", {"action": "create", "title": "x"})
    assert response.status_code == 403
    assert GroupDecision.objects.count() == 0


def test_another_departments_manager_may_not_merge(client, make_user, backlog):
    from samenspel.organisation.models import Department

    department = Department.objects.create(name="Sociaal Domein", slug="sociaal")
    manager = make_user("manager-elders", Role.MANAGER, department=department)
    services.proposals_refresh()
    a, b = _proposal_of(backlog[0]), _proposal_of(backlog[3])
    client.force_login(manager)
    assert client.post(f"{URL}{a.pk}/samenvoegen/", {"other": b.pk}).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/account/inloggen/" in response["Location"]


def test_the_refresh_button_stores_a_new_proposal_set(client, users, backlog):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.post(f"{URL}vernieuwen/", follow=True)
    assert "2 groepen voorgesteld" in response.content.decode()


def test_accepting_through_the_page_opens_the_new_challenge(client, users, backlog):
    proposal = _proposal_of_after_refresh(backlog[0])
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.post(
        f"{URL}{proposal.pk}/accepteren/", {"action": "create", "title": "Licht Kerkstraat"}
    )
    challenge = Signal.objects.get(pk=backlog[0].pk).challenge
    assert response["Location"] == f"/werk/opgaven/{challenge.pk}/"


def _proposal_of_after_refresh(signal) -> GroupProposal:
    services.proposals_refresh()
    return _proposal_of(signal)


def test_an_empty_title_is_refused_with_a_message_and_nothing_stored(client, users, backlog):
    proposal = _proposal_of_after_refresh(backlog[0])
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.post(
        f"{URL}{proposal.pk}/accepteren/", {"action": "create", "title": "  "}, follow=True
    )
    assert "Geef de nieuwe opgave een titel." in response.content.decode()
    assert GroupDecision.objects.count() == 0


def test_an_unknown_challenge_number_is_refused_with_a_message(client, users, backlog):
    proposal = _proposal_of_after_refresh(backlog[3])
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.post(
        f"{URL}{proposal.pk}/accepteren/", {"action": "link", "challenge": "O-999999"}, follow=True
    )
    assert "bestaat niet" in response.content.decode()


def test_split_and_merge_through_the_page(client, users, backlog):
    lights = _proposal_of_after_refresh(backlog[0])
    speeding = _proposal_of(backlog[3])
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    client.post(f"{URL}{lights.pk}/splitsen/", {"signal": [backlog[2].pk]})
    client.post(f"{URL}{lights.pk}/samenvoegen/", {"other": speeding.pk})
    kinds = sorted(GroupDecision.objects.values_list("kind", flat=True))
    assert kinds == ["merge", "split"]
    assert set(lights.signals.all()) == {*backlog[:2], *backlog[3:5]}


def test_malformed_split_and_merge_input_changes_nothing(client, users, backlog):
    lights = _proposal_of_after_refresh(backlog[0])
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    assert client.post(f"{URL}{lights.pk}/splitsen/", {"signal": ["x"]}).status_code == 302
    assert client.post(f"{URL}{lights.pk}/samenvoegen/", {"other": "9" * 30}).status_code == 302
    assert client.post(f"{URL}999999/samenvoegen/", {"other": "1"}).status_code == 404
    assert GroupDecision.objects.count() == 0
