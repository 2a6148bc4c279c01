"""Thin views of the coalition builder: forms validate, services write, selectors read."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from samenspel.accounts.decorators import role_required
from samenspel.accounts.roles import STAFF_ROLES
from samenspel.challenges.models import Challenge
from samenspel.organisation.models import Employee, Partner

from . import permissions, recommender, selectors, services
from .forms import AddMemberForm, AnswerForm, ApprovalForm, NeedsForm, PartnerForm
from .models import Coalition, Membership

NOINDEX = "noindex, nofollow"
SOLVER_TEXT = {
    recommender.SOLVER_OPTIMAL: gettext_lazy("CP-SAT, bewezen de beste"),
    recommender.SOLVER_FEASIBLE: gettext_lazy(
        "CP-SAT, goed maar niet bewezen de beste (tijdslimiet)"
    ),
    recommender.SOLVER_GREEDY: gettext_lazy("snelle heuristiek (tijdslimiet bereikt)"),
}


def _messages_from(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


def _detail_url(challenge: Challenge, anchor: str = "") -> str:
    url = reverse("coalitions:detail", args=[challenge.pk])
    return f"{url}#{anchor}" if anchor else url


def _challenge(pk: int) -> Challenge:
    challenge = (
        Challenge.objects.select_related("owner_department", "owner__department")
        .filter(pk=pk)
        .first()
    )
    if challenge is None:
        raise Http404
    return challenge


def _coalition_action(*, build: bool):
    """A POST endpoint on one challenge's coalition; GET goes back to the page."""

    def decorator(view):
        @role_required(STAFF_ROLES)
        @wraps(view)
        def wrapper(request: HttpRequest, pk: int):
            challenge = _challenge(pk)
            allowed = (
                permissions.can_build(request.user)
                if build
                else permissions.can_adjust(request.user, challenge)
            )
            if not allowed:
                raise PermissionDenied
            if request.method != "POST":
                return redirect(_detail_url(challenge))
            try:
                return view(request, challenge)
            except ValidationError as error:
                for text in _messages_from(error):
                    messages.error(request, text)
                return redirect(_detail_url(challenge, "team"))

        return wrapper

    return decorator


@require_safe
@role_required(STAFF_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    employee = permissions.employee_of(request.user)
    coalitions = selectors.coalition_list()
    if not permissions.can_build(request.user):
        scope = Q(pk__in=[])
        if employee is not None:
            scope = Q(challenge__owner=employee)
            if employee.is_manager and permissions.is_manager_of(request.user, employee):
                scope |= Q(challenge__owner_department_id=employee.department_id)
        coalitions = coalitions.filter(scope)
    return render(
        request,
        "coalitions/index.html",
        {
            "employee": employee,
            "invitations": selectors.open_invitations(employee=employee) if employee else [],
            "coalitions": coalitions[:100],
            "can_build": permissions.can_build(request.user),
        },
    )


def _candidates(challenge: Challenge, coalition: Coalition | None, needs, memberships):
    """The best colleagues to add next (or swap in), by marginal gain on the objective."""
    if needs is None or not needs.skill_list or challenge.owner_department_id is None:
        return []
    case = selectors.recommender_challenge(challenge=challenge, needs=needs)
    open_ids = {m.employee_id for m in memberships if m.employee_id and m.is_open}
    left_out = {m.employee_id for m in memberships if m.employee_id and not m.is_open}
    people = selectors.recommender_employees(coalition=coalition, exclude_ids=left_out)
    team = [p for p in people if p.id in open_ids]
    pool = [p for p in people if p.id not in open_ids]
    has_owner = any(m.is_open and m.role == Membership.Role.OWNER for m in memberships)
    ranked = selectors.rank_candidates(
        pool=pool, team=team, challenge=case, has_owner=True, limit=15
    )
    if not has_owner:
        owners = selectors.rank_candidates(
            pool=pool, team=team, challenge=case, has_owner=False, limit=5
        )
        seen = {c.employee.id for c in owners}
        ranked = owners + [c for c in ranked if c.employee.id not in seen]
    employees = Employee.objects.select_related("department").in_bulk(
        [c.employee.id for c in ranked]
    )
    return [(c, employees[c.employee.id]) for c in ranked if c.employee.id in employees]


@require_safe
@role_required(STAFF_ROLES)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _challenge(pk)
    if not permissions.can_view(request.user, challenge):
        raise PermissionDenied
    needs = selectors.needs_for_challenge(challenge=challenge)
    coalition = selectors.coalition_for_challenge(challenge=challenge)
    memberships = selectors.coalition_memberships(coalition=coalition) if coalition else []
    candidates = _candidates(challenge, coalition, needs, memberships)
    candidate_employees = [employee for _c, employee in candidates]
    wanted_kinds = needs.partner_kinds if needs else []
    partners = Partner.objects.annotate(
        wanted=Case(
            When(kind__in=wanted_kinds, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
    ).order_by("wanted", "name")
    partner_form = PartnerForm()
    partner_form.fields["partner"].queryset = partners
    partner_form.fields["partner"].label_from_instance = lambda p: (
        f"{p.name} ({p.get_kind_display()})" + (" ★" if p.kind in wanted_kinds else "")
    )
    open_members = [m for m in memberships if m.is_open]
    owner_is_team = bool(challenge.owner and challenge.owner.is_development_team)
    team_owner_members = [
        m
        for m in open_members
        if m.employee_id and m.role == Membership.Role.OWNER and m.employee.is_development_team
    ]
    return render(
        request,
        "coalitions/detail.html",
        {
            "challenge": challenge,
            "needs": needs,
            "needs_form": NeedsForm(needs=needs),
            "coalition": coalition,
            "memberships": memberships,
            "open_members": open_members,
            "has_proposed": any(m.status == Membership.Status.PROPOSED for m in memberships),
            "has_declined": any(
                m.status in (Membership.Status.DECLINED, Membership.Status.REMOVED)
                for m in memberships
                if m.employee_id
            ),
            "swappable": [m for m in open_members if m.employee_id],
            "candidates": candidates,
            "add_form": AddMemberForm(candidates=candidate_employees),
            "swap_candidates": candidate_employees,
            "partner_form": partner_form,
            "can_build": permissions.can_build(request.user),
            "can_adjust": permissions.can_adjust(request.user, challenge),
            "solver_text": SOLVER_TEXT.get(coalition.last_solver, "") if coalition else "",
            "owner_is_team": owner_is_team,
            "team_owner_members": team_owner_members,
            "threshold": services.approval_threshold(),
        },
    )


@_coalition_action(build=True)
def needs_view(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    form = NeedsForm(data=request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for error in errors:
                messages.error(request, f"{label}: {error}" if label else error)
        return redirect(_detail_url(challenge, "behoefte"))
    data = form.cleaned_data
    services.needs_save(
        challenge=challenge,
        actor=request.user,
        hours_per_member=data["hours_per_member"],
        min_size=data["min_size"],
        max_size=data["max_size"],
        max_per_department=data["max_per_department"],
        skills=data["skills"],
        partner_kinds=data["partner_kinds"],
    )
    messages.success(request, _("De behoefte van de opgave is opgeslagen."))
    return redirect(_detail_url(challenge, "behoefte"))


@_coalition_action(build=True)
def propose_view(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    result = services.coalition_propose(challenge=challenge, actor=request.user)
    messages.success(
        request,
        _("Voorstel met %(count)s collega's gemaakt (%(solver)s).")
        % {"count": len(result.members), "solver": SOLVER_TEXT[result.solver]},
    )
    return redirect(_detail_url(challenge, "team"))


def _employee_from_post(request: HttpRequest, field: str) -> Employee:
    try:
        pk = int(request.POST.get(field, ""))
    except ValueError:
        raise ValidationError(_("Kies een collega uit de lijst.")) from None
    employee = Employee.objects.filter(pk=pk).select_related("department").first()
    if employee is None:
        raise ValidationError(_("Kies een collega uit de lijst."))
    return employee


def _membership_of(challenge: Challenge, raw) -> Membership:
    try:
        pk = int(raw)
    except (TypeError, ValueError):
        raise ValidationError(_("Kies een lid van de coalitie.")) from None
    membership = (
        Membership.objects.filter(pk=pk, coalition__challenge=challenge)
        .select_related("employee", "coalition__challenge")
        .first()
    )
    if membership is None:
        raise ValidationError(_("Kies een lid van de coalitie."))
    return membership


@_coalition_action(build=False)
def add_view(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    form = AddMemberForm(data=request.POST)
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    membership = services.membership_add(
        challenge=challenge,
        employee=form.cleaned_data["employee"],
        role=form.cleaned_data["role"],
        actor=request.user,
    )
    messages.success(
        request, _("%(name)s is aan het voorstel toegevoegd.") % {"name": membership.member_name}
    )
    return redirect(_detail_url(challenge, "team"))


@_coalition_action(build=False)
def remove_view(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    membership = _membership_of(challenge, request.POST.get("membership"))
    services.membership_remove(membership=membership, actor=request.user)
    messages.success(
        request, _("%(name)s is uit de coalitie gehaald.") % {"name": membership.member_name}
    )
    return redirect(_detail_url(challenge, "team"))


@_coalition_action(build=False)
def swap_view(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    membership = _membership_of(challenge, request.POST.get("membership"))
    candidate = _employee_from_post(request, "candidate")
    new = services.membership_swap(membership=membership, candidate=candidate, actor=request.user)
    messages.success(
        request,
        _("%(old)s is gewisseld met %(new)s.")
        % {"old": membership.member_name, "new": new.member_name},
    )
    return redirect(_detail_url(challenge, "team"))


@_coalition_action(build=False)
def partner_view(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    form = PartnerForm(data=request.POST)
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    membership = services.partner_add(
        challenge=challenge, partner=form.cleaned_data["partner"], actor=request.user
    )
    messages.success(
        request, _("%(name)s is als partner toegevoegd.") % {"name": membership.member_name}
    )
    return redirect(_detail_url(challenge, "team"))


@_coalition_action(build=True)
def invite_view(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    invited = services.coalition_send_invitations(challenge=challenge, actor=request.user)
    messages.success(request, _("%(count)s uitnodiging(en) verstuurd.") % {"count": len(invited)})
    return redirect(_detail_url(challenge, "team"))


@_coalition_action(build=True)
def refill_view(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    membership = services.coalition_refill(challenge=challenge, actor=request.user)
    messages.success(
        request,
        _("%(name)s is voorgesteld voor de open plaats.") % {"name": membership.member_name},
    )
    return redirect(_detail_url(challenge, "team"))


# --------------------------------------------------------------------------- answers


@require_POST
@role_required(STAFF_ROLES)
def respond_view(request: HttpRequest, membership_id: int) -> HttpResponse:
    """The invitee answers in the app (logged in)."""
    membership = get_object_or_404(Membership.objects.select_related("employee"), pk=membership_id)
    if not permissions.can_answer(request.user, membership):
        raise PermissionDenied
    form = AnswerForm(data=request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies ja of nee."))
        return redirect("coalitions:index")
    try:
        membership = services.membership_respond(
            membership=membership,
            accept=form.cleaned_data["answer"] == "accept",
            actor=request.user,
        )
    except ValidationError as error:
        for text in _messages_from(error):
            messages.error(request, text)
        return redirect("coalitions:index")
    messages.success(request, _answer_text(membership))
    return redirect("coalitions:index")


def _answer_text(membership: Membership) -> str:
    if membership.status == Membership.Status.ACCEPTED:
        return _("Dank u: u doet mee aan deze coalitie.")
    if membership.status == Membership.Status.AWAITING_APPROVAL:
        return _(
            "Dank u. Omdat het om meer dan %(hours)s uur per week gaat, vraagt Samenspel uw "
            "manager om goedkeuring."
        ) % {"hours": services.approval_threshold()}
    return _("Dank u voor uw antwoord: u doet niet mee aan deze coalitie.")


@require_http_methods(["GET", "POST"])
def invitation_view(request: HttpRequest, token: str) -> HttpResponse:
    """The e-mail link: no log-in, and it shows only this one invitation."""
    membership = selectors.membership_by_token(token=token)
    if membership is None:
        raise Http404
    error = ""
    answered = ""
    if request.method == "POST":
        form = AnswerForm(data=request.POST)
        if form.is_valid():
            try:
                membership = services.membership_respond(
                    membership=membership, accept=form.cleaned_data["answer"] == "accept"
                )
                answered = _answer_text(membership)
            except ValidationError as exc:
                error = " ".join(_messages_from(exc))
        else:
            error = _("Kies ja of nee.")
    response = render(
        request,
        "coalitions/invitation.html",
        {
            "membership": membership,
            "challenge": membership.coalition.challenge,
            "error": error,
            "answered": answered,
        },
        status=400 if error else 200,
    )
    response["X-Robots-Tag"] = NOINDEX
    return response


@require_POST
@role_required(STAFF_ROLES)
def approval_view(request: HttpRequest, membership_id: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("employee"), pk=membership_id)
    if not permissions.can_approve(request.user, membership):
        raise PermissionDenied
    back = reverse("organisation:capacity_department", args=[membership.employee.department_id])
    form = ApprovalForm(data=request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies goedkeuren of afwijzen."))
        return redirect(back)
    try:
        services.membership_decide_approval(
            membership=membership,
            approve=form.cleaned_data["decision"] == "approve",
            actor=request.user,
        )
    except ValidationError as error:
        for text in _messages_from(error):
            messages.error(request, text)
        return redirect(back)
    if form.cleaned_data["decision"] == "approve":
        messages.success(
            request, _("De inzet van %(name)s is goedgekeurd.") % {"name": membership.employee.name}
        )
    else:
        messages.success(
            request, _("De inzet van %(name)s is afgewezen.") % {"name": membership.employee.name}
        )
    return redirect(back)
