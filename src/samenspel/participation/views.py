"""Thin views: forms validate, services write, selectors read, permissions decide."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from samenspel.accounts.decorators import role_required
from samenspel.accounts.roles import STAFF_ROLES

from . import permissions, selectors, services
from .forms import AdviceEditForm, FollowUpForm, IndexFilterForm, RequestForm, TransitionForm
from .models import AdviceEvent, ParticipationAdvice
from .pdf import render_advice_pdf
from .workflow import EDITABLE_STATUSES, STEP_LABELS, Status, allowed_transitions


def _add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _detail_url(advice: ParticipationAdvice) -> str:
    return reverse("participation:detail", args=[advice.pk])


def _advice_view(permission):
    """A page on one advice: 404 when it does not exist, 403 without the right."""

    def decorator(view):
        @role_required(STAFF_ROLES)
        @wraps(view)
        def wrapper(request, pk: int):
            advice = selectors.advice_for_staff(pk=pk)
            if advice is None:
                raise Http404
            if not permission(request.user, advice):
                raise PermissionDenied
            return view(request, advice)

        return wrapper

    return decorator


@require_safe
@role_required(STAFF_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    form = IndexFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    groups = selectors.advice_index(user=request.user, **form.filters())
    return render(
        request,
        "participation/index.html",
        {
            "form": form,
            "groups": groups,
            "total": sum(len(g.items) for g in groups),
            "can_request": permissions.can_request(request.user),
        },
    )


@role_required(permissions.REQUEST_ROLES)
def request_advice(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                advice = services.advice_request(
                    actor=request.user,
                    challenge=data["challenge"],
                    question=data["question"],
                    decision_date=data["decision_date"],
                    deciding_body=data["deciding_body"],
                    submission_token=data["token"] or None,
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            except IntegrityError:
                # The same form arrived twice at once; the first one stored the request.
                advice = ParticipationAdvice.objects.filter(challenge=data["challenge"]).first()
                if advice is None:
                    raise
                return redirect(_detail_url(advice))
            else:
                messages.success(
                    request,
                    _("Uw aanvraag is verstuurd. Het ontwikkelteam gaat ermee aan de slag."),
                )
                return redirect(_detail_url(advice))
    else:
        initial = {}
        challenge_id = request.GET.get("opgave", "")
        if challenge_id.isdigit() and len(challenge_id) < 19:
            initial["challenge"] = challenge_id
        form = RequestForm(initial=initial)
    return render(request, "participation/request.html", {"form": form})


def _steps(user, advice: ParticipationAdvice) -> list[dict]:
    """The workflow steps this user may take now, each as its own small form."""
    steps = []
    for to, actor in allowed_transitions(advice.status).items():
        if to == Status.FOLLOWED_UP or not permissions.can_act(user, advice, actor):
            continue
        steps.append(
            {"to": to, "label": STEP_LABELS[(advice.status, to)], "form": TransitionForm()}
        )
    return steps


def _render_detail(request: HttpRequest, advice: ParticipationAdvice, **extra) -> HttpResponse:
    user = request.user
    may_follow_up = Status.FOLLOWED_UP in allowed_transitions(
        advice.status
    ) and permissions.can_follow_up(user, advice)
    context = {
        "advice": advice,
        "duties": selectors.sorted_duties(advice),
        "events": selectors.advice_events(advice=advice),
        "steps": _steps(user, advice),
        "can_edit": permissions.can_edit(user, advice) and advice.status in EDITABLE_STATUSES,
        "missing": (
            services.missing_for_given(advice)
            if advice.status == Status.IN_PROGRESS and permissions.can_write(user)
            else []
        ),
        "follow_up_form": FollowUpForm() if may_follow_up else None,
        "step_error": "",
    }
    context.update(extra)
    return render(request, "participation/detail.html", context)


@require_safe
@_advice_view(permissions.can_view)
def detail(request: HttpRequest, advice: ParticipationAdvice) -> HttpResponse:
    return _render_detail(request, advice)


@_advice_view(permissions.can_view)
def edit(request: HttpRequest, advice: ParticipationAdvice) -> HttpResponse:
    if not permissions.can_edit(request.user, advice):
        raise PermissionDenied
    if advice.status not in EDITABLE_STATUSES:
        messages.info(
            request,
            _("Het advies is “%(status)s”: neem het eerst in behandeling om het te bewerken.")
            % {"status": advice.get_status_display()},
        )
        return redirect(_detail_url(advice))
    if request.method == "POST":
        form = AdviceEditForm(request.POST)
        if form.is_valid():
            try:
                services.advice_update(
                    advice=advice, actor=request.user, **form.service_arguments()
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("Het advies is opgeslagen."))
                return redirect(_detail_url(advice))
    else:
        form = AdviceEditForm(
            initial=AdviceEditForm.initial_from(advice, selectors.sorted_duties(advice))
        )
    return render(request, "participation/edit.html", {"advice": advice, "form": form})


def _replayed(advice: ParticipationAdvice, token: str) -> bool:
    return (
        bool(token) and AdviceEvent.objects.filter(advice=advice, submission_token=token).exists()
    )


@require_POST
@_advice_view(permissions.can_view)
def transition(request: HttpRequest, advice: ParticipationAdvice) -> HttpResponse:
    form = TransitionForm(request.POST)
    if not form.is_valid() or form.cleaned_data["to"] == Status.FOLLOWED_UP:
        return _render_detail(
            request, advice, step_error=_("Deze stap bestaat niet. Er is niets gewijzigd.")
        )
    to = form.cleaned_data["to"]
    step_actor = allowed_transitions(advice.status).get(to)
    if step_actor is not None and not permissions.can_act(request.user, advice, step_actor):
        raise PermissionDenied
    if _replayed(advice, form.cleaned_data["token"]):
        return redirect(_detail_url(advice))
    try:
        event = services.advice_transition(
            advice=advice,
            to=to,
            actor=request.user,
            submission_token=form.cleaned_data["token"] or None,
        )
    except ValidationError as error:
        return _render_detail(request, advice, step_error=" ".join(error.messages))
    except IntegrityError:
        return redirect(_detail_url(advice))
    messages.success(
        request, _("De status is nu “%(status)s”.") % {"status": event.get_to_status_display()}
    )
    return redirect(_detail_url(advice))


@require_POST
@_advice_view(permissions.can_view)
def follow_up(request: HttpRequest, advice: ParticipationAdvice) -> HttpResponse:
    if not permissions.can_follow_up(request.user, advice):
        raise PermissionDenied
    form = FollowUpForm(request.POST)
    if _replayed(advice, request.POST.get("followup-token", "")):
        return redirect(_detail_url(advice))
    if form.is_valid():
        try:
            services.advice_transition(
                advice=advice,
                to=Status.FOLLOWED_UP,
                actor=request.user,
                followed=form.cleaned_data["followed"],
                result=form.cleaned_data["result"],
                submission_token=form.cleaned_data["token"] or None,
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        except IntegrityError:
            return redirect(_detail_url(advice))
        else:
            messages.success(request, _("De opvolging van het advies is vastgelegd."))
            return redirect(_detail_url(advice))
    if Status.FOLLOWED_UP not in allowed_transitions(advice.status):
        return _render_detail(
            request,
            advice,
            step_error=_("Opvolging kan pas vastgelegd worden als het advies is gegeven."),
        )
    return _render_detail(request, advice, follow_up_form=form)


@require_safe
@_advice_view(permissions.can_view)
def print_view(request: HttpRequest, advice: ParticipationAdvice) -> HttpResponse:
    return render(
        request,
        "participation/print.html",
        {"advice": advice, "duties": selectors.sorted_duties(advice)},
    )


@require_safe
@_advice_view(permissions.can_view)
def pdf(request: HttpRequest, advice: ParticipationAdvice) -> HttpResponse:
    content = render_advice_pdf(advice=advice, duties=selectors.sorted_duties(advice))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="participatieadvies-{advice.reference}.pdf"'
    )
    return response
