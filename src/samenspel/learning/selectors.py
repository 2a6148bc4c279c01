"""Reads of the learning programme, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from samenspel.organisation.models import Employee

from . import permissions
from .models import (
    SEAT_STATUSES,
    Attendance,
    Cohort,
    CohortSession,
    Enrolment,
    Programme,
    SessionEvaluation,
)


def _cohorts_with_counts() -> QuerySet[Cohort]:
    return Cohort.objects.select_related("trainer").annotate(
        seats_taken=Count("enrolments", filter=Q(enrolments__status__in=SEAT_STATUSES)),
        waiting_count=Count("enrolments", filter=Q(enrolments__status=Enrolment.Status.WAITING)),
    )


def programmes_overview() -> QuerySet[Programme]:
    """Programmes with their days and cohorts (with seat counts): three queries."""
    return Programme.objects.prefetch_related(
        "days", Prefetch("cohorts", queryset=_cohorts_with_counts().order_by("start_date"))
    )


def cohort_get(*, pk: int) -> Cohort | None:
    return (
        _cohorts_with_counts()
        .select_related("programme")
        .prefetch_related("sessions")
        .filter(pk=pk)
        .first()
    )


def session_get(*, pk: int) -> CohortSession | None:
    return (
        CohortSession.objects.select_related("cohort__programme", "cohort__trainer")
        .filter(pk=pk)
        .first()
    )


def enrolment_get(*, pk: int) -> Enrolment | None:
    return (
        Enrolment.objects.select_related(
            "employee__department", "cohort__programme", "cohort__trainer"
        )
        .filter(pk=pk)
        .first()
    )


def enrolment_of(*, employee: Employee | None, cohort: Cohort) -> Enrolment | None:
    if employee is None:
        return None
    return Enrolment.objects.filter(employee=employee, cohort=cohort).first()


def waiting_position(*, enrolment: Enrolment) -> int | None:
    """1 for the first person on the waiting list."""
    if enrolment.status != Enrolment.Status.WAITING:
        return None
    ahead = Enrolment.objects.filter(
        cohort_id=enrolment.cohort_id, status=Enrolment.Status.WAITING
    ).filter(
        Q(enrolled_at__lt=enrolment.enrolled_at)
        | Q(enrolled_at=enrolment.enrolled_at, id__lt=enrolment.id)
    )
    return ahead.count() + 1


def cohort_participants(*, cohort: Cohort) -> QuerySet[Enrolment]:
    """Everyone on the cohort's list (not the cancelled), seats first, then the queue."""
    return (
        cohort.enrolments.exclude(status=Enrolment.Status.CANCELLED)
        .select_related("employee__department")
        .order_by("status", "enrolled_at", "id")
    )


def session_roll(*, session: CohortSession) -> list[Enrolment]:
    """The participants of a session, each with `.attendance_status` ('' when not recorded)."""
    enrolments = list(
        session.cohort.enrolments.filter(status__in=SEAT_STATUSES)
        .select_related("employee")
        .order_by("employee__name", "id")
    )
    recorded = dict(session.attendance.values_list("enrolment_id", "status"))
    for enrolment in enrolments:
        enrolment.attendance_status = recorded.get(enrolment.pk, "")
    return enrolments


def records_for(*, user) -> QuerySet[Enrolment] | None:
    """The records a user may see besides their own: all, their department's, or none."""
    enrolments = Enrolment.objects.select_related(
        "employee__department", "cohort__programme"
    ).order_by("-cohort__start_date", "employee__name", "id")
    if permissions.sees_all(user):
        return enrolments
    department_id = permissions.managed_department_id(user)
    if department_id is not None:
        return enrolments.filter(employee__department_id=department_id)
    return None


def own_enrolments(*, employee: Employee | None) -> QuerySet[Enrolment]:
    if employee is None:
        return Enrolment.objects.none()
    return (
        Enrolment.objects.filter(employee=employee)
        .select_related("cohort__programme")
        .order_by("-cohort__start_date")
    )


@dataclass
class SessionLine:
    session: CohortSession
    attendance: str
    attendance_label: str
    evaluation: SessionEvaluation | None


def enrolment_record(*, enrolment: Enrolment) -> list[SessionLine]:
    """Per session of the cohort: attendance and the participant's evaluation. Three queries."""
    sessions = list(enrolment.cohort.sessions.all())
    attendance = {a.session_id: a for a in Attendance.objects.filter(enrolment=enrolment)}
    evaluations = {e.session_id: e for e in SessionEvaluation.objects.filter(enrolment=enrolment)}
    lines = []
    for session in sessions:
        record = attendance.get(session.pk)
        lines.append(
            SessionLine(
                session=session,
                attendance=record.status if record else "",
                attendance_label=record.get_status_display() if record else "",
                evaluation=evaluations.get(session.pk),
            )
        )
    return lines
