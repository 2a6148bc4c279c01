"""Thin views of the learning programme: forms validate, services write, selectors read."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from samenspel.accounts.decorators import role_required
from samenspel.accounts.roles import STAFF_ROLES

from . import permissions, selectors, services
from .calendar import cohort_calendar
from .forms import AttendanceForm, EnrolForm, EvaluationForm
from .models import Cohort, CohortSession, Enrolment, FinalEvaluation


def _cohort(pk: int) -> Cohort:
    cohort = selectors.cohort_get(pk=pk)
    if cohort is None:
        raise Http404
    return cohort


def _enrolment(request: HttpRequest, pk: int) -> Enrolment:
    enrolment = selectors.enrolment_get(pk=pk)
    if enrolment is None:
        raise Http404
    if not permissions.can_view_enrolment(request.user, enrolment):
        raise PermissionDenied
    return enrolment


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


@require_safe
@role_required(STAFF_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    employee = permissions.employee_of(request.user)
    return render(
        request,
        "learning/index.html",
        {
            "programmes": selectors.programmes_overview(),
            "own_enrolments": selectors.own_enrolments(employee=employee),
            "can_see_records": permissions.can_see_records(request.user),
        },
    )


@require_safe
@role_required(STAFF_ROLES)
def cohort_detail(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = _cohort(pk)
    employee = permissions.employee_of(request.user)
    participants = None
    if permissions.can_see_participants(request.user, cohort):
        participants = selectors.cohort_participants(cohort=cohort)
    elif (department_id := permissions.managed_department_id(request.user)) is not None:
        participants = selectors.cohort_participants(cohort=cohort).filter(
            employee__department_id=department_id
        )
    own = selectors.enrolment_of(employee=employee, cohort=cohort)
    return render(
        request,
        "learning/cohort_detail.html",
        {
            "cohort": cohort,
            "sessions": cohort.sessions.all(),
            "own": own,
            "own_position": selectors.waiting_position(enrolment=own) if own else None,
            "participants": participants,
            "can_take_attendance": permissions.can_take_attendance(request.user, cohort),
            "enrolment_open": services.enrolment_is_open(cohort),
            "can_enrol_self": employee is not None
            and employee.active
            and (own is None or own.status == Enrolment.Status.CANCELLED),
            "is_manager": permissions.managed_department_id(request.user) is not None,
            "today": timezone.localdate(),
        },
    )


@role_required(STAFF_ROLES)
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = _cohort(pk)
    actor = permissions.employee_of(request.user)
    if actor is None:
        raise PermissionDenied
    department_id = permissions.managed_department_id(request.user)
    form = EnrolForm(
        request.POST if request.method == "POST" else None, department_id=department_id
    )
    if request.method == "POST" and form.is_valid():
        employee = form.cleaned_data.get("employee") or actor
        if not permissions.can_enrol(request.user, employee):
            raise PermissionDenied
        try:
            enrolment = services.enrolment_create(cohort=cohort, employee=employee, actor=actor)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if enrolment.status == Enrolment.Status.WAITING:
                text = _("De groep is vol: %(name)s staat op de wachtlijst.")
            else:
                text = _("%(name)s is ingeschreven.")
            messages.success(request, text % {"name": employee.name})
            return redirect("learning:cohort", pk=cohort.pk)
    return render(
        request,
        "learning/enrol.html",
        {"cohort": cohort, "form": form, "open": services.enrolment_is_open(cohort)},
        status=400 if form.errors else 200,
    )


@require_safe
@role_required(STAFF_ROLES)
def cohort_ics(request: HttpRequest, pk: int) -> HttpResponse:
    cohort = _cohort(pk)
    response = HttpResponse(
        cohort_calendar(cohort=cohort, host=request.get_host()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="leergang-groep-{cohort.pk}.ics"'
    return response


@role_required(STAFF_ROLES)
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    session: CohortSession | None = selectors.session_get(pk=pk)
    if session is None:
        raise Http404
    if not permissions.can_take_attendance(request.user, session.cohort):
        raise PermissionDenied
    roll = selectors.session_roll(session=session)
    form = AttendanceForm(request.POST if request.method == "POST" else None, roll=roll)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                session=session,
                statuses=form.statuses(),
                actor=permissions.employee_of(request.user),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("De aanwezigheid is opgeslagen."))
            return redirect("learning:cohort", pk=session.cohort_id)
    return render(
        request,
        "learning/attendance.html",
        {
            "session": session,
            "cohort": session.cohort,
            "form": form,
            "too_early": session.date > timezone.localdate(),
        },
        status=400 if form.errors else 200,
    )


@require_safe
@role_required(STAFF_ROLES)
def enrolment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = _enrolment(request, pk)
    lines = selectors.enrolment_record(enrolment=enrolment)
    today = timezone.localdate()
    is_participant = permissions.can_evaluate(request.user, enrolment)
    final = FinalEvaluation.objects.filter(enrolment=enrolment).first()
    last_date = lines[-1].session.date if lines else None
    return render(
        request,
        "learning/enrolment_detail.html",
        {
            "enrolment": enrolment,
            "cohort": enrolment.cohort,
            "lines": lines,
            "position": selectors.waiting_position(enrolment=enrolment),
            "is_participant": is_participant and enrolment.holds_seat,
            "final": final,
            "can_final": is_participant
            and enrolment.holds_seat
            and final is None
            and last_date is not None
            and last_date <= today,
            "can_cancel": permissions.can_cancel(request.user, enrolment)
            and enrolment.status in services.ACTIVE_STATUSES
            and enrolment.cohort.end_date >= today,
            "can_complete": permissions.can_take_attendance(request.user, enrolment.cohort)
            and enrolment.status == Enrolment.Status.ENROLLED,
        },
    )


@require_POST
@role_required(STAFF_ROLES)
def enrolment_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = _enrolment(request, pk)
    if not permissions.can_cancel(request.user, enrolment):
        raise PermissionDenied
    try:
        services.enrolment_cancel(enrolment=enrolment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De inschrijving is afgemeld."))
    return redirect("learning:enrolment", pk=enrolment.pk)


@require_POST
@role_required(STAFF_ROLES)
def enrolment_complete(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = _enrolment(request, pk)
    if not permissions.can_take_attendance(request.user, enrolment.cohort):
        raise PermissionDenied
    try:
        services.enrolment_complete(enrolment=enrolment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("De leergang is als afgerond vastgelegd."))
    return redirect("learning:enrolment", pk=enrolment.pk)


def _evaluation_page(request, enrolment, *, session=None) -> HttpResponse:
    if not permissions.can_evaluate(request.user, enrolment):
        raise PermissionDenied
    form = EvaluationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if session is None:
                services.final_evaluate(enrolment=enrolment, score=data["score"], text=data["text"])
            else:
                services.session_evaluate(
                    enrolment=enrolment, session=session, score=data["score"], text=data["text"]
                )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Dank u wel: uw evaluatie is opgeslagen."))
            return redirect("learning:enrolment", pk=enrolment.pk)
    return render(
        request,
        "learning/evaluate.html",
        {"enrolment": enrolment, "session": session, "form": form},
        status=400 if form.errors else 200,
    )


@role_required(STAFF_ROLES)
def session_evaluation(request: HttpRequest, pk: int, session_pk: int) -> HttpResponse:
    enrolment = _enrolment(request, pk)
    session = enrolment.cohort.sessions.filter(pk=session_pk).first()
    if session is None:
        raise Http404
    return _evaluation_page(request, enrolment, session=session)


@role_required(STAFF_ROLES)
def final_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    return _evaluation_page(request, _enrolment(request, pk))


@require_safe
@role_required(STAFF_ROLES)
def records(request: HttpRequest) -> HttpResponse:
    enrolments = selectors.records_for(user=request.user)
    if enrolments is None:
        raise PermissionDenied
    return render(
        request,
        "learning/records.html",
        {"enrolments": enrolments, "sees_all": permissions.sees_all(request.user)},
    )
