"""Demo data of participation advice: one advice in every status, on the policy challenges.

Every step goes through participation.services, so checklist, workflow and history are
what the app itself writes. Where the services rightly refuse the past, the demo moves
dates afterwards with QuerySet.update(): a request is made with a decision date in the
future and then given its historical date, and the history events, timestamps and the
queued e-mails get the times of the story. Those e-mails are marked as sent at that time:
nobody should receive mail about something that "happened" last year.

Deterministic: policy challenges are taken in a fixed order, and one plan decides which
advice reaches which status. Idempotent: a challenge that has an advice gets no second one.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from samenspel.accounts.roles import Role as UserRole
from samenspel.accounts.roles import has_role
from samenspel.challenges.models import Challenge, ChallengeEvent, Theme
from samenspel.challenges.services import challenge_create
from samenspel.challenges.workflow import Status as ChallengeStatus
from samenspel.notifications.models import OutboxMessage
from samenspel.organisation.models import Department, Employee
from samenspel.participation.models import AdviceEvent, Duty, ParticipationAdvice
from samenspel.participation.services import advice_request, advice_transition, advice_update
from samenspel.participation.workflow import Status
from samenspel.places.models import Kern

from . import data, texts
from .compose import fill

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
Ladder = ParticipationAdvice.LadderLevel
Role = Challenge.GovernmentRole

# The most advanced policy challenge gets the most advanced advice; together they show
# every status of the advice workflow.
ADVICE_PLAN = (Status.FOLLOWED_UP, Status.GIVEN, Status.IN_PROGRESS, Status.REQUESTED)
PROGRESS = {
    ChallengeStatus.EVALUATED: 5,
    ChallengeStatus.DONE: 5,
    ChallengeStatus.HANDED_OVER: 5,
    ChallengeStatus.ACTIVE: 4,
    ChallengeStatus.FORMING: 3,
    ChallengeStatus.ON_HOLD: 3,
    ChallengeStatus.EXPLORING: 2,
    ChallengeStatus.NEW: 1,
}
# Days from now to the decision, per status that still waits for it.
DECISION_IN_DAYS = {Status.REQUESTED: 120, Status.IN_PROGRESS: 75, Status.GIVEN: 28}


@dataclass(frozen=True)
class AdviceText:
    question: str
    deciding_body: str
    affected: str
    ladder_level: str
    ladder_rationale: str
    government_role: str
    timing: str
    feedback: str
    evaluation: str
    critical_remarks: str
    duties: dict[str, tuple[bool, str]] = field(default_factory=dict)
    followed: str = ""
    result: str = ""
    revision: str = ""  # what the team changed when it revised a given advice


# Per theme of the policy challenge. Placeholders: {kern}, {department}.
ADVICE_TEXTS: dict[str, AdviceText] = {
    "duurzaamheid": AdviceText(
        question=(
            "{department} stelt voor {kern} een wijkuitvoeringsplan op: welke woningen wanneer "
            "van het aardgas af gaan en met welk alternatief. Hoe betrekken we eigenaar-"
            "bewoners, huurders en de woningcorporatie zo dat het plan gedragen wordt en het "
            "besluit van de raad standhoudt?"
        ),
        deciding_body=ParticipationAdvice.DecidingBody.COUNCIL,
        affected=(
            "Alle eigenaar-bewoners en huurders in {kern}; Woonstichting Land van Altena als "
            "eigenaar van de huurwoningen en de huurdersvereniging; ondernemers met een pand "
            "in de kern; de dorpsraad. Extra aandacht voor huishoudens met een laag inkomen, "
            "ouderen en inwoners die weinig digitaal doen: zij worden het hardst geraakt door "
            "hogere lasten en zijn het moeilijkst te bereiken."
        ),
        ladder_level=Ladder.ADVISE,
        ladder_rationale=(
            "Het besluit ligt bij de raad en heeft grote financiële gevolgen voor huishoudens. "
            "Bewoners krijgen een echte adviesrol over tempo, volgorde van de straten en de "
            "ondersteuning. Over de techniek (welk warmtenet, de planning van de netbeheerder) "
            "is raadplegen eerlijker: daar valt weinig te kiezen en meer beloven schaadt het "
            "vertrouwen."
        ),
        government_role=Role.DIRECTING,
        timing=(
            "Start minstens negen maanden vóór het raadsbesluit. Maand 1-3: informatieavond en "
            "keukentafelgesprekken. Maand 4-6: drie werksessies per buurt. Maand 7: concept "
            "ter inzage met reactiemogelijkheid. Maand 8-9: verwerken, nota van beantwoording "
            "en een informatieavond voor de raad."
        ),
        feedback=(
            "Na elke werksessie binnen twee weken een verslag op de pagina van de opgave en per "
            "brief aan wie niet online is. De nota van beantwoording zegt per reactie wat ermee "
            "is gedaan en waarom. Na het raadsbesluit een brief aan alle adressen in {kern}."
        ),
        evaluation=(
            "Na het raadsbesluit evalueert het ontwikkelteam met de dorpsraad en de corporatie: "
            "wie zijn bereikt (ook huurders en ouderen?), voelden deelnemers zich gehoord, en "
            "wat is er in het plan veranderd door hun inbreng?"
        ),
        critical_remarks=(
            "Het tijdpad is krap: de planning van de netbeheerder ligt vast en laat weinig "
            "ruimte. Zeg dat aan het begin eerlijk. Zorg dat niet alleen mondige eigenaar-"
            "bewoners aan tafel zitten: bereik huurders via de corporatie en de "
            "huurdersvereniging. Beloof geen keuzevrijheid over het warmtenet als die er niet is."
        ),
        duties={
            Duty.ANNOUNCE: (
                True,
                "Het plan leidt tot een wijziging van het omgevingsplan (aanwijzing van de "
                "wijk). Bij de kennisgeving van het voornemen staat hoe de participatie "
                "plaatsvindt.",
            ),
            Duty.STATE_IN_DECISION: (
                True,
                "Het raadsvoorstel en het besluit beschrijven hoe inwoners, bedrijven en "
                "organisaties zijn betrokken en wat dat heeft opgeleverd.",
            ),
            Duty.ORDINANCE: (
                True,
                "De participatieverordening vraagt bij besluiten met grote gevolgen voor "
                "inwoners vooraf een participatieplan; dit advies dient daarvoor.",
            ),
        },
        followed=ParticipationAdvice.Followed.PARTLY,
        result=(
            "De raad heeft het wijkuitvoeringsplan vastgesteld. Keukentafelgesprekken en "
            "werksessies zijn gehouden; huurders zijn via de corporatie goed bereikt, "
            "eigenaar-bewoners minder. De reactietermijn op het concept is ingekort tot drie "
            "weken vanwege de planning van de netbeheerder. Het besluit beschrijft de "
            "participatie en wat ermee is gedaan."
        ),
        revision=(
            "Na het gesprek met de corporatie: huurders krijgen een eigen bijeenkomst en de "
            "planning is aangepast aan die van de netbeheerder."
        ),
    ),
    "voorzieningen": AdviceText(
        question=(
            "Het sportpark in {kern} moet toekomstbestendig worden: velden zijn verouderd, twee "
            "verenigingen willen een gezamenlijke kantine en de school zoekt ruimte om te "
            "bewegen. {department} schrijft een visie voor het college. Hoe organiseren we de "
            "inbreng van verenigingen, omwonenden en de school?"
        ),
        deciding_body=ParticipationAdvice.DecidingBody.COLLEGE,
        affected=(
            "De voetbal- en tennisvereniging en hun leden; omwonenden van het sportpark "
            "(verkeer, licht en geluid); de basisschool; jongeren die er vrij willen sporten; "
            "ouderen die het beweegaanbod gebruiken; Ondernemersvereniging Altena (sponsoring "
            "en de kantine)."
        ),
        ladder_level=Ladder.COPRODUCE,
        ladder_rationale=(
            "De verenigingen beheren het park nu al grotendeels zelf en gaan de nieuwe kantine "
            "exploiteren. Zonder hun eigenaarschap werkt het plan niet; daarom maken zij de "
            "visie samen met de gemeente. Omwonenden worden geraadpleegd over verkeer en licht."
        ),
        government_role=Role.STIMULATING,
        timing=(
            "Zes maanden vóór het collegebesluit een werkgroep van verenigingen, school en "
            "gemeente (maandelijks). Halverwege een inloopavond voor omwonenden in de kantine. "
            "De conceptvisie vier weken voor het besluit terug naar de werkgroep."
        ),
        feedback=(
            "De werkgroep krijgt na elke bijeenkomst een actiepuntenlijst. Omwonenden krijgen "
            "een brief over wat er met hun reacties is gedaan; de visie krijgt een bijlage "
            "'wat we hoorden en wat we ermee deden'."
        ),
        evaluation=(
            "Een jaar na het besluit: draait de gezamenlijke kantine, zijn omwonenden tevreden "
            "over de afspraken over licht en parkeren, en voelen de verenigingen zich eigenaar?"
        ),
        critical_remarks=(
            "Pas op dat de grootste vereniging de agenda niet bepaalt: geef de tennisclub en de "
            "school een gelijke stem, met een onafhankelijke gespreksleider. Het budget is nog "
            "niet door de raad vastgesteld; zeg vooraf welke keuzes nog openliggen."
        ),
        duties={
            Duty.ANNOUNCE: (
                False,
                "Niet voor de visie zelf: dat is geen omgevingsplan of programma. Komt er een "
                "nieuwe kantine of lichtmasten, dan volgt een omgevingsvergunning en geldt de "
                "Omgevingswet alsnog.",
            ),
            Duty.STATE_IN_DECISION: (
                False,
                "Geen besluit onder de Omgevingswet. Het collegevoorstel beschrijft de "
                "participatie toch, zoals de verordening vraagt.",
            ),
            Duty.ORDINANCE: (
                True,
                "De participatieverordening is van toepassing: leg in het collegevoorstel vast "
                "hoe verenigingen en omwonenden zijn betrokken.",
            ),
        },
        followed=ParticipationAdvice.Followed.YES,
        result=(
            "Het college heeft de visie vastgesteld. De werkgroep kwam zes keer bij elkaar; de "
            "gezamenlijke kantine staat in de visie. Omwonenden kregen afspraken over licht en "
            "parkeren."
        ),
        revision="De inloopavond voor omwonenden is naar voren gehaald.",
    ),
}


@dataclass(frozen=True)
class _Step:
    """When each step of an advice took place, as a share of the time it had."""

    requested: float
    in_progress: float = 0.0
    written: float = 0.0
    given: float = 0.0
    revised: float = 0.0
    decided: float = 0.0
    followed_up: float = 0.0


STEPS = {
    Status.REQUESTED: _Step(requested=0.85),
    Status.IN_PROGRESS: _Step(requested=0.45, in_progress=0.55, written=0.85),
    Status.GIVEN: _Step(requested=0.25, in_progress=0.35, written=0.55, given=0.8),
    Status.FOLLOWED_UP: _Step(
        requested=0.1,
        in_progress=0.15,
        written=0.25,
        given=0.35,
        revised=0.42,
        decided=0.6,
        followed_up=0.7,
    ),  # fmt: skip
}


def _office(moment: datetime) -> datetime:
    """Squeeze a time of day into 08:00-17:00 without changing the order of moments."""
    local = moment.astimezone(AMSTERDAM)
    midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return midnight + timedelta(hours=8, seconds=(local - midnight).total_seconds() * 9 / 24)


def _advice_text(challenge: Challenge) -> AdviceText:
    slugs = [theme.slug for theme in challenge.themes.all()]
    for slug in slugs:
        if slug in ADVICE_TEXTS:
            return ADVICE_TEXTS[slug]
    return ADVICE_TEXTS["duurzaamheid"]


def _department_user(challenge: Challenge):
    """Who asks for the advice: the owner, or else a colleague of the owning department."""
    if challenge.owner and challenge.owner.user_id and challenge.owner.active:
        return challenge.owner.user
    colleague = (
        Employee.objects.filter(
            department=challenge.owner_department,
            active=True,
            is_development_team=False,
            user__isnull=False,
        )
        .select_related("user")
        .order_by("-is_manager", "name", "id")
        .first()
    )
    return colleague.user if colleague else None


def _policy_challenges() -> list[Challenge]:
    challenges = (
        Challenge.objects.filter(
            kind=Challenge.Kind.POLICY,
            owner_department__isnull=False,
            participation_advice__isnull=True,
        )
        .exclude(status=ChallengeStatus.DECLINED)
        .select_related("owner__user", "owner_department")
        .prefetch_related("kernen", "themes")
    )
    return sorted(challenges, key=lambda c: (-PROGRESS.get(c.status, 0), c.created_at, c.pk))


def _create_policy_challenges(count: int) -> None:
    """Only when the demo has too few policy challenges: new ones, through the service."""
    topics = [topic for topic in texts.TOPICS if topic.kind == Challenge.Kind.POLICY]
    taken = set(Challenge.objects.values_list("title", flat=True))
    creator = Employee.objects.filter(name=data.DEVELOPMENT_TEAM[0].name).first()
    made = 0
    for kern_fact in data.KERNEN:
        for topic in topics:
            title = fill(topic.title, kern=kern_fact.name)
            if made == count or title in taken:
                continue
            department = Department.objects.get(slug=topic.department)
            owner = (
                Employee.objects.filter(department=department, is_development_team=False)
                .order_by("name", "id")
                .first()
            )
            challenge_create(
                actor=creator.user if creator else None,
                title=title,
                summary=fill(topic.summary, kern=kern_fact.name, street="", place=""),
                kind=Challenge.Kind.POLICY,
                kernen=Kern.objects.filter(slug=kern_fact.slug),
                themes=Theme.objects.filter(slug=topic.theme),
                owner_department=department,
                owner=owner,
            )
            made += 1


def participation_demo_load(*, anchor: datetime) -> dict[str, int]:
    """Write one advice per policy challenge, in every status; returns what it created."""
    if ParticipationAdvice.objects.exists() and not _policy_challenges():
        return {"participatieadviezen": 0}
    if not ParticipationAdvice.objects.exists():
        eligible = len(_policy_challenges())
        if eligible < len(ADVICE_PLAN):
            _create_policy_challenges(len(ADVICE_PLAN) - eligible)
    advisors = [
        e
        for e in Employee.objects.filter(
            name__in=[fact.name for fact in data.DEVELOPMENT_TEAM], user__isnull=False
        )
        .select_related("user")
        .order_by("id")
        if has_role(e.user, UserRole.DEVELOPMENT_TEAM)
    ]
    created = 0
    for index, challenge in enumerate(_policy_challenges()):
        requester = _department_user(challenge)
        if requester is None or not advisors:
            continue
        target = ADVICE_PLAN[index] if index < len(ADVICE_PLAN) else Status.IN_PROGRESS
        _advice(
            challenge=challenge,
            target=target,
            requester=requester,
            advisor=advisors[index % len(advisors)],
            anchor=anchor,
        )
        created += 1
    return {"participatieadviezen": created}


def _advice(*, challenge: Challenge, target: str, requester, advisor, anchor: datetime) -> None:
    text = _advice_text(challenge)
    kernen = list(challenge.kernen.all())
    values = {
        "kern": kernen[0].name if kernen else "Altena",
        "department": challenge.owner_department.name,
    }
    steps = STEPS[target]
    start = max(challenge.created_at, anchor - timedelta(days=720)) + timedelta(days=1)
    # Advice on finished policy belongs to the time the work ran, not to after it.
    closed = (
        ChallengeEvent.objects.filter(
            challenge=challenge,
            kind=ChallengeEvent.Kind.TRANSITION,
            to_status__in=(ChallengeStatus.DONE, ChallengeStatus.HANDED_OVER),
        )
        .order_by("created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    span = max((closed or anchor - timedelta(days=1)) - start, timedelta(days=2))

    def at(share: float) -> datetime:
        return _office(start + span * share)

    timed: list[tuple[datetime, list[int]]] = []
    seen: set[int] = set()

    def stamp(share: float) -> None:
        new = list(
            AdviceEvent.objects.filter(advice=advice)
            .exclude(pk__in=seen)
            .values_list("pk", flat=True)
        )
        seen.update(new)
        timed.append((at(share), new))

    # The service refuses a decision in the past; the real date follows below.
    advice = advice_request(
        actor=requester,
        challenge=challenge,
        question=fill(text.question, **values),
        decision_date=timezone.localdate() + timedelta(days=365),
        deciding_body=text.deciding_body,
    )
    stamp(steps.requested)
    if target == Status.FOLLOWED_UP:
        decision = at(steps.decided).date()
    else:
        decision = anchor.date() + timedelta(days=DECISION_IN_DAYS[target])
    ParticipationAdvice.objects.filter(pk=advice.pk).update(decision_date=decision)

    if target != Status.REQUESTED:
        advice_transition(advice=advice, to=Status.IN_PROGRESS, actor=advisor.user)
        stamp(steps.in_progress)
        first = {
            "affected": fill(text.affected, **values),
            "ladder_level": text.ladder_level,
            "ladder_rationale": text.ladder_rationale,
            "government_role": text.government_role,
        }
        duties = {duty: (applies, note) for duty, (applies, note) in text.duties.items()}
        if target == Status.IN_PROGRESS:
            # Half way: who is affected and the ladder are written, one duty is judged.
            first_duty = next(iter(duties))
            advice_update(
                advice=advice,
                actor=advisor.user,
                kernen=kernen,
                duties={first_duty: duties[first_duty]},
                **first,
            )
            stamp(steps.written)
        else:
            advice_update(advice=advice, actor=advisor.user, kernen=kernen, **first)
            advice_update(
                advice=advice,
                actor=advisor.user,
                duties=duties,
                timing=text.timing,
                feedback=fill(text.feedback, **values),
                evaluation=text.evaluation,
                critical_remarks=text.critical_remarks,
            )
            stamp(steps.written)
            advice_transition(advice=advice, to=Status.GIVEN, actor=advisor.user)
            stamp(steps.given)
    if target == Status.FOLLOWED_UP:
        # The team revised the given advice once before the decision: the history shows it.
        advice_transition(advice=advice, to=Status.IN_PROGRESS, actor=advisor.user)
        advice_update(
            advice=advice,
            actor=advisor.user,
            timing=f"{text.timing} {text.revision}",
        )
        advice_transition(advice=advice, to=Status.GIVEN, actor=advisor.user)
        stamp(steps.revised)
        advice_transition(
            advice=advice,
            to=Status.FOLLOWED_UP,
            actor=requester,
            followed=text.followed,
            result=text.result,
        )
        stamp(steps.followed_up)
    _date_history(advice=advice, timed=timed, target=target, steps=steps, at=at)


def _date_history(*, advice, timed, target: str, steps: _Step, at) -> None:
    """Give the history, the advice and its e-mails the times of the story."""
    for moment, event_ids in timed:
        for offset, pk in enumerate(sorted(event_ids)):
            # Several steps at one sitting keep their order, a few minutes apart.
            AdviceEvent.objects.filter(pk=pk).update(
                created_at=moment + timedelta(minutes=offset * 7)
            )
    last = timed[-1][0]
    dates = {"created_at": timed[0][0], "updated_at": last}
    if target in (Status.GIVEN, Status.FOLLOWED_UP):
        dates["given_at"] = at(steps.revised or steps.given)
    if target == Status.FOLLOWED_UP:
        dates["followed_up_at"] = at(steps.followed_up)
    ParticipationAdvice.objects.filter(pk=advice.pk).update(**dates)
    OutboxMessage.objects.filter(dedupe_key__startswith=f"advice-requested:{advice.pk}:").update(
        status=OutboxMessage.Status.SENT, created_at=timed[0][0], sent_at=timed[0][0]
    )
    given = AdviceEvent.objects.filter(advice=advice, to_status=Status.GIVEN).values_list(
        "pk", "created_at"
    )
    for pk, moment in given:
        OutboxMessage.objects.filter(dedupe_key=f"advice-given:{pk}").update(
            status=OutboxMessage.Status.SENT, created_at=moment, sent_at=moment
        )
