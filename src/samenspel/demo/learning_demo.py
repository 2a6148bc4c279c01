"""Demo data of the learning programme: the 2019 cohort and a planned one with a waiting list.

Deterministic: its own seeded random generator and participants picked from the employees
sorted by name, so the same anchor always gives the same cohorts. Idempotent: nothing is
written when the programme exists. The 2019 history is written with bulk_create, like the
rest of the demo's history: the services would stamp "now" and mail every participant.
"""

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from samenspel.learning.completion import meets_completion_rule
from samenspel.learning.models import (
    Attendance,
    Cohort,
    Enrolment,
    FinalEvaluation,
    Programme,
    SessionEvaluation,
)
from samenspel.learning.services import cohort_create, programme_create
from samenspel.organisation.models import Employee

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
SEED = 2019_10_03
PROGRAMME_NAME = "Het nieuwe samenspel tussen overheid en samenleving"
PROGRAMME_DESCRIPTION = (
    "Vier dagen voor medewerkers van de gemeente over kerngericht werken: loslaten waar "
    "inwoners het zelf kunnen, meedoen waar ze de gemeente nodig hebben, en samen met "
    "partners een opgave oppakken. Tussen de dagen werkt iedereen aan een eigen casus."
)
DAYS = [
    (
        "Kerngericht werken: waarom en hoe",
        "De kernen van Altena, wat inwoners zelf oppakken en wat dat van ons vraagt.",
    ),
    (
        "De rol van de gemeente",
        "Loslaten, faciliteren, stimuleren, regisseren of reguleren: kiezen per opgave.",
    ),
    (
        "Samen met partners",
        "Gelegenheidscoalities bouwen met dorpsraden, verenigingen en corporaties.",
    ),
    (
        "Terugblik en vooruitblik",
        "De casussen gepresenteerd: wat werkte, wat niet, en wat neem je mee?",
    ),
]
LOCATION = "Gemeentehuis Almkerk, raadzaal"
FIRST_COHORT_DATES = (date(2019, 10, 3), date(2019, 10, 31), date(2019, 11, 28), date(2019, 12, 12))
FIRST_TRAINER = "Anke Verbeek (Bureau Samenspraak)"
SESSION_COMMENTS = (
    "Veel praktijkvoorbeelden uit de kernen, dat maakte het concreet.",
    "Goede gesprekken met collega's van andere afdelingen.",
    "Het model van de overheidsrollen helpt me om keuzes uit te leggen.",
    "Iets te veel theorie in de ochtend.",
    "Fijn dat de dorpsraad er bij was.",
    "",
    "",
)
FINAL_COMMENTS = (
    "Ik kijk anders naar mijn werk: eerst vragen wat er al gebeurt.",
    "Aanrader voor iedereen die met inwoners werkt.",
    "De casus heeft ons team echt verder geholpen.",
    "Meer tijd voor de eigen casus zou mooi zijn.",
)


def _moment(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=AMSTERDAM)


def learning_demo_load(*, anchor: datetime) -> None:
    if Programme.objects.filter(name=PROGRAMME_NAME).exists():
        return
    rng = random.Random(SEED)
    programme = programme_create(name=PROGRAMME_NAME, description=PROGRAMME_DESCRIPTION, days=DAYS)
    employees = list(
        Employee.objects.filter(active=True, is_development_team=False)
        .select_related("department", "user")
        .order_by("name", "id")
    )
    managers = {e.department_id: e for e in employees if e.is_manager}
    recorder = Employee.objects.filter(user__username="team").first()
    # The demo's own employee log-in took part in 2019, so her record shows a whole year.
    demo_employee = next(
        (e for e in employees if e.user_id and e.user.username == "medewerker"), None
    )
    others = [e for e in employees if e is not demo_employee]
    first_group = rng.sample(others, 24 if demo_employee else 25)
    if demo_employee:
        first_group.append(demo_employee)
    _first_cohort(programme, sorted(first_group, key=lambda e: e.name), managers, recorder, rng)

    remaining = [e for e in others if e not in first_group]
    second_group = rng.sample(remaining, 29)  # 25 seats and 4 on the waiting list
    trainer = Employee.objects.filter(name="Joost Brouwer").first()
    _second_cohort(programme, second_group, managers, trainer, anchor, rng)


def _enrolled_by(employee: Employee, managers: dict, rng: random.Random) -> dict:
    manager = managers.get(employee.department_id)
    if manager is not None and manager.pk != employee.pk and rng.random() < 0.3:
        return {"enrolled_by": Enrolment.EnrolledBy.MANAGER, "enrolled_by_employee": manager}
    return {"enrolled_by": Enrolment.EnrolledBy.SELF, "enrolled_by_employee": employee}


def _first_cohort(programme, group, managers, recorder, rng: random.Random) -> Cohort:
    cohort = cohort_create(
        programme=programme,
        name="Groep 1 (najaar 2019)",
        sessions=[(day, time(9, 0), time(16, 30), LOCATION) for day in FIRST_COHORT_DATES],
        trainer_name=FIRST_TRAINER,
    )
    Cohort.objects.filter(pk=cohort.pk).update(created_at=_moment(date(2019, 8, 20), 10))
    sessions = list(cohort.sessions.all())
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(
            employee=employee,
            cohort=cohort,
            status=Enrolment.Status.ENROLLED,
            enrolled_at=_moment(date(2019, 9, 2) + timedelta(days=index // 3), 9 + index % 8),
            **_enrolled_by(employee, managers, rng),
        )
        for index, employee in enumerate(group)
    )
    attendance, evaluations, finals = [], [], []
    for enrolment in enrolments:
        statuses = []
        for session in sessions:
            roll = rng.random()
            status = "absent" if roll < 0.03 else "excused" if roll < 0.09 else "present"
            statuses.append(status)
            attendance.append(
                Attendance(
                    enrolment=enrolment,
                    session=session,
                    status=status,
                    recorded_by=recorder,
                    recorded_at=_moment(session.date, 17),
                )
            )
            if status == "present" and rng.random() < 0.85:
                evaluations.append(
                    SessionEvaluation(
                        enrolment=enrolment,
                        session=session,
                        score=rng.choice((3, 4, 4, 4, 5, 5)),
                        text=rng.choice(SESSION_COMMENTS),
                        created_at=_moment(session.date, 17, rng.randrange(5, 55)),
                    )
                )
        if meets_completion_rule(statuses):
            enrolment.status = Enrolment.Status.COMPLETED
            enrolment.completed_at = _moment(sessions[-1].date, 17)
            if rng.random() < 0.8:
                finals.append(
                    FinalEvaluation(
                        enrolment=enrolment,
                        score=rng.choice((4, 4, 5, 5, 5, 3)),
                        text=rng.choice(FINAL_COMMENTS),
                        created_at=_moment(sessions[-1].date + timedelta(days=1), 10),
                    )
                )
    Enrolment.objects.bulk_update(enrolments, ["status", "completed_at"])
    Attendance.objects.bulk_create(attendance)
    SessionEvaluation.objects.bulk_create(evaluations)
    FinalEvaluation.objects.bulk_create(finals)
    return cohort


def _second_cohort(programme, group, managers, trainer, anchor: datetime, rng) -> Cohort:
    first_day = anchor.date() + timedelta(days=42)
    cohort = cohort_create(
        programme=programme,
        name="Groep 2",
        sessions=[
            (first_day + timedelta(days=offset), time(9, 0), time(16, 30), LOCATION)
            for offset in (0, 28, 56, 70)
        ],
        trainer=trainer,
        trainer_name="" if trainer else FIRST_TRAINER,
    )
    Cohort.objects.filter(pk=cohort.pk).update(created_at=anchor - timedelta(days=40))
    Enrolment.objects.bulk_create(
        Enrolment(
            employee=employee,
            cohort=cohort,
            # First come, first served: the last four found the cohort full.
            status=Enrolment.Status.ENROLLED
            if index < cohort.capacity
            else Enrolment.Status.WAITING,
            enrolled_at=anchor - timedelta(days=35) + timedelta(hours=index * 25),
            **_enrolled_by(employee, managers, rng),
        )
        for index, employee in enumerate(group)
    )
    return cohort
