"""Demo data of the prioritisation (issue 4): the development team's scores per challenge.

Every score goes through `challenges.services.challenge_score`, so the stored scores, the
computed criteria (reach, equity between kernen), the priority on the board and the
append-only history are exactly what the app itself would have written. The service stamps
"now"; the demo then moves the moments into the story with QuerySet.update(): the
`scored_at` of the scores, the `created_at` of the history rows (PriorityRecord is append-
only for the app, a loaded history is the one exception) and the challenge's
`prioritised_at`. The computed criteria are worked out on today's figures, which is what a
re-score today would show as well.

What the story shows:

* every open challenge past the new stage was scored (triage happens before exploring);
* most new challenges too, except the oldest and the newest: the newest is simply too fresh,
  the oldest (about ten days old in the story) has waited longer than the norm of five
  working days, so the board flags it "wacht op prioritering" (a week with two public
  holidays in it could leave it just short of the norm);
* some challenges were scored a second time, so their history shows what changed and why.

Deterministic: its own seeded generator and every query ordered. Idempotent: a challenge
that already has a priority history is left alone.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from samenspel.accounts.models import User
from samenspel.accounts.roles import Role
from samenspel.challenges.models import (
    Challenge,
    ChallengeEvent,
    PriorityCriterion,
    PriorityRecord,
    PriorityScore,
)
from samenspel.challenges.services import challenge_score, criteria_ensure_defaults
from samenspel.challenges.workflow import OPEN_STATUSES, Status
from samenspel.organisation.models import Partner

from .knowledge_demo import topic_key_for

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SEED = 2022_03_08
# Criteria the team scores by hand, by their default names (default_criteria.py).
URGENCY = "Urgentie"
IMPACT = "Impact op inwoners"
ENERGY = "Energie in de gemeenschap"
POLICY = "Past bij raadsbeleid"
# Every how-manieth scored challenge past the new stage is scored a second time.
RESCORE_EVERY = 3


@dataclass(frozen=True)
class Profile:
    """How the team sees a topic: scores 0..5 and why, in the team's own short words."""

    urgency: int
    impact: int
    energy: int
    policy: int
    why_urgent: str
    why_impact: str


# One profile per demo topic (texts.TOPICS, by key). Placeholder: {kern}.
PROFILES: dict[str, Profile] = {
    "speeding": Profile(4, 3, 3, 3, "Verkeersveiligheid: kinderen fietsen hier naar school.",
                        "Raakt de hele straat, dagelijks, vooral in de spits."),
    "school_crossing": Profile(5, 3, 4, 4, "Direct gevaar voor schoolkinderen bij het oversteken.",
                               "Elke schooldag voor alle gezinnen van de school in {kern}."),
    "parking": Profile(2, 2, 2, 1, "Hinderlijk, maar geen gevaar; kan na de zomer.",
                       "Beperkt tot één straat in {kern}."),
    "cut_through": Profile(3, 4, 2, 3, "Elke file op de A27 geeft opnieuw overlast.",
                           "Meerdere kernen langs de route hebben er last van."),
    "bike_path": Profile(3, 3, 2, 3, "Gaten in het pad: valgevaar, zeker in het donker.",
                         "Veel scholieren en forenzen gebruiken het pad."),
    "mowing": Profile(1, 2, 3, 2, "Seizoensgebonden; geen veiligheidsrisico.",
                      "Vooral een kwestie van beeld en uitleg in {kern}."),
    "tree": Profile(3, 2, 2, 2, "Twijfel over de conditie van de bomen; eerst laten keuren.",
                    "Bepaalt het aanzicht van de straat, weinig bewoners direct geraakt."),
    "greening": Profile(1, 3, 5, 4, "Geen haast; het plantseizoen bepaalt het tempo.",
                        "Meer groen en ontmoeting in de straat."),
    "caterpillar": Profile(5, 3, 1, 2, "Gezondheidsrisico: de brandharen zijn nu actief.",
                           "Overlast rond school en speelplekken in {kern}."),
    "playground_broken": Profile(4, 2, 4, 2, "Kapotte toestellen: kans op letsel bij kinderen.",
                                 "De enige speelplek in de buurt."),
    "new_playground": Profile(1, 3, 5, 3, "Geen spoed; ouders willen rustig plannen.",
                              "Een plek voor alle jonge gezinnen in {kern}."),
    "youth_place": Profile(2, 3, 4, 3, "Spanning met omwonenden loopt langzaam op.",
                           "Jongeren in {kern} hebben nu geen eigen plek."),
    "loneliness": Profile(2, 4, 3, 4, "Geen acuut gevaar, wel een sluipend probleem.",
                          "Raakt een grote groep ouderen die weinig van zich laat horen."),
    "caregivers": Profile(3, 4, 2, 4, "Mantelzorgers zitten nu al op hun grens.",
                          "Uitval van mantelzorg raakt ook wie verzorgd wordt."),
    "gp_pharmacy": Profile(4, 5, 2, 3, "De praktijk sluit binnen een jaar.",
                           "Alle inwoners van {kern}, vooral wie slecht ter been is."),
    "starter_homes": Profile(2, 4, 3, 5, "Lange termijn; de procedure kost hoe dan ook tijd.",
                             "Jongeren trekken weg uit {kern}."),
    "knarrenhof": Profile(1, 3, 5, 4, "De initiatiefgroep heeft een eigen planning.",
                          "Een woonvorm voor ouderen die nu ontbreekt."),
    "empty_building": Profile(2, 2, 3, 2, "Verpaupering dreigt, nog geen gevaar.",
                              "Beeldbepalend pand in het centrum van {kern}."),
    "flooding": Profile(4, 4, 3, 4, "Bij de volgende hoosbui loopt het weer onder.",
                        "Schade aan woningen en kelders in de hele straat."),
    "dike_works": Profile(3, 3, 2, 2, "De werkzaamheden lopen nog twee jaar.",
                          "Omwonenden en de buurtbus hebben dagelijks hinder."),
    "solar_coop": Profile(2, 3, 5, 5, "Subsidieronde sluit dit jaar.",
                          "Lagere energielasten voor leden in {kern}."),
    "heat_transition": Profile(3, 5, 2, 5, "Het raadsbesluit staat op de planning.",
                               "Elk huishouden in de wijk krijgt ermee te maken."),
    "litter": Profile(2, 2, 4, 2, "Hinderlijk, geen gevaar.",
                      "Zichtbaar voor iedereen die door {kern} loopt."),
    "street_lights": Profile(3, 2, 1, 2, "Donkere plekken voelen onveilig, zeker in de winter.",
                             "Beperkt tot een paar straten."),
    "burglaries": Profile(3, 3, 4, 4, "Een reeks inbraken in korte tijd.",
                          "Gevoel van veiligheid in heel {kern}."),
    "drug_waste": Profile(4, 2, 1, 4, "Gevaar voor milieu en voor wie het vindt.",
                          "Buitengebied: weinig bewoners, wel boeren en wandelaars."),
    "village_hall": Profile(3, 4, 4, 3, "Het bestuur stopt volgend jaar.",
                            "Het enige ontmoetingspunt van {kern}."),
    "bus": Profile(3, 4, 2, 3, "De dienstregeling wordt binnenkort vastgesteld.",
                   "Ouderen en scholieren in de kleine kernen zijn ervan afhankelijk."),
    "cash": Profile(3, 3, 2, 2, "De automaat gaat over enkele maanden weg.",
                    "Vooral ouderen zonder bankapp in {kern}."),
    "village_festival": Profile(3, 3, 5, 2, "De vergunning moet voor het feest rond zijn.",
                                "Het hele dorp komt op het feest af."),
    "noise_event": Profile(2, 2, 1, 2, "Speelt alleen in het evenementenseizoen.",
                           "Een beperkt aantal omwonenden."),
    "sports_park": Profile(2, 4, 3, 4, "Het onderhoud kan nog een paar jaar mee.",
                           "Alle verenigingen en hun leden in {kern}."),
}  # fmt: skip
# When the title fits no topic (a challenge added by hand), the team's middle-of-the-road view.
DEFAULT_PROFILE = Profile(
    2, 3, 3, 3, "Geen directe dreiging; wel een vraag die blijft.", "Raakt inwoners van {kern}."
)

# How energy in the community sounds, from none (0) to a lot (5). Placeholder: {partner}.
ENERGY_TEXTS = (
    "Nog niemand die zelf aan de slag wil.",
    "Alleen klachten, nog geen aanbod om mee te doen.",
    "Een paar bewoners denken mee; {partner} is op de hoogte.",
    "Bewoners denken mee en {partner} wil aanschuiven.",
    "{partner} en een groep bewoners willen zelf meedoen.",
    "Bewoners en {partner} trekken dit zelf; wij faciliteren.",
)
# Which council policy a theme touches, and how close the fit is.
POLICY_TEXTS: dict[str, str] = {
    "verkeer": "het mobiliteitsplan en de aanpak verkeersveiligheid",
    "groen": "het groenbeleid en de biodiversiteitsagenda",
    "spelen": "het speelruimtebeleid",
    "zorg-en-welzijn": "het sociaal domein en de aanpak 'Samen Altena'",
    "voorzieningen": "de kernenaanpak en het voorzieningenniveau in de kleine kernen",
    "wonen": "de woonvisie: bouwen voor jongeren en ouderen in alle kernen",
    "water": "de klimaatadaptatie-afspraken met het waterschap",
    "duurzaamheid": "de energietransitie en het coalitieakkoord",
    "veiligheid": "het integraal veiligheidsplan",
    "evenementen": "het evenementenbeleid",
}
POLICY_FIT = ("Valt buiten", "Raakt zijdelings aan", "Raakt aan", "Past bij", "Past goed bij",
              "Is een speerpunt van")  # fmt: skip
# A second look some weeks on: which criterion moved, by how much, in which statuses it
# fits, and why. A tweak is used only when the score can move in the direction it names.
RESCORES: tuple[tuple[str, int, tuple[str, ...], str], ...] = (
    (ENERGY, 1, (Status.EXPLORING, Status.FORMING, Status.ACTIVE, Status.ON_HOLD),
     "Sinds de eerste score biedt {partner} aan mee te trekken."),
    (URGENCY, -1, (Status.ACTIVE, Status.ON_HOLD),
     "Na de eerste maatregelen is het minder acuut."),
    (IMPACT, 1, (Status.EXPLORING, Status.FORMING, Status.ACTIVE),
     "Er kwamen signalen uit meer hoeken van {kern} bij: het speelt breder dan gedacht."),
    (URGENCY, 1, (Status.EXPLORING, Status.FORMING, Status.ACTIVE),
     "Nieuwe signalen laten zien dat het sneller speelt dan gedacht."),
    (ENERGY, -1, (Status.ON_HOLD, Status.FORMING),
     "De trekkers uit het dorp hebben minder tijd dan gehoopt."),
)  # fmt: skip


def _office(moment: datetime) -> datetime:
    """Squeeze a time of day into 08:00-17:00 without changing the order of moments."""
    local = moment.astimezone(AMSTERDAM)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + timedelta(hours=8, seconds=(local - midnight).total_seconds() * 9 / 24)


def _clip(score: int, scale: int) -> int:
    return min(max(score, 0), scale)


def _partner_names() -> dict[int, str]:
    """Per kern the partner a colleague would name first: the village council if any."""
    names: dict[int, str] = {}
    partners = Partner.objects.prefetch_related("kernen").order_by("name", "id")
    for partner in sorted(partners, key=lambda p: (p.kind != Partner.Kind.VILLAGE_COUNCIL, p.name)):
        for kern in partner.kernen.all():
            names.setdefault(kern.pk, partner.name)
    return names


def _scorers() -> list[User]:
    """Development-team members with the team's role: they triage (design §4, step 3)."""
    return list(
        User.objects.filter(
            employee__is_development_team=True, groups__name=Role.DEVELOPMENT_TEAM.value
        )
        .distinct()
        .order_by("id")
    )


def _to_select(challenges: list[Challenge]) -> list[Challenge]:
    """The open challenges the team has scored: all but the newest and the oldest new one."""
    new = [c for c in challenges if c.status == Status.NEW]
    waiting = {new[0].pk, new[-1].pk} if len(new) > 2 else {c.pk for c in new[:1]}
    return [c for c in challenges if c.pk not in waiting]


def priorities_demo_load(*, anchor: datetime) -> dict[str, int]:
    """Score the demo's open challenges through the scoring service; returns what it wrote."""
    criteria_ensure_defaults()
    rng = random.Random(SEED)
    criteria = {
        c.name: c
        for c in PriorityCriterion.objects.filter(
            active=True, kind=PriorityCriterion.Kind.SCORED
        ).order_by("order", "id")
    }
    scorers = _scorers()
    if not scorers or not criteria:
        return {"prioriteringen": 0}
    challenges = _to_select(
        list(
            Challenge.objects.filter(status__in=OPEN_STATUSES)
            .prefetch_related("kernen", "themes")
            .order_by("created_at", "id")
        )
    )
    scored_before = set(
        PriorityRecord.objects.filter(challenge__in=challenges).values_list(
            "challenge_id", flat=True
        )
    )
    # Triage happens before the work is explored: the first score lies before that step.
    explored_at: dict[int, datetime] = {}
    for challenge_id, at in (
        ChallengeEvent.objects.filter(
            challenge__in=challenges,
            kind=ChallengeEvent.Kind.TRANSITION,
            to_status=Status.EXPLORING,
        )
        .order_by("created_at", "id")
        .values_list("challenge_id", "created_at")
    ):
        explored_at.setdefault(challenge_id, at)
    partners = _partner_names()
    latest = anchor - timedelta(hours=20)
    records = 0
    for index, challenge in enumerate(challenges):
        # Drawn for every challenge, so a skipped one does not shift the others' story.
        scorer = scorers[index % len(scorers)]
        second_scorer = scorers[(index + 1) % len(scorers)]
        share = rng.uniform(0.2, 0.8)
        later = rng.uniform(0.3, 0.9)
        if challenge.pk in scored_before:
            continue
        kernen = list(challenge.kernen.all())
        kern = kernen[0].name if kernen else "de kern"
        partner = next((partners[k.pk] for k in kernen if k.pk in partners), "de dorpsraad")
        theme = next(iter(challenge.themes.all()), None)
        profile = PROFILES.get(topic_key_for(challenge.title) or "", DEFAULT_PROFILE)
        scores = _first_scores(profile, criteria, kern=kern, partner=partner, theme=theme)

        until = explored_at.get(challenge.pk) or min(
            challenge.created_at + timedelta(days=4), latest
        )
        first_at = _office(challenge.created_at + (until - challenge.created_at) * share)
        first_at = min(max(first_at, challenge.created_at + timedelta(minutes=30)), latest)
        _score_at(challenge=challenge, actor=scorer, scores=scores, at=first_at)
        records += 1

        if challenge.status == Status.NEW or index % RESCORE_EVERY:
            continue
        change = _rescore(challenge, scores, criteria, start=index, partner=partner, kern=kern)
        second_at = _office(first_at + (latest - first_at) * later)
        if change is None or second_at - first_at < timedelta(days=3):
            continue
        _score_at(challenge=challenge, actor=second_scorer, scores=change, at=second_at)
        records += 1
    return {"prioriteringen": records}


def _rescore(
    challenge: Challenge,
    scores: dict[int, tuple[int, str]],
    criteria: dict[str, PriorityCriterion],
    *,
    start: int,
    partner: str,
    kern: str,
) -> dict[int, tuple[int, str]] | None:
    """The first tweak, from `start` on, that fits the challenge's status and can move its
    score the way its rationale says; None when none fits."""
    for offset in range(len(RESCORES)):
        name, step, statuses, why = RESCORES[(start + offset) % len(RESCORES)]
        criterion = criteria.get(name)
        if criterion is None or criterion.pk not in scores or challenge.status not in statuses:
            continue
        old = scores[criterion.pk][0]
        if 0 <= old + step <= criterion.scale:
            return {criterion.pk: (old + step, why.format(partner=partner, kern=kern))}
    return None


def _first_scores(
    profile: Profile, criteria: dict[str, PriorityCriterion], *, kern: str, partner: str, theme
) -> dict[int, tuple[int, str]]:
    scores: dict[int, tuple[int, str]] = {}
    if (c := criteria.get(URGENCY)) is not None:
        scores[c.pk] = (_clip(profile.urgency, c.scale), profile.why_urgent.format(kern=kern))
    if (c := criteria.get(IMPACT)) is not None:
        scores[c.pk] = (_clip(profile.impact, c.scale), profile.why_impact.format(kern=kern))
    if (c := criteria.get(ENERGY)) is not None:
        energy = _clip(profile.energy, c.scale)
        text = ENERGY_TEXTS[min(energy, len(ENERGY_TEXTS) - 1)]
        scores[c.pk] = (energy, text.format(partner=partner))
    if (c := criteria.get(POLICY)) is not None:
        fit = _clip(profile.policy, c.scale)
        policy = POLICY_TEXTS.get(theme.slug if theme else "", "vastgesteld beleid")
        scores[c.pk] = (fit, f"{POLICY_FIT[min(fit, len(POLICY_FIT) - 1)]} {policy}.")
    return scores


def _score_at(
    *, challenge: Challenge, actor: User, scores: dict[int, tuple[int, str]], at: datetime
) -> None:
    """Score through the service, then move what it stamped "now" to the story's moment."""
    record = challenge_score(challenge=challenge, actor=actor, scores=scores)
    if record is None:
        return
    PriorityRecord.objects.filter(pk=record.pk).update(created_at=at)
    # The computed criteria were recalculated with this score, so they move along.
    PriorityScore.objects.filter(challenge=challenge, scored_at__gt=at).filter(
        criterion_id__in=list(scores)
    ).update(scored_at=at)
    PriorityScore.objects.filter(
        challenge=challenge, scored_by__isnull=True, scored_at__gt=at
    ).update(scored_at=at)
    # The first score sets prioritised_at; a later one leaves it, as the service does.
    if not PriorityRecord.objects.filter(challenge=challenge, created_at__lt=at).exists():
        Challenge.objects.filter(pk=challenge.pk).update(prioritised_at=at)
