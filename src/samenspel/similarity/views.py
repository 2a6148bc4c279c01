"""Thin views: the team's backlog review, and the resident's "werken we hier al aan?"."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from samenspel.accounts.decorators import role_required
from samenspel.accounts.roles import TRIAGE_ROLES, Role
from samenspel.intake.models import Signal
from samenspel.intake.selectors import challenge_get_by_number, signals_visible_to
from samenspel.places.models import Kern

from . import selectors, services
from .models import GroupProposal

# Grouping the backlog is triage, the development team's work (design §4.2); administrators
# see it to keep the system sound, as with the priority criteria.
GROUPING_ROLES = frozenset({Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR})
MAX_ID_DIGITS = 18
MAX_INBOX_SIGNALS = 100


def _proposal_or_404(pk: int) -> GroupProposal:
    proposal = GroupProposal.objects.filter(pk=pk).first()
    if proposal is None:
        raise Http404
    return proposal


def _error(request: HttpRequest, error: ValidationError) -> HttpResponse:
    messages.error(request, " ".join(error.messages))
    return redirect("similarity:index")


def _ids(values: list[str]) -> list[int] | None:
    ids = []
    for value in values:
        value = value.strip()
        if not value.isdigit() or len(value) > MAX_ID_DIGITS:
            return None
        ids.append(int(value))
    return ids


@role_required(GROUPING_ROLES)
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    proposal_set = selectors.current_proposal_set()
    proposals = selectors.open_proposals(proposal_set=proposal_set)
    return render(
        request,
        "similarity/backlog.html",
        {
            "proposal_set": proposal_set,
            "proposals": proposals,
            "decisions": selectors.recent_decisions(),
        },
    )


@role_required(GROUPING_ROLES)
@require_POST
def refresh(request: HttpRequest) -> HttpResponse:
    proposal_set = services.proposals_refresh(actor=request.user)
    count = proposal_set.proposals.count()
    messages.success(
        request,
        ngettext("%(count)d groep voorgesteld.", "%(count)d groepen voorgesteld.", count)
        % {"count": count},
    )
    return redirect("similarity:index")


@role_required(GROUPING_ROLES)
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(pk)
    action = request.POST.get("action", "")
    try:
        if action == "create":
            title = request.POST.get("title", "").strip()[:200]
            challenge = services.proposal_accept_as_new_challenge(
                proposal=proposal, actor=request.user, title=title
            )
            messages.success(
                request,
                _("Opgave %(ref)s is gemaakt van groep %(label)s.")
                % {"ref": challenge.reference, "label": proposal.label},
            )
            return redirect("challenges:detail", pk=challenge.pk)
        if action == "link":
            number = request.POST.get("challenge", "")
            challenge = challenge_get_by_number(number)
            if challenge is None:
                raise ValidationError(
                    _("Opgave “%(number)s” bestaat niet. Vul een nummer in zoals O-000123.")
                    % {"number": number.strip()[:20]}
                )
            linked = services.proposal_accept_into_challenge(
                proposal=proposal, actor=request.user, challenge=challenge
            )
            messages.success(
                request,
                ngettext(
                    "%(count)d signaal gekoppeld aan opgave %(ref)s.",
                    "%(count)d signalen gekoppeld aan opgave %(ref)s.",
                    linked,
                )
                % {"count": linked, "ref": challenge.reference},
            )
            return redirect("challenges:detail", pk=challenge.pk)
    except ValidationError as error:
        return _error(request, error)
    messages.error(request, _("Onbekende actie. Er is niets gewijzigd."))
    return redirect("similarity:index")


@role_required(GROUPING_ROLES)
@require_POST
def split(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(pk)
    ids = _ids(request.POST.getlist("signal"))
    if ids is None:
        messages.error(request, _("De selectie van signalen is ongeldig. Er is niets gewijzigd."))
        return redirect("similarity:index")
    try:
        taken_out = services.proposal_split(proposal=proposal, actor=request.user, signal_ids=ids)
    except ValidationError as error:
        return _error(request, error)
    messages.success(
        request,
        _("Groep %(label)s is gesplitst; de gekozen signalen staan nu in groep %(new)s.")
        % {"label": proposal.label, "new": taken_out.label},
    )
    return redirect("similarity:index")


@role_required(GROUPING_ROLES)
@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal_or_404(pk)
    ids = _ids([request.POST.get("other", "")])
    other = GroupProposal.objects.filter(pk=ids[0]).first() if ids else None
    if other is None:
        messages.error(request, _("Kies de groep om mee samen te voegen."))
        return redirect("similarity:index")
    try:
        services.proposal_merge(proposal=proposal, actor=request.user, other=other)
    except ValidationError as error:
        return _error(request, error)
    messages.success(
        request,
        _("Groep %(other)s is samengevoegd met groep %(label)s.")
        % {"other": other.label, "label": proposal.label},
    )
    return redirect("similarity:index")


@role_required(TRIAGE_ROLES)
@require_GET
def inbox_similar(request: HttpRequest) -> HttpResponse:
    """The inbox's "lijkt op": the best challenge per new signal, with one-click linking.

    htmx loads it into the inbox after the page; without JavaScript it is a page of its own.
    """
    ids = _ids(request.GET.getlist("signal")[:MAX_INBOX_SIGNALS]) or []
    signals = list(
        signals_visible_to(request.user)
        .filter(pk__in=ids, status=Signal.Status.NEW, challenge__isnull=True)
        .select_related("kern")
        .order_by("-received_at", "-pk")
    )
    best = selectors.best_challenge_per_signal(signals=signals)
    rows = [(signal, best[signal.pk]) for signal in signals if signal.pk in best]
    fragment = request.headers.get("HX-Request") == "true"
    template = "similarity/_inbox_similar.html" if fragment else "similarity/inbox_similar.html"
    back = request.headers.get("HX-Current-URL", "") if fragment else ""
    return render(request, template, {"rows": rows, "back": back, "checked": len(signals)})


@require_GET
def public_suggestions(request: HttpRequest) -> HttpResponse:
    """htmx fragment for the public report form: public challenges like the text typed.

    Reads only (the index lives in memory; no database writes), so it needs no rate limit of
    its own beyond the cost of one query; short input answers an empty fragment at once.
    """
    text = request.GET.get("text", "")
    kern_name = None
    kern_id = request.GET.get("kern", "")
    if selectors.public_text_is_long_enough(text) and kern_id.isdigit() and len(kern_id) < 10:
        kern_name = Kern.objects.filter(pk=int(kern_id)).values_list("name", flat=True).first()
    suggestions = selectors.public_similar_challenges(text=text, kern_name=kern_name)
    response = render(request, "similarity/_public_suggestions.html", {"suggestions": suggestions})
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response
