"""Thin views of the insights dashboard: filters in, measures out, in five formats."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samenspel.accounts.decorators import role_required

from . import exports, permissions, selectors, services
from .forms import FilterForm, WhatIfForm
from .whatif import run_what_if

FORMATS = ("csv",)


def _filter_form(request: HttpRequest) -> FilterForm:
    keys = {"van", "tot", "afdeling"}
    data = request.GET if keys & set(request.GET) else None
    return FilterForm(
        data,
        departments=permissions.visible_departments(request.user),
        default_department=permissions.default_department(request.user),
    )


def _query(request: HttpRequest) -> str:
    params = request.GET.copy()
    for key in ("format", "measure"):
        params.pop(key, None)
    return params.urlencode()


@require_safe
@role_required(permissions.DASHBOARD_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    filters = form.filters()
    if request.GET.get("format"):
        return _csv(request, filters)
    # The worker keeps the ledger current; a stale ledger (no worker in development) is
    # brought up to date here, cheaply, because the sync only reads what is new.
    services.insights_sync_if_stale()
    measures = selectors.dashboard(filters)
    return render(
        request,
        "insights/index.html",
        {"form": form, "filters": filters, "measures": measures, "query": _query(request)},
    )


def _csv(request: HttpRequest, filters: selectors.Filters) -> HttpResponse:
    key = request.GET.get("measure", "")
    if request.GET.get("format") not in FORMATS or key not in selectors.TABLE_KEYS:
        return HttpResponseBadRequest(
            _("Onbekende download: kies format=csv en een bestaande maat."),
            content_type="text/plain; charset=utf-8",
        )
    measures = selectors.dashboard(filters, only=selectors.TABLE_KEYS[key])
    table = selectors.find_table(measures, key)
    if table is None:
        return HttpResponseBadRequest(
            _("Voor deze maat zijn in deze periode geen cijfers."),
            content_type="text/plain; charset=utf-8",
        )
    response = HttpResponse(exports.table_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inzicht-{key}.csv"'
    return response


def _report(request: HttpRequest, kind: str) -> HttpResponse:
    filters = _filter_form(request).filters()
    services.insights_sync_if_stale()
    measures = selectors.dashboard(filters)
    stamp = filters.end.strftime("%Y-%m")
    if kind == "pdf":
        body, content_type = exports.council_report_pdf(measures, filters), "application/pdf"
    elif kind == "xlsx":
        body = exports.figures_xlsx(measures, filters)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body = exports.figures_ods(measures, filters)
        content_type = "application/vnd.oasis.opendocument.spreadsheet"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="raadsrapportage-{stamp}.{kind}"'
    return response


@require_safe
@role_required(permissions.DASHBOARD_ROLES)
def report_pdf(request: HttpRequest) -> HttpResponse:
    return _report(request, "pdf")


@require_safe
@role_required(permissions.DASHBOARD_ROLES)
def report_xlsx(request: HttpRequest) -> HttpResponse:
    return _report(request, "xlsx")


@require_safe
@role_required(permissions.DASHBOARD_ROLES)
def report_ods(request: HttpRequest) -> HttpResponse:
    return _report(request, "ods")


@require_safe
@role_required(permissions.DASHBOARD_ROLES)
def what_if(request: HttpRequest) -> HttpResponse:
    departments = permissions.visible_departments(request.user)
    form = WhatIfForm(request.GET if "seed" in request.GET else None, departments=departments)
    answer = None
    charts_out = []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            answer = run_what_if(
                extra_cohort=data["extra_cohort"],
                min_newcomers=data["min_newcomers"],
                stop_coaching=data["stop_coaching"] or None,
                horizon=data["horizon"],
                seed=data["seed"],
                scenario_names={
                    "cohort": _("nog een groep van 25"),
                    "newcomers": _("nieuwkomers in elke coalitie"),
                    "stop": _("team stopt met coachen"),
                },
            )
        except ValueError:
            form.add_error(None, _("Er is nog te weinig geschiedenis om te simuleren."))
        else:
            charts_out = selectors.what_if_charts(answer)
    return render(
        request,
        "insights/what_if.html",
        {"form": form, "answer": answer, "tables": charts_out},
    )
