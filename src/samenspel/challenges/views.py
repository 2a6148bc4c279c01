"""Thin views: forms validate, services write, selectors read, permissions decide."""

import itertools
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_safe

from samenspel.accounts.decorators import role_required
from samenspel.accounts.roles import STAFF_ROLES
from samenspel.audit.services import audit_personal_data_read
from samenspel.core.choices import choice_labels
from samenspel.core.shell import render_page
from samenspel.intake.models import Reporter, Signal

from . import board_cache, form_html, page_cache, permissions, selectors, services
from .forms import (
    BoardFilterForm,
    ChallengeCreateForm,
    ChallengeEditForm,
    CriterionForm,
    LinkSignalsForm,
    NoteForm,
    PublicFilterForm,
    PublicUpdateForm,
    ReweightForm,
    ScoreForm,
    TransitionForm,
    new_submission_token,
)
from .models import Challenge, ChallengeEvent, PriorityCriterion, PriorityRecord
from .workflow import Status

# What a resident reads for each status: plain Dutch, no internal jargon.
PUBLIC_STATUS_TEXT = {
    Status.EXPLORING: gettext_lazy("We verkennen wat er speelt en wie er mee aan de slag wil."),
    Status.FORMING: gettext_lazy("We zoeken mensen en organisaties die dit samen oppakken."),
    Status.ACTIVE: gettext_lazy("Er wordt samen aan gewerkt."),
    Status.ON_HOLD: gettext_lazy("Het werk ligt tijdelijk stil."),
    Status.HANDED_OVER: gettext_lazy(
        "Het werk is overgedragen aan de afdeling van de gemeente die het verder uitvoert."
    ),
    Status.DONE: gettext_lazy("Het werk is afgerond."),
    Status.EVALUATED: gettext_lazy("Het werk is afgerond en we hebben er samen op teruggekeken."),
    Status.DECLINED: gettext_lazy("De gemeente pakt dit niet op als opgave."),
}


def _add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _get_challenge(pk: int) -> Challenge:
    challenge = selectors.challenge_for_staff(pk=pk)
    if challenge is None:
        raise Http404
    return challenge


def _detail_url(challenge: Challenge, anchor: str = "") -> str:
    url = reverse("challenges:detail", args=[challenge.pk])
    return f"{url}#{anchor}" if anchor else url


def _timeline_events(challenge: Challenge) -> list[ChallengeEvent]:
    events = list(selectors.challenge_timeline(challenge=challenge).order_by("-created_at", "-id"))
    kinds = choice_labels(ChallengeEvent, "kind")
    statuses = choice_labels(ChallengeEvent, "to_status")
    for event in events:
        event.kind_label = kinds.get(event.kind, event.kind)
        event.from_label = statuses.get(event.from_status, event.from_status)
        event.to_label = statuses.get(event.to_status, event.to_status)
    return events


_EVENT = (
    '<li class="samenspel-timeline__item samenspel-timeline__item--{kind}">\n'
    '      <p class="utrecht-paragraph"><strong>{title}</strong>\n'
    "        {public}\n"
    '        <br><span class="samenspel-muted"><time datetime="{iso}">{when}</time>{actor}'
    "</span></p>\n"
    "      {text}\n"
    "    </li>\n  "
)


_EVENT_TEXT = '<p class="utrecht-paragraph samenspel-preline">{}</p>'


def _timeline_html(events: list[ChallengeEvent]) -> SafeString:
    """The timeline's items in one pass of string formatting (escaped by format_html), as
    the template wrote them: a long-running challenge has many events (issue 2)."""
    if not events:
        return format_html("<li>{}</li>\n  ", _("Nog niets gebeurd."))
    public = format_html('<span class="samenspel-muted">({})</span>', _("openbaar"))
    transition = _("Status: %(from)s → %(to)s")
    items = []
    for event in events:
        if event.kind == ChallengeEvent.Kind.TRANSITION:
            # Like {% blocktranslate %}: the translation is ours, the values are escaped.
            title = mark_safe(  # noqa: S308
                transition
                % {
                    "from": conditional_escape(event.from_label),
                    "to": conditional_escape(event.to_label),
                }
            )
        else:
            title = event.kind_label
        local = timezone.localtime(event.created_at)
        actor = event.actor
        items.append(
            format_html(
                _EVENT,
                kind=event.kind,
                title=title,
                public=public
                if event.kind == ChallengeEvent.Kind.PUBLIC_UPDATE
                or (event.is_public and event.kind == ChallengeEvent.Kind.TRANSITION)
                else "",
                iso=local.isoformat(),
                when=dateformat.format(local, "j F Y H:i"),
                actor=format_html(" · {}", actor.get_full_name() or actor.username)
                if actor
                else "",
                text=format_html(
                    '<p class="utrecht-paragraph samenspel-preline">{}</p>', event.text
                )
                if event.text
                else "",
            )
        )
    return mark_safe("".join(items))  # noqa: S308 (every item went through format_html)


def _timeline_context(
    request: HttpRequest, challenge: Challenge, *, token: Callable[[], str] | None = None, **forms
) -> dict:
    """The timeline's context. `token` makes the submission token of each form built here
    (a placeholder when the body is cached, see `page_cache`)."""
    can_change = permissions.can_change(request.user, challenge)
    can_note = permissions.can_note(request.user, challenge)

    def fresh(form_class):
        return form_class(initial={"token": token()}) if token else form_class()

    # Fields written by `form_html`, and only for forms the viewer sees: through the
    # templates each field cost more than a query (issue 2).
    return {
        "challenge": challenge,
        "events_html": _timeline_html(_timeline_events(challenge)),
        "can_change": can_change,
        "can_note": can_note,
        "note_fields": form_html.form_fields_html(forms.get("note_form") or fresh(NoteForm), "text")
        if can_note
        else "",
        "update_fields": form_html.form_fields_html(
            forms.get("update_form") or fresh(PublicUpdateForm), "text"
        )
        if can_change
        else "",
        "notice": forms.get("notice", ""),
    }


_SIGNAL_ROW = (
    '          <tr class="utrecht-table__row">\n'
    '            <td class="utrecht-table__cell">{reference}: {summary}</td>\n'
    '            <td class="utrecht-table__cell">{kern}</td>\n'
    '            <td class="utrecht-table__cell">{channel}</td>\n'
    "            {reporter}\n"
    "          </tr>\n"
)


def _reporter_shown(reporter) -> bool:
    """Whether there is anything of this reporter (None for nobody) to show."""
    return (
        reporter is not None
        and not reporter.anonymised_at
        and bool(reporter.name or reporter.has_contact)
    )


def _reporter_cell(reporter) -> SafeString:
    if not _reporter_shown(reporter):
        return format_html(
            '<td class="utrecht-table__cell"><span class="samenspel-muted">{}</span></td>',
            _("anoniem"),
        )
    parts = [conditional_escape(reporter.name or _("naam onbekend"))]
    if reporter.email:
        parts.append(format_html("<br>{}", reporter.email))
    if reporter.phone:
        parts.append(format_html("<br>{}", reporter.phone))
    if reporter.wants_updates:
        parts.append(
            format_html('<br><span class="samenspel-muted">{}</span>', _("volgt de opgave"))
        )
    return format_html(
        '<td class="utrecht-table__cell">{}</td>',
        mark_safe("".join(parts)),  # noqa: S308 (each part was escaped above)
    )


def _signal_rows_html(signals, *, reporter_cell: Callable[[Signal], str] | None) -> SafeString:
    """The linked signals' rows in one pass of string formatting (escaped by format_html):
    twenty rows through the template cost more than the page's queries (issue 2). Without
    `reporter_cell` the rows have no reporter column."""
    unknown = _("onbekend")
    return mark_safe(  # noqa: S308 (every row went through format_html; cells are escaped)
        "".join(
            format_html(
                _SIGNAL_ROW,
                reference=signal.reference,
                summary=signal.summary,
                kern=(signal.kern.name if signal.kern else "") or unknown,
                channel=signal.channel_label,
                reporter=mark_safe(reporter_cell(signal)) if reporter_cell else "",  # noqa: S308
            )
            for signal in signals
        )
    )


_CHALLENGE_LABELS = ("status", "status_before_hold", "kind", "government_role", "team_role")


def _label_challenge(challenge: Challenge) -> None:
    """`<field>_label` for the choice fields the page shows, like `get_<field>_display`
    without translating every choice of the field on each call."""
    for name in _CHALLENGE_LABELS:
        value = getattr(challenge, name)
        setattr(challenge, f"{name}_label", choice_labels(Challenge, name).get(value, value))


def _signals_cursor(request: HttpRequest) -> str:
    after = request.GET.get("signalen_na", "")
    try:
        selectors.decode_cursor(after)
    except selectors.InvalidCursor:
        after = ""  # an unknown cursor shows the newest signals rather than an error
    return after


def _detail_body(
    request: HttpRequest, challenge: Challenge, *, after: str, **forms
) -> page_cache.PageBody:
    """The page's body with placeholders for what is filled per request (`page_cache`): the
    CSRF token, each empty form's submission token and the reporters' cells."""
    marker = page_cache.new_marker()
    tokens = itertools.count()

    def token() -> str:
        return page_cache.token_placeholder(marker, next(tokens))

    signal_page = selectors.challenge_signals(challenge=challenge, after=after or None)
    signals = signal_page.items
    channels = choice_labels(Signal, "channel")
    for signal in signals:
        signal.channel_label = channels.get(signal.channel, signal.channel)
        text = signal.text
        # The same cut as `truncatechars:160`, without its per-call text machinery.
        signal.summary = text if len(text) <= 160 else text[:159] + "…"
    show_personal_data = permissions.can_see_personal_data(request.user, challenge)
    anonymous = _reporter_cell(None)
    _label_challenge(challenge)
    context = _timeline_context(request, challenge, token=token, **forms)
    transition_form = forms.get("transition_form") or TransitionForm(
        challenge=challenge, initial={"token": token()}
    )
    context.update(
        {
            "csrf_token": page_cache.csrf_placeholder(marker),
            "priority": selectors.challenge_priority(challenge=challenge, scored_only=True),
            "priority_history": selectors.priority_history(challenge=challenge),
            "can_prioritise": permissions.can_prioritise(request.user),
            "signals": signals,
            "signal_rows": _signal_rows_html(
                signals,
                reporter_cell=(
                    lambda signal: (
                        page_cache.reporter_placeholder(marker, signal.pk)
                        if signal.reporter_id
                        else anonymous
                    )
                )
                if show_personal_data
                else None,
            ),
            "more_signals": 0 if after else max(challenge.signal_count - len(signals), 0),
            "older_signals_cursor": signal_page.next_cursor,
            "signals_paged": bool(after),
            "show_personal_data": show_personal_data,
            "transition_form": transition_form,
            "transition_fields": form_html.form_fields_html(transition_form, "to", "reason")
            if context["can_change"] and transition_form.has_choices
            else "",
            "link_fields": form_html.form_fields_html(
                forms.get("link_form") or LinkSignalsForm(), "references"
            )
            if context["can_note"]
            else "",
        }
    )
    return page_cache.PageBody(
        title=challenge.title,
        html=render_to_string("challenges/_detail_body.html", context, request=request),
        marker=marker,
        reporters=tuple(
            (s.pk, s.reporter_id) for s in signals if show_personal_data and s.reporter_id
        ),
        reference=challenge.reference,
    )


def _render_body(request: HttpRequest, body: page_cache.PageBody) -> HttpResponse:
    """The page around `body`, with this request's tokens and the reporters as they are now."""
    cells = {}
    if body.reporters:
        reporters = Reporter.objects.in_bulk([reporter for _, reporter in body.reporters])
        shown = []
        for signal_pk, reporter_pk in body.reporters:
            reporter = reporters.get(reporter_pk)
            cells[signal_pk] = _reporter_cell(reporter)
            if _reporter_shown(reporter):
                shown.append(reporter_pk)
        if shown:
            # AVG art. 5(2), accountability: every look at a reporter's data is logged.
            audit_personal_data_read(
                actor=request.user,
                object_type="reporter",
                object_ids=shown,
                detail=f"challenge {body.reference}",
            )
    html = page_cache.fill(
        body, csrf=get_token(request), new_token=new_submission_token, reporter_cells=cells
    )
    return render_page(request, title=body.title, content=html)


def _render_detail(request: HttpRequest, challenge: Challenge, **forms) -> HttpResponse:
    """The page with a form that carries errors: built for this request only."""
    return _render_body(
        request, _detail_body(request, challenge, after=_signals_cursor(request), **forms)
    )


def _challenge_action(permission):
    """A POST endpoint on one challenge. GET goes back to the page; no right means 403."""

    def decorator(view):
        @role_required(STAFF_ROLES)
        @wraps(view)
        def wrapper(request, pk: int):
            challenge = _get_challenge(pk)
            if request.method != "POST":
                return redirect(_detail_url(challenge))
            if not permission(request.user, challenge):
                raise PermissionDenied
            return view(request, challenge)

        return wrapper

    return decorator


def _replayed(challenge: Challenge, token: str) -> bool:
    return bool(token) and (
        ChallengeEvent.objects.filter(challenge=challenge, submission_token=token).exists()
    )


def _card_labels() -> dict[str, str]:
    """The card's labels, translated once per page instead of once per card."""
    return {
        "reference": _("Kenmerk"),
        "kernen": _("Kernen"),
        "kind": _("Soort"),
        "department": _("Afdeling"),
        "signals": _("Signalen"),
        "team_role": _("Rol ontwikkelteam"),
        "priority": _("Prioriteit"),
        "no_kern": _("geen kern"),
        "no_owner": _("nog geen eigenaar"),
        "not_scored": _("nog niet gescoord"),
        "waiting": _("wacht op prioritering"),
        "none": _("Geen opgaven."),
    }


@require_safe
@role_required(STAFF_ROLES)
def board(request: HttpRequest) -> HttpResponse:
    form = BoardFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    filters = form.filters()
    filter_query = urlencode(
        {
            key: value
            for key, value in {
                "kind": filters["kind"] or "",
                "kern": filters["kern"].slug if filters["kern"] else "",
                "department": filters["department"].slug if filters["department"] else "",
                "sort": filters["sort"] if filters["sort"] != selectors.SORT_RECENT else "",
            }.items()
            if value
        }
    )
    status = form.cleaned_data.get("status") if form.is_bound else ""
    version = board_cache.board_version()
    context = {
        "form": form,
        "filters_html": board_cache.filters_html(form, status=status, version=version),
        "filter_query": filter_query,
        "sorted_by_priority": filters["sort"] == selectors.SORT_PRIORITY,
    }
    if status:
        page = selectors.board_column(
            status=status, after=form.cleaned_data.get("after") or None, **filters
        )
        context.update(
            {
                "status": status,
                "status_label": Status(status).label,
                "page": page,
                "labels": _card_labels(),
            }
        )
        return render(request, "challenges/board_column.html", context)

    def render_columns() -> str:
        return render_to_string(
            "challenges/_board_columns.html",
            {
                "columns": selectors.board_columns(**filters),
                "filter_query": filter_query,
                "labels": _card_labels(),
            },
        )

    # The columns are the same for every staff member: cached until the board changes.
    context["board_html"] = mark_safe(  # noqa: S308 (our own template's output)
        board_cache.cached_board(
            version=version,
            filters={
                "kind": filters["kind"] or "",
                "kern": filters["kern"].slug if filters["kern"] else "",
                "department": filters["department"].slug if filters["department"] else "",
                "sort": filters["sort"],
            },
            render=render_columns,
        )
    )
    context["can_create"] = permissions.can_create(request.user)
    context["can_prioritise"] = permissions.can_prioritise(request.user)
    return render_page(
        request,
        title=_("Bord"),
        content=render_to_string("challenges/_board_page.html", context, request=request),
    )


@role_required(permissions.CREATE_ROLES)
def challenge_create_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ChallengeCreateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                challenge = services.challenge_create(
                    actor=request.user,
                    title=data["title"],
                    summary=data["summary"],
                    kind=data["kind"],
                    kernen=data["kernen"],
                    themes=data["themes"],
                    signals=data["signals"],
                    submission_token=data["token"] or None,
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            except IntegrityError:
                # The same form arrived twice at once; the first one made the challenge.
                challenge = Challenge.objects.filter(submission_token=data["token"]).first()
                if challenge is None:
                    raise
                return redirect(_detail_url(challenge))
            else:
                messages.success(request, _("De opgave is aangemaakt."))
                return redirect(_detail_url(challenge))
    else:
        form = ChallengeCreateForm(signal_ids=request.GET.getlist("signal"))
    return render(request, "challenges/create.html", {"form": form})


@require_safe
@role_required(STAFF_ROLES)
def challenge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    after = _signals_cursor(request)

    def build(knowledge_token: str) -> page_cache.PageBody:
        challenge = selectors.challenge_for_page(pk=pk)
        if challenge is None:
            raise Http404
        challenge.knowledge_token = knowledge_token  # read with the page's tokens already
        return _detail_body(request, challenge, after=after)

    return _render_body(
        request, page_cache.cached_body(user=request.user, pk=pk, after=after, build=build)
    )


@role_required(STAFF_ROLES)
def challenge_edit(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _get_challenge(pk)
    if not permissions.can_change(request.user, challenge):
        raise PermissionDenied
    if request.method == "POST":
        form = ChallengeEditForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            kernen, themes = data.pop("kernen"), data.pop("themes")
            try:
                services.challenge_update(
                    challenge=challenge, actor=request.user, kernen=kernen, themes=themes, **data
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("De gegevens van de opgave zijn opgeslagen."))
                return redirect(_detail_url(challenge))
    else:
        form = ChallengeEditForm(initial=ChallengeEditForm.initial_from(challenge))
    return render(request, "challenges/edit.html", {"form": form, "challenge": challenge})


@_challenge_action(permissions.can_change)
def challenge_transition_view(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    form = TransitionForm(request.POST, challenge=challenge)
    if _replayed(challenge, request.POST.get("status-token", "")):
        return redirect(_detail_url(challenge, "status"))
    if form.is_valid():
        try:
            event = services.challenge_transition(
                challenge=challenge,
                to=form.cleaned_data["to"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
                submission_token=form.cleaned_data["token"] or None,
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        except IntegrityError:
            return redirect(_detail_url(challenge, "status"))
        else:
            messages.success(
                request,
                _("De status is nu “%(status)s”.") % {"status": event.get_to_status_display()},
            )
            return redirect(_detail_url(challenge, "status"))
    return _render_detail(request, challenge, transition_form=form)


def _text_event_view(request, challenge, *, form_class, service, form_key, done_message):
    form = form_class(request.POST)
    notice = ""
    if _replayed(challenge, request.POST.get(f"{form.prefix}-token", "")):
        notice = done_message
        form = form_class()
    elif form.is_valid():
        try:
            service(
                challenge=challenge,
                actor=request.user,
                text=form.cleaned_data["text"],
                submission_token=form.cleaned_data["token"] or None,
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        except IntegrityError:
            notice, form = done_message, form_class()
        else:
            notice, form = done_message, form_class()
    if request.htmx:
        # htmx swaps only the timeline: the new entry appears without a page load.
        context = _timeline_context(request, challenge, **{form_key: form, "notice": notice})
        return render(request, "challenges/_timeline.html", context)
    if notice:
        messages.success(request, notice)
        return redirect(_detail_url(challenge, "tijdlijn"))
    return _render_detail(request, challenge, **{form_key: form})


@_challenge_action(permissions.can_note)
def challenge_note_view(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    return _text_event_view(
        request,
        challenge,
        form_class=NoteForm,
        service=services.challenge_add_note,
        form_key="note_form",
        done_message=_("De notitie is toegevoegd."),
    )


@_challenge_action(permissions.can_change)
def challenge_update_view(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    return _text_event_view(
        request,
        challenge,
        form_class=PublicUpdateForm,
        service=services.challenge_post_update,
        form_key="update_form",
        done_message=_("Het bericht is geplaatst en gaat naar de volgers."),
    )


@_challenge_action(permissions.can_note)
def challenge_link_view(request: HttpRequest, challenge: Challenge) -> HttpResponse:
    form = LinkSignalsForm(request.POST)
    if form.is_valid():
        linked = services.challenge_link_signals(
            challenge=challenge, signals=form.cleaned_data["references"], actor=request.user
        )
        if linked:
            messages.success(
                request,
                ngettext("%(count)d signaal gekoppeld.", "%(count)d signalen gekoppeld.", linked)
                % {"count": linked},
            )
        else:
            messages.info(request, _("Deze signalen waren al aan deze opgave gekoppeld."))
        return redirect(_detail_url(challenge, "signalen"))
    return _render_detail(request, challenge, link_form=form)


@role_required(permissions.PRIORITY_ROLES)
def challenge_score_view(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = _get_challenge(pk)
    services.criteria_ensure_defaults()
    criteria = list(selectors.priority_criteria(active_only=True))
    current = {
        line.criterion.pk: line
        for line in selectors.challenge_priority(challenge=challenge).lines
        if line.score is not None
    }
    if request.method == "POST":
        form = ScoreForm(request.POST, criteria=criteria)
        token = request.POST.get("token", "")
        if token and PriorityRecord.objects.filter(submission_token=token).exists():
            return redirect(_detail_url(challenge, "prioriteit"))
        if form.is_valid():
            try:
                record = services.challenge_score(
                    challenge=challenge,
                    actor=request.user,
                    scores=form.scores(),
                    submission_token=form.cleaned_data["token"] or None,
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            except IntegrityError:
                # The same form arrived twice at once; the first one was stored.
                return redirect(_detail_url(challenge, "prioriteit"))
            else:
                if record is None:
                    messages.info(request, _("Er is niets veranderd; er is niets opgeslagen."))
                else:
                    messages.success(
                        request,
                        _("De scores zijn opgeslagen. De prioriteit is nu %(priority)s.")
                        % {"priority": record.priority},
                    )
                return redirect(_detail_url(challenge, "prioriteit"))
    else:
        form = ScoreForm(criteria=criteria, current=current)
    return render(
        request,
        "challenges/score.html",
        {
            "challenge": challenge,
            "form": form,
            "computed": [c for c in criteria if c.kind == PriorityCriterion.Kind.COMPUTED],
        },
    )


@role_required(STAFF_ROLES)
def criteria_list(request: HttpRequest) -> HttpResponse:
    """Every staff member reads the criteria; the team and administrators re-weigh them."""
    services.criteria_ensure_defaults()
    can_configure = permissions.can_prioritise(request.user)
    criteria = list(selectors.priority_criteria())
    form = None
    if request.method == "POST":
        if not can_configure:
            raise PermissionDenied
        form = ReweightForm(request.POST, criteria=criteria)
        if form.is_valid():
            try:
                change = services.criteria_reweight(
                    actor=request.user,
                    weights=form.weights(),
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                if change is None:
                    messages.info(request, _("De gewichten waren al zo; er is niets veranderd."))
                else:
                    messages.success(
                        request,
                        ngettext(
                            "De gewichten zijn aangepast; %(count)d opgave kreeg een andere "
                            "prioriteit.",
                            "De gewichten zijn aangepast; %(count)d opgaven kregen een andere "
                            "prioriteit.",
                            change.reranked,
                        )
                        % {"count": change.reranked},
                    )
                return redirect(reverse("challenges:criteria"))
    elif can_configure:
        form = ReweightForm(criteria=criteria)
    return render(
        request,
        "challenges/criteria.html",
        {
            "criteria": criteria,
            "form": form,
            "can_configure": can_configure,
            "changes": selectors.criteria_changes(),
        },
    )


def _criterion_form_view(request: HttpRequest, criterion: PriorityCriterion | None):
    if request.method == "POST":
        form = CriterionForm(request.POST, instance=criterion)
        if form.is_valid():
            try:
                if criterion is None:
                    services.criterion_create(
                        actor=request.user,
                        reason=form.cleaned_data["reason"],
                        **form.criterion_fields(),
                    )
                else:
                    services.criterion_update(
                        criterion=criterion,
                        actor=request.user,
                        reason=form.cleaned_data["reason"],
                        **form.criterion_fields(),
                    )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("Het criterium is opgeslagen."))
                return redirect(reverse("challenges:criteria"))
    else:
        form = CriterionForm(instance=criterion)
    return render(request, "challenges/criterion_form.html", {"form": form, "criterion": criterion})


@role_required(permissions.PRIORITY_ROLES)
def criterion_create_view(request: HttpRequest) -> HttpResponse:
    return _criterion_form_view(request, None)


@role_required(permissions.PRIORITY_ROLES)
def criterion_edit_view(request: HttpRequest, criterion_pk: int) -> HttpResponse:
    criterion = PriorityCriterion.objects.filter(pk=criterion_pk).first()
    if criterion is None:
        raise Http404
    return _criterion_form_view(request, criterion)


@require_safe
def public_list(request: HttpRequest) -> HttpResponse:
    form = PublicFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    # Valid filters still apply when another value was wrong.
    data = getattr(form, "cleaned_data", {})
    kern = data.get("kern")
    page = selectors.public_challenges(kern=kern, after=data.get("after") or None)
    return render(
        request,
        "challenges/public_list.html",
        {
            "form": form,
            "page": page,
            "kern": kern,
            "filter_query": urlencode({"kern": kern.slug}) if kern else "",
            "status_text": PUBLIC_STATUS_TEXT,
        },
    )


@require_safe
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = selectors.public_challenge(pk=pk)
    if challenge is None:
        raise Http404
    return render(
        request,
        "challenges/public_detail.html",
        {
            "challenge": challenge,
            "status_text": PUBLIC_STATUS_TEXT.get(challenge.status, ""),
            "events": selectors.public_timeline(challenge=challenge).order_by("-created_at", "-id"),
        },
    )
