from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import F, Max, Q

from samenspel.accounts.models import User
from samenspel.challenges.models import Challenge, ChallengeEvent
from samenspel.challenges.workflow import Status, allowed_transitions
from samenspel.intake.models import Channel, Reporter, Signal
from samenspel.organisation.models import Department, Employee, EmployeeSkill, Partner
from samenspel.places.models import Kern

pytestmark = pytest.mark.django_db

ALTENA = {
    "Werkendam", "Sleeuwijk", "Wijk en Aalburg", "Woudrichem", "Almkerk", "Hank",
    "Nieuwendijk", "Veen", "Dussen", "Andel", "Genderen", "Eethen", "Meeuwen",
    "Babyloniënbroek", "Drongelen", "Giessen", "Rijswijk", "Uitwijk", "Waardhuizen",
}  # fmt: skip


def test_demo_has_the_nineteen_kernen_of_altena_with_about_58000_inhabitants(demo):
    kernen = list(Kern.objects.all())
    assert {kern.name for kern in kernen} == ALTENA
    assert 55_000 <= sum(kern.population for kern in kernen) <= 61_000
    # All inside the Land van Altena, between the Merwede and the Maas.
    for kern in kernen:
        assert Decimal("51.70") < kern.latitude < Decimal("51.83"), kern
        assert Decimal("4.85") < kern.longitude < Decimal("5.15"), kern


def test_demo_has_departments_about_150_employees_and_partners(demo):
    assert Department.objects.count() >= 8
    assert 140 <= Employee.objects.count() <= 160
    assert Partner.objects.count() >= 15
    assert set(Partner.objects.values_list("kind", flat=True)) >= {
        "village_council", "housing", "welfare", "business", "water_board", "school",
        "association",
    }  # fmt: skip


def test_every_employee_has_one_to_five_skills(demo):
    counts = Counter(Employee.objects.values_list("skill_levels__employee", flat=True))
    assert all(1 <= counts[e.pk] <= 5 for e in Employee.objects.all())


def test_demo_signals_cover_every_channel(demo):
    assert Signal.objects.count() >= 400
    assert set(Signal.objects.values_list("channel", flat=True)) == set(Channel.values)


def test_demo_challenges_cover_every_status(demo):
    assert 55 <= Challenge.objects.count() <= 65
    assert set(Challenge.objects.values_list("status", flat=True)) == set(Status.values)


def test_two_area_directors_share_all_kernen(demo):
    directors = Counter(Kern.objects.values_list("area_director__name", flat=True))
    assert None not in directors
    assert len(directors) == 2
    assert all(count >= 7 for count in directors.values())


def test_no_development_team_member_owns_a_challenge(demo):
    assert Challenge.objects.filter(owner__isnull=False).exists()
    assert not Challenge.objects.filter(owner__is_development_team=True).exists()


def test_every_timeline_follows_the_workflow_to_the_current_status(demo):
    for challenge in Challenge.objects.prefetch_related("events"):
        events = list(challenge.events.all())
        assert events[0].kind == ChallengeEvent.Kind.CREATED, challenge
        status, before_hold = Status.NEW, ""
        for event in events:
            if event.kind != ChallengeEvent.Kind.TRANSITION:
                continue
            assert event.from_status == status, challenge
            assert event.to_status in allowed_transitions(status, before_hold), challenge
            before_hold = status if event.to_status == Status.ON_HOLD else ""
            status = event.to_status
        assert challenge.status == status, challenge


def test_declined_challenges_tell_the_public_why(demo):
    declined = Challenge.objects.filter(status=Status.DECLINED)
    for challenge in declined:
        event = challenge.events.get(to_status=Status.DECLINED)
        assert challenge.decline_reason
        assert event.text == challenge.decline_reason
        assert event.is_public


def test_signal_counts_match_the_linked_signals(demo):
    for challenge in Challenge.objects.all():
        assert challenge.signal_count == challenge.signals.count(), challenge


def test_nothing_in_the_history_lies_after_the_anchor(demo, demo_anchor):
    assert Signal.objects.aggregate(m=Max("received_at"))["m"] < demo_anchor
    assert Signal.objects.aggregate(m=Max("first_answered_at"))["m"] < demo_anchor
    assert ChallengeEvent.objects.aggregate(m=Max("created_at"))["m"] < demo_anchor
    assert Signal.objects.aggregate(m=Max("received_at"))["m"] > demo_anchor.replace(
        year=demo_anchor.year - 1
    )


def test_history_spans_two_years(demo, demo_anchor):
    oldest = Signal.objects.order_by("received_at").first().received_at
    assert (demo_anchor - oldest).days >= 700


def test_no_signal_is_answered_before_it_arrived(demo):
    assert not Signal.objects.filter(first_answered_at__lt=F("received_at")).exists()


def test_most_signals_are_linked_and_some_still_wait_in_the_inbox(demo):
    statuses = Counter(Signal.objects.values_list("status", flat=True))
    assert statuses[Signal.Status.LINKED] > Signal.objects.count() / 2
    assert statuses[Signal.Status.NEW] >= 20


def test_reporters_are_fictional_with_example_addresses(demo):
    emails = Reporter.objects.exclude(email="").values_list("email", flat=True)
    assert emails
    assert all(email.endswith("@example.nl") for email in emails)
    assert Reporter.objects.filter(wants_updates=True, signal__follow_token__isnull=False).exists()


def test_signal_texts_vary(demo):
    texts = list(Signal.objects.values_list("text", flat=True))
    assert len(set(texts)) > 0.95 * len(texts)


def test_team_coaches_early_and_steps_back_later(demo):
    decided = list(Challenge.objects.exclude(status=Status.NEW).order_by("created_at"))
    third = len(decided) // 3
    stepping_back = Q(team_role__in=[Challenge.TeamRole.NONE, Challenge.TeamRole.ADVISE])

    def self_reliance(challenges):
        ids = [c.pk for c in challenges]
        return Challenge.objects.filter(stepping_back, pk__in=ids).count() / len(ids)

    assert self_reliance(decided[:third]) < 0.5 < self_reliance(decided[-third:])


MODELS = (Kern, Department, Employee, EmployeeSkill, Partner, User, Signal, Reporter, Challenge,
          ChallengeEvent)  # fmt: skip


def _counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def test_a_second_load_creates_nothing(demo, capsys):
    before = _counts()
    call_command("load_demo")
    assert _counts() == before
    assert "al geladen" in capsys.readouterr().out


def test_dismissed_signals_say_why(demo):
    dismissed = Signal.objects.filter(status=Signal.Status.DISMISSED)
    assert dismissed.exists()
    assert not dismissed.filter(dismiss_reason="").exists()
