"""Thin views of the intake: public report, receipt, follow link, staff intake, inbox."""

import time
from html import escape
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from samenspel.accounts.decorators import role_required
from samenspel.accounts.roles import STAFF_ROLES, TRIAGE_ROLES, has_role
from samenspel.audit.services import audit_personal_data_read
from samenspel.challenges.services import challenge_link_signals
from samenspel.core import fragments
from samenspel.core.choices import choice_labels
from samenspel.core.shell import render_page

from . import inbox_cache, selectors, services, throttle
from .forms import (
    DismissForm,
    InboxFilterForm,
    PublicReportForm,
    StaffSignalForm,
    new_form_token,
    read_form_token,
)
from .models import Signal

NOINDEX = "noindex, nofollow"
MAX_ID_DIGITS = 18  # beyond a 64-bit integer the database would fail, not answer


def _with_new_token(data):
    data = data.copy()
    data["form_token"] = new_form_token()
    return data


def _apply_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Public: report, receipt, follow -------------------------------------------------------


def _render_report(request, form, status=200):
    return render(request, "intake/report.html", {"form": form}, status=status)


def _rate_limited(request) -> HttpResponse:
    response = render(
        request,
        "intake/rate_limited.html",
        {"window_minutes": max(1, settings.SAMENSPEL_REPORT_RATE_WINDOW // 60)},
        status=429,
    )
    response["Retry-After"] = str(settings.SAMENSPEL_REPORT_RATE_WINDOW)
    return response


@require_http_methods(["GET", "POST"])
def report(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_report(request, PublicReportForm(initial={"form_token": new_form_token()}))

    token = read_form_token(request.POST.get("form_token", ""))
    # A double click, a retry or a reload of the POST: show the same receipt.
    if token is not None and selectors.signal_exists_with_submission_token(token=token[0]):
        return redirect("intake:receipt", token=token[0])

    ip = throttle.client_ip(request)
    if throttle.report_rate_limited(ip):
        return _rate_limited(request)

    if token is None:
        # Forged, missing or a day old: count it (bots do this) and offer a fresh form.
        throttle.report_rate_consume(ip)
        form = PublicReportForm(data=_with_new_token(request.POST))
        form.is_valid()
        form.add_error(
            None,
            _(
                "Het formulier was verlopen of onvolledig. Er is niets opgeslagen. "
                "Controleer uw melding en verstuur hem opnieuw."
            ),
        )
        return _render_report(request, form, status=400)

    submission_token, started = token
    form = PublicReportForm(data=request.POST, files=request.FILES)
    if request.POST.get("website"):
        throttle.report_rate_consume(ip)
        form.is_valid()
        form.add_error(
            None,
            _("Uw melding is niet verstuurd: laat het veld “Laat dit veld leeg” leeg."),
        )
        return _render_report(request, form, status=400)
    if time.time() - started < settings.SAMENSPEL_REPORT_MIN_SECONDS:
        throttle.report_rate_consume(ip)
        form.is_valid()
        form.add_error(
            None,
            _(
                "Uw melding is erg snel verstuurd en daarom niet opgeslagen. "
                "Controleer uw melding en verstuur hem nog een keer."
            ),
        )
        return _render_report(request, form, status=400)

    if not form.is_valid():
        # People make typing errors; those do not count towards the rate limit.
        return _render_report(request, form, status=400)
    if not throttle.report_rate_consume(ip):
        return _rate_limited(request)

    data = form.cleaned_data
    try:
        signal, _created = services.signal_submit_public(
            submission_token=submission_token,
            text=data["text"],
            kern=data["kern"],
            name=data["name"],
            email=data["email"],
            phone=data["phone"],
            wants_updates=data["wants_updates"],
            photo=data["photo"],
        )
    except ValidationError as error:
        _apply_service_errors(form, error)
        return _render_report(request, form, status=400)
    return redirect("intake:receipt", token=signal.submission_token)


def receipt(request: HttpRequest, token: str) -> HttpResponse:
    signal = selectors.signal_get_for_receipt(token=token)
    if signal is None:
        raise Http404
    response = render(
        request,
        "intake/receipt.html",
        {
            "signal": signal,
            "follow_url": services.follow_url(signal) if signal.follow_token else "",
            "has_email": bool(signal.reporter and signal.reporter.email),
        },
    )
    response["X-Robots-Tag"] = NOINDEX
    return response


def follow(request: HttpRequest, token: str) -> HttpResponse:
    signal = selectors.signal_get_by_follow_token(token=token)
    if signal is None:
        raise Http404
    challenge = signal.challenge
    response = render(
        request,
        "intake/follow.html",
        {
            "signal": signal,
            "challenge": challenge,
            "timeline": selectors.challenge_public_timeline(challenge=challenge)
            if challenge
            else [],
        },
    )
    response["X-Robots-Tag"] = NOINDEX
    return response


# --- Staff: intake, inbox, signal page --------------------------------------------------------


@role_required(STAFF_ROLES)
@require_http_methods(["GET", "POST"])
def staff_create(request: HttpRequest) -> HttpResponse:
    may_triage = has_role(request.user, TRIAGE_ROLES)
    if request.method != "POST":
        form = StaffSignalForm(initial={"form_token": new_form_token()})
        return render(request, "intake/staff_create.html", {"form": form})

    token = read_form_token(request.POST.get("form_token", ""))
    if token is None:
        form = StaffSignalForm(data=_with_new_token(request.POST))
        form.is_valid()
        form.add_error(
            None,
            _(
                "Het formulier was verlopen of onvolledig. Er is niets opgeslagen. "
                "Controleer het signaal en sla het opnieuw op."
            ),
        )
        return render(request, "intake/staff_create.html", {"form": form}, status=400)

    existing = selectors.signal_get_by_submission_token(token=token[0])
    if existing is None:
        form = StaffSignalForm(data=request.POST, files=request.FILES)
        if not form.is_valid():
            return render(request, "intake/staff_create.html", {"form": form}, status=400)
        data = form.cleaned_data
        try:
            signal, created = services.signal_record_by_staff(
                actor=request.user,
                submission_token=token[0],
                text=data["text"],
                kern=data["kern"],
                channel=data["channel"],
                received_at=data["received_at"],
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                wants_updates=data["wants_updates"],
                photo=data["photo"],
            )
        except ValidationError as error:
            _apply_service_errors(form, error)
            return render(request, "intake/staff_create.html", {"form": form}, status=400)
    else:
        signal, created = existing, False
    if created:
        messages.success(request, _("Signaal %(ref)s is vastgelegd.") % {"ref": signal.reference})
    else:
        messages.info(request, _("Signaal %(ref)s was al vastgelegd.") % {"ref": signal.reference})
    if may_triage:
        return redirect("intake:signal_detail", pk=signal.pk)
    return redirect("intake:staff_create")


def _url_for_pk(name: str):
    # Reverse once and fill in the number: fifty rows × two links of `{% url %}` cost more
    # than the page's queries. The patterns end in `<int:pk>/`.
    head, tail = reverse(name, args=[0]).rsplit("/0/", 1)
    return lambda pk: f"{head}/{pk}/{tail}"


def _inbox_rows_html(rows: list[selectors.InboxRow]) -> SafeString:
    """The inbox's rows in one pass of string formatting: in the template each of the fifty
    rows cost about a thousand Python calls, which made the inbox many times slower than its
    query. Every text from the database or a translation goes through `html.escape` (what
    Django's own `escape` calls); numbers, dates and our own URLs need none."""
    channels = {value: escape(label) for value, label in choice_labels(Signal, "channel").items()}
    statuses = {value: escape(label) for value, label in choice_labels(Signal, "status").items()}
    months = {number: escape(str(name).title()) for number, name in MONTHS_3.items()}
    choose, unknown = _("Kies %(ref)s"), escape(_("onbekend"))
    signal_url = _url_for_pk("intake:signal_detail")
    challenge_url = _url_for_pk("challenges:detail")
    cell = '<td class="utrecht-table__cell">'
    parts = []
    for row in rows:
        pk, reference = row.pk, row.reference
        local = timezone.localtime(row.received_at)
        summary = row.text
        # The same cut as `truncatechars:140`.
        if len(summary) > selectors.INBOX_SUMMARY_LENGTH:
            summary = summary[: selectors.INBOX_SUMMARY_LENGTH - 1] + "…"
        challenge = (
            f'<a class="utrecht-link" href="{challenge_url(row.challenge_id)}">'
            f"{row.challenge_reference}</a>"
            if row.challenge_id
            else ""
        )
        parts.append(
            f'      <tr class="utrecht-table__row">\n'
            f"        {cell}\n"
            f'          <input class="utrecht-checkbox utrecht-checkbox--html-input" '
            f'type="checkbox" name="signal" value="{pk}" id="signal-{pk}">\n'
            f'          <label class="samenspel-visually-hidden" for="signal-{pk}">'
            f"{escape(choose % {'ref': reference})}</label>\n"
            f"        </td>\n"
            f'        {cell}<a class="utrecht-link" href="{signal_url(pk)}">{reference}</a></td>\n'
            # The `date:"j M Y H:i"` format with the language's month abbreviations.
            f'        {cell}<time datetime="{local.isoformat()}">{local.day} '
            f"{months[local.month]} {local.year} {local:%H:%M}</time></td>\n"
            f"        {cell}{escape(row.kern_name) if row.kern_name else unknown}</td>\n"
            f"        {cell}{channels.get(row.channel) or escape(row.channel)}</td>\n"
            f"        {cell}{statuses.get(row.status) or escape(row.status)}</td>\n"
            f"        {cell}{escape(summary)}</td>\n"
            f"        {cell}{row.photo_count or 0}</td>\n"
            f"        {cell}{challenge}</td>\n"
            f"      </tr>\n"
        )
    return mark_safe("".join(parts))  # noqa: S308 (every text part went through escape)


def _inbox_filters_html(form: InboxFilterForm) -> SafeString:
    """The filter form. Without errors its HTML follows from the choices and the filtered
    values alone, so each process renders it once per combination (`core.fragments`)."""

    def render_filters() -> str:
        return render_to_string("intake/includes/inbox_filters.html", {"form": form})

    if form.errors:
        return mark_safe(render_filters())  # noqa: S308 (our own template's output)
    key = (
        "intake:inbox-filters",
        tuple((str(value), str(label)) for value, label in form.fields["kern"].choices),
        tuple((name, tuple(form.data.getlist(name))) for name in form.fields),
    )
    return fragments.memoised(key, render_filters)


@role_required(TRIAGE_ROLES)
def inbox(request: HttpRequest) -> HttpResponse:
    data = request.GET.copy()
    if "status" not in data:
        data["status"] = Signal.Status.NEW
    version = inbox_cache.inbox_version()
    form = InboxFilterForm(data=data, kern_options=inbox_cache.kern_options(version=version))
    form.is_valid()  # invalid filters are shown as errors and then ignored
    cleaned = form.cleaned_data
    filters = selectors.InboxFilters(
        status=cleaned.get("status", "") or "",
        kern=cleaned.get("kern", "") or "",
        channel=cleaned.get("channel", "") or "",
        date_from=cleaned.get("date_from"),
        date_to=cleaned.get("date_to") if "date_to" in cleaned else None,
    )
    cursor = request.GET.get("na", "")

    def build() -> tuple[selectors.InboxPage, str]:
        page = selectors.signal_inbox_page(user=request.user, filters=filters, cursor=cursor)
        return page, str(_inbox_rows_html(page.signals))

    # Cached per visibility scope: the team sees every signal, an area director their own.
    scope = "all" if has_role(request.user, selectors.FULL_INBOX_ROLES) else request.user.pk
    page, rows_html = inbox_cache.cached_page(
        version=version,
        parts=(scope, filters, selectors.decode_cursor(cursor)),
        build=build,
    )
    content = render_to_string(
        "intake/_inbox_page.html",
        {
            "form": form,
            "filters_html": _inbox_filters_html(form),
            "page": page,
            "rows_html": mark_safe(rows_html),  # noqa: S308 (built by _inbox_rows_html)
            "is_first_page": not request.GET.get("na"),
            "first_page_query": urlencode(
                [
                    (key, value)
                    for key in request.GET
                    if key != "na"
                    for value in request.GET.getlist(key)
                ]
            ),
        },
        request=request,
    )
    return render_page(request, title=_("Signalen"), content=content)


def _parse_ids(values: list[str]) -> list[int] | None:
    ids = []
    for value in values:
        value = value.strip()
        if not value.isdigit() or len(value) > MAX_ID_DIGITS:
            return None
        ids.append(int(value))
    return ids


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@role_required(TRIAGE_ROLES)
@require_POST
def link(request: HttpRequest) -> HttpResponse:
    """The selection from the inbox or the signal page: link it, or start a new challenge."""
    back = _safe_next(request, reverse("intake:inbox"))
    ids = _parse_ids(request.POST.getlist("signal"))
    if ids is None:
        messages.error(request, _("De selectie van signalen is ongeldig. Er is niets gewijzigd."))
        return redirect(back)
    if not ids:
        messages.error(request, _("Kies eerst een of meer signalen."))
        return redirect(back)
    signals = list(selectors.signals_visible_to(request.user).filter(pk__in=ids))
    if len(signals) != len(set(ids)):
        messages.error(
            request,
            _(
                "Een of meer gekozen signalen bestaan niet of vallen buiten uw kernen. "
                "Er is niets gewijzigd."
            ),
        )
        return redirect(back)
    signals.sort(key=lambda s: (s.received_at, s.pk))

    if request.POST.get("action") == "create":
        query = urlencode([("signal", s.pk) for s in signals])
        return redirect(f"{reverse('challenges:create')}?{query}")

    number = request.POST.get("challenge", "")
    if not number.strip():
        messages.error(request, _("Vul het nummer in van de opgave, bijvoorbeeld O-000123."))
        return redirect(back)
    challenge = selectors.challenge_get_by_number(number)
    if challenge is None:
        messages.error(
            request,
            _("Opgave “%(number)s” bestaat niet. Vul een nummer in zoals O-000123 of 123.")
            % {"number": number.strip()[:20]},
        )
        return redirect(back)
    try:
        linked = challenge_link_signals(challenge=challenge, signals=signals, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(back)
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


def _get_signal_or_404(request: HttpRequest, pk: int) -> Signal:
    signal = selectors.signal_get_for_staff(user=request.user, pk=pk)
    if signal is None:
        raise Http404
    return signal


def _render_detail(request, signal: Signal, dismiss_form=None, status=200) -> HttpResponse:
    reporter = signal.reporter
    show_personal = bool(
        reporter
        and not reporter.anonymised_at
        and selectors.user_may_see_personal_data(user=request.user, signal=signal)
    )
    if show_personal:
        # AVG art. 5(2), accountability: every look at a reporter's details is logged.
        audit_personal_data_read(
            actor=request.user,
            object_type="intake.reporter",
            object_ids=[reporter.pk],
            detail=f"signaal {signal.reference}",
        )
    may_triage = has_role(request.user, TRIAGE_ROLES)
    return render(
        request,
        "intake/signal_detail.html",
        {
            "signal": signal,
            "reporter": reporter,
            "show_personal": show_personal,
            "may_triage": may_triage,
            "dismiss_form": dismiss_form or DismissForm(),
        },
        status=status,
    )


@role_required(STAFF_ROLES)
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _get_signal_or_404(request, pk))


@role_required(TRIAGE_ROLES)
@require_POST
def signal_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    signal = _get_signal_or_404(request, pk)
    form = DismissForm(data=request.POST)
    if form.is_valid():
        try:
            services.signal_dismiss(
                signal=signal, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                # Not about the reason but about the signal (already linked): say so on its page.
                messages.error(request, " ".join(error.messages))
                return redirect("intake:signal_detail", pk=signal.pk)
            _apply_service_errors(form, error)
        else:
            messages.success(
                request, _("Signaal %(ref)s is afgehandeld.") % {"ref": signal.reference}
            )
            return redirect("intake:signal_detail", pk=signal.pk)
    return _render_detail(request, signal, dismiss_form=form, status=400)


@role_required(STAFF_ROLES)
def signal_photo(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """Photos only through this view: staff who may see the signal, never /media/."""
    signal = _get_signal_or_404(request, pk)
    attachment = signal.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    try:
        handle = attachment.image.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    response = FileResponse(handle, content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response
