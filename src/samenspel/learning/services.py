"""Writes of the learning programme: enrolment, waiting list, attendance, evaluations.

Every function that changes seats locks the cohort row first, so two people enrolling at
the same moment cannot both take the last seat (PostgreSQL: SELECT ... FOR UPDATE; SQLite
serialises writers). E-mail goes through the outbox in the same transaction.
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.notifications.services import outbox_enqueue
from samenspel.organisation.models import Employee

from .completion import meets_completion_rule
from .models import (
    SEAT_STATUSES,
    Attendance,
    Cohort,
    CohortSession,
    Enrolment,
    FinalEvaluation,
    Programme,
    SessionEvaluation,
    SessionTemplate,
)

ACTIVE_STATUSES = (Enrolment.Status.ENROLLED, Enrolment.Status.WAITING)


def _today(now: datetime) -> date:
    return timezone.localtime(now).date()


def _lock_cohort(cohort: Cohort) -> Cohort:
    return Cohort.objects.select_for_update().get(pk=cohort.pk)


def _seats_taken(cohort: Cohort) -> int:
    return cohort.enrolments.filter(status__in=SEAT_STATUSES).count()


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%d%H%M%S%f")


def enrolment_is_open(cohort: Cohort, *, now: datetime | None = None) -> bool:
    """Enrolment closes when the cohort starts: the programme builds from the first day."""
    return _today(now or timezone.now()) < cohort.start_date


@transaction.atomic
def programme_create(*, name: str, description: str = "", days: list[tuple[str, str]]) -> Programme:
    """A programme with its days, given as (topic, description) in order."""
    programme = Programme.objects.create(name=name, description=description)
    SessionTemplate.objects.bulk_create(
        SessionTemplate(programme=programme, day_number=number, topic=topic, description=text)
        for number, (topic, text) in enumerate(days, start=1)
    )
    return programme


@transaction.atomic
def cohort_create(
    *,
    programme: Programme,
    name: str,
    sessions: list[tuple[date, time, time, str]],
    capacity: int = 25,
    trainer: Employee | None = None,
    trainer_name: str = "",
) -> Cohort:
    """A cohort with one session per programme day: (date, start, end, location) each."""
    days = list(programme.days.order_by("day_number"))
    if len(sessions) != len(days):
        raise ValidationError(_("Geef voor elke dag van de leergang precies één datum."))
    if trainer is None and not trainer_name.strip():
        raise ValidationError(_("Geef een trainer op: een medewerker of een naam van buiten."))
    dates = [when for when, _start, _end, _location in sessions]
    cohort = Cohort.objects.create(
        programme=programme,
        name=name,
        start_date=min(dates),
        end_date=max(dates),
        capacity=capacity,
        trainer=trainer,
        trainer_name=trainer_name.strip(),
    )
    CohortSession.objects.bulk_create(
        CohortSession(
            cohort=cohort,
            template=day,
            date=when,
            start_time=start,
            end_time=end,
            location=location,
            topic=day.topic,
        )
        for day, (when, start, end, location) in zip(days, sessions, strict=True)
    )
    return cohort


def _mail_enrolment(enrolment: Enrolment, kind: str) -> None:
    templates = {
        "enrolled": (_("Inschrijving leergang bevestigd"), "learning/email/enrolled.txt"),
        "waiting": (_("U staat op de wachtlijst van de leergang"), "learning/email/waiting.txt"),
        "promoted": (
            _("Er is een plaats vrij: u bent ingeschreven"),
            "learning/email/promoted.txt",
        ),
    }
    subject, template = templates[kind]
    outbox_enqueue(
        to=enrolment.employee.email,
        subject=subject,
        template=template,
        context={
            "enrolment": enrolment,
            "cohort": enrolment.cohort,
            "sessions": list(enrolment.cohort.sessions.all()),
        },
        dedupe_key=f"learning:{kind}:{enrolment.pk}:{_stamp(enrolment.enrolled_at)}",
    )


@transaction.atomic
def enrolment_create(
    *, cohort: Cohort, employee: Employee, actor: Employee, now: datetime | None = None
) -> Enrolment:
    """Enrol an employee; a full cohort puts them on the waiting list.

    `actor` is the employee themselves or their manager (the view checks which).
    Enrolling again after a cancellation re-uses the record, at the back of the queue.
    """
    now = now or timezone.now()
    cohort = _lock_cohort(cohort)
    if not enrolment_is_open(cohort, now=now):
        raise ValidationError(
            _("De inschrijving voor deze groep is gesloten: de groep is al begonnen.")
        )
    if not employee.active:
        raise ValidationError(_("Deze medewerker is niet meer in dienst."))
    enrolment = Enrolment.objects.filter(cohort=cohort, employee=employee).first()
    if enrolment is not None and enrolment.status != Enrolment.Status.CANCELLED:
        raise ValidationError(
            _("%(name)s staat al bij deze groep: %(status)s.")
            % {"name": employee.name, "status": enrolment.get_status_display()}
        )
    status = (
        Enrolment.Status.ENROLLED
        if _seats_taken(cohort) < cohort.capacity
        else Enrolment.Status.WAITING
    )
    fields = {
        "status": status,
        "enrolled_by": (
            Enrolment.EnrolledBy.SELF if actor.pk == employee.pk else Enrolment.EnrolledBy.MANAGER
        ),
        "enrolled_by_employee": actor,
        "enrolled_at": now,
        "cancelled_at": None,
        "completed_at": None,
        "completed_by_trainer": False,
    }
    if enrolment is None:
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(cohort=cohort, employee=employee, **fields)
        except IntegrityError:
            raise ValidationError(
                _("%(name)s staat al bij deze groep.") % {"name": employee.name}
            ) from None
    else:
        for name, value in fields.items():
            setattr(enrolment, name, value)
        enrolment.save()
    enrolment.cohort = cohort
    _mail_enrolment(enrolment, "enrolled" if status == Enrolment.Status.ENROLLED else "waiting")
    return enrolment


def _promote_waiting(cohort: Cohort) -> list[Enrolment]:
    """Fill free seats from the waiting list, first come first served."""
    promoted = []
    free = cohort.capacity - _seats_taken(cohort)
    if free <= 0:
        return promoted
    queue = (
        cohort.enrolments.filter(status=Enrolment.Status.WAITING)
        .select_related("employee")
        .order_by("enrolled_at", "id")[:free]
    )
    for enrolment in queue:
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.save(update_fields=["status"])
        enrolment.cohort = cohort
        _mail_enrolment(enrolment, "promoted")
        promoted.append(enrolment)
    return promoted


@transaction.atomic
def enrolment_cancel(*, enrolment: Enrolment, now: datetime | None = None) -> list[Enrolment]:
    """Cancel an enrolment or a place on the waiting list; returns who moved up."""
    now = now or timezone.now()
    cohort = _lock_cohort(enrolment.cohort)
    enrolment = Enrolment.objects.select_related("employee").get(pk=enrolment.pk)
    if enrolment.status not in ACTIVE_STATUSES:
        raise ValidationError(
            _("Deze inschrijving kan niet meer worden afgemeld: %(status)s.")
            % {"status": enrolment.get_status_display()}
        )
    if cohort.end_date < _today(now):
        raise ValidationError(_("Deze groep is al afgelopen."))
    enrolment.status = Enrolment.Status.CANCELLED
    enrolment.cancelled_at = now
    enrolment.save(update_fields=["status", "cancelled_at"])
    return _promote_waiting(cohort)


def _refresh_completion(enrolment: Enrolment, session_ids: list[int], now: datetime) -> None:
    if enrolment.completed_by_trainer:
        return
    recorded = dict(enrolment.attendance.values_list("session_id", "status"))
    met = meets_completion_rule(recorded.get(pk) for pk in session_ids)
    if met and enrolment.status == Enrolment.Status.ENROLLED:
        enrolment.status = Enrolment.Status.COMPLETED
        enrolment.completed_at = now
        enrolment.save(update_fields=["status", "completed_at"])
    elif not met and enrolment.status == Enrolment.Status.COMPLETED:
        # A corrected attendance list can undo an automatic completion.
        enrolment.status = Enrolment.Status.ENROLLED
        enrolment.completed_at = None
        enrolment.save(update_fields=["status", "completed_at"])


@transaction.atomic
def attendance_record(
    *,
    session: CohortSession,
    statuses: dict[int, str],
    actor: Employee | None,
    now: datetime | None = None,
) -> int:
    """Record attendance for one session: {enrolment id: status}. Returns how many changed."""
    now = now or timezone.now()
    cohort = _lock_cohort(session.cohort)
    if session.date > _today(now):
        raise ValidationError(_("Aanwezigheid kan pas worden vastgelegd op de dag zelf."))
    valid = set(Attendance.Status.values)
    enrolments = {
        e.pk: e for e in cohort.enrolments.filter(pk__in=statuses, status__in=SEAT_STATUSES)
    }
    unknown = [pk for pk in statuses if pk not in enrolments]
    if unknown or any(status not in valid for status in statuses.values()):
        raise ValidationError(_("De lijst hoort niet bij deze groep; er is niets opgeslagen."))
    existing = {a.enrolment_id: a for a in session.attendance.filter(enrolment__in=enrolments)}
    changed = 0
    for pk, status in statuses.items():
        current = existing.get(pk)
        if current is None:
            Attendance.objects.create(
                enrolment_id=pk, session=session, status=status, recorded_by=actor, recorded_at=now
            )
        elif current.status != status:
            current.status, current.recorded_by, current.recorded_at = status, actor, now
            current.save(update_fields=["status", "recorded_by", "recorded_at"])
        else:
            continue
        changed += 1
    session_ids = list(cohort.sessions.values_list("pk", flat=True))
    for enrolment in enrolments.values():
        _refresh_completion(enrolment, session_ids, now)
    return changed


@transaction.atomic
def enrolment_complete(*, enrolment: Enrolment, now: datetime | None = None) -> Enrolment:
    """The trainer declares the programme completed, whatever the attendance says."""
    now = now or timezone.now()
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.status != Enrolment.Status.ENROLLED:
        raise ValidationError(
            _("Alleen een ingeschreven deelnemer kan de leergang afronden (nu: %(status)s).")
            % {"status": enrolment.get_status_display()}
        )
    enrolment.status = Enrolment.Status.COMPLETED
    enrolment.completed_at = now
    enrolment.completed_by_trainer = True
    enrolment.save(update_fields=["status", "completed_at", "completed_by_trainer"])
    return enrolment


def _check_participant(enrolment: Enrolment) -> None:
    if enrolment.status not in SEAT_STATUSES:
        raise ValidationError(_("Alleen deelnemers van de groep vullen een evaluatie in."))


@transaction.atomic
def session_evaluate(
    *,
    enrolment: Enrolment,
    session: CohortSession,
    score: int,
    text: str = "",
    now: datetime | None = None,
) -> SessionEvaluation:
    now = now or timezone.now()
    _check_participant(enrolment)
    if session.cohort_id != enrolment.cohort_id:
        raise ValidationError(_("Deze bijeenkomst hoort niet bij uw groep."))
    if not (1 <= score <= 5):
        raise ValidationError({"score": _("Kies een cijfer van 1 tot en met 5.")})
    attended = session.attendance.filter(
        enrolment=enrolment, status=Attendance.Status.PRESENT
    ).exists()
    if not attended:
        raise ValidationError(_("U evalueert een bijeenkomst nadat uw aanwezigheid is vastgelegd."))
    try:
        with transaction.atomic():
            return SessionEvaluation.objects.create(
                enrolment=enrolment, session=session, score=score, text=text.strip(), created_at=now
            )
    except IntegrityError:
        raise ValidationError(_("U heeft deze bijeenkomst al geëvalueerd.")) from None


@transaction.atomic
def final_evaluate(
    *, enrolment: Enrolment, score: int, text: str = "", now: datetime | None = None
) -> FinalEvaluation:
    now = now or timezone.now()
    _check_participant(enrolment)
    if not (1 <= score <= 5):
        raise ValidationError({"score": _("Kies een cijfer van 1 tot en met 5.")})
    last = enrolment.cohort.sessions.order_by("-date").values_list("date", flat=True).first()
    if last is None or last > _today(now):
        raise ValidationError(_("De eindevaluatie kan na de laatste bijeenkomst."))
    try:
        with transaction.atomic():
            return FinalEvaluation.objects.create(
                enrolment=enrolment, score=score, text=text.strip(), created_at=now
            )
    except IntegrityError:
        raise ValidationError(_("U heeft de eindevaluatie al ingevuld.")) from None


@transaction.atomic
def learning_queue_reminders(*, now: datetime) -> int:
    """Queue a reminder for every enrolled participant of every session tomorrow.

    Idempotent: each (session, participant) has its own dedupe key, so the worker may run
    this as often as it likes. Returns the number of reminders queued this time.
    """
    tomorrow = _today(now) + timedelta(days=1)
    sessions = CohortSession.objects.filter(date=tomorrow).select_related("cohort__programme")
    queued = 0
    for session in sessions:
        enrolments = session.cohort.enrolments.filter(
            status=Enrolment.Status.ENROLLED
        ).select_related("employee")
        for enrolment in enrolments:
            message = outbox_enqueue(
                to=enrolment.employee.email,
                subject=_("Morgen: %(topic)s") % {"topic": session.topic},
                template="learning/email/reminder.txt",
                context={"enrolment": enrolment, "session": session, "cohort": session.cohort},
                dedupe_key=f"learning:reminder:{session.pk}:{enrolment.pk}",
            )
            queued += message is not None
    return queued
