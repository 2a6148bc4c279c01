"""Reads of the insights dashboard: every measure of design §5 from aggregates.

Each measure reads the monthly aggregates, the network snapshots or a grouped query, never
the ledger row by row, and returns a ``Measure``: title, one sentence on how it is computed,
the key figures as sentences, and its charts with the same numbers as tables. The page, the
CSV, the PDF and the spreadsheets all draw from these objects, so they never disagree.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg, Count, Max, Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from samenspel.challenges.models import Challenge
from samenspel.intake.models import Signal
from samenspel.learning.models import Enrolment, FinalEvaluation
from samenspel.organisation.models import Department, Employee
from samenspel.places.models import Kern

from . import charts, forecast
from .models import (
    ChallengeMonth,
    CoalitionMonth,
    MonthlyDepartmentStat,
    NetworkSnapshot,
    ResponseMonth,
)
from .services import month_of, quarter_of

QUIET_DAYS = 182
ALUMNI_WINDOW_DAYS = 182
FORECAST_REPLICATES = 200


def response_norm_days() -> int:
    return int(getattr(settings, "SAMENSPEL_RESPONSE_NORM_DAYS", 10))


def superfluous_threshold() -> float:
    return float(getattr(settings, "SAMENSPEL_SUPERFLUOUS_THRESHOLD", 0.8))


@dataclass(frozen=True)
class Filters:
    """The period (whole months, ``end`` included) and optionally one department."""

    start: dt.date
    end: dt.date
    department: Department | None = None

    @property
    def end_exclusive(self) -> dt.date:
        return add_months(self.end, 1)

    def aware(self, day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))

    @property
    def label(self) -> str:
        scope = self.department.name if self.department else _("hele organisatie")
        return _("%(start)s t/m %(end)s, %(scope)s") % {
            "start": self.start.strftime("%m-%Y"),
            "end": self.end.strftime("%m-%Y"),
            "scope": scope,
        }


@dataclass(frozen=True)
class Table:
    """One chart and its table; ``key`` names the CSV download."""

    key: str
    caption: str
    chart: charts.Chart


@dataclass
class Measure:
    key: str
    title: str
    how: str
    figures: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    note: str = ""


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def month_range(start: dt.date, end: dt.date) -> list[dt.date]:
    months, current = [], start
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months


def default_filters(*, department: Department | None = None, months: int = 24) -> Filters:
    end = month_of(timezone.localdate())
    return Filters(start=add_months(end, -(months - 1)), end=end, department=department)


def percent(value: float | None) -> str:
    return "-" if value is None else f"{round(value * 100)}%"


def _headcount(department: Department | None) -> tuple[int, int, dict[int, int]]:
    """Active employees (total or in the department), team members, and per department."""
    per_department = dict(
        Employee.objects.filter(active=True)
        .values_list("department_id")
        .annotate(n=Count("id"))
        .values_list("department_id", "n")
    )
    team = Employee.objects.filter(active=True, is_development_team=True)
    if department is not None:
        team = team.filter(department=department)
        return per_department.get(department.pk, 0), team.count(), per_department
    return sum(per_department.values()), team.count(), per_department


def _cached(prefix: str, payload: object, compute):
    """Forecasts are bootstrapped: cache them keyed by their exact input."""
    digest = hashlib.sha256(json.dumps(payload, default=str).encode()).hexdigest()[:32]
    key = f"insights:{prefix}:{digest}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, 24 * 3600)
    return value


# ---------------------------------------------------------------------------------------------
# Reach


def reach_measure(filters: Filters) -> Measure:
    department = filters.department
    headcount, team, per_department = _headcount(department)
    stats = MonthlyDepartmentStat.objects.filter(month__lte=filters.end)
    rows = list(stats.values_list("month", "department_id", "first_time"))
    first_by_month: dict[dt.date, int] = defaultdict(int)
    engaged_by_department: dict[int, int] = defaultdict(int)
    for month, department_id, first in rows:
        if department is None or department_id == department.pk:
            first_by_month[month] += first
        engaged_by_department[department_id] += first
    months = month_range(filters.start, filters.end)
    cumulative, running, series = 0, 0, []
    ordered = sorted(first_by_month)
    index = 0
    for month in months:
        while index < len(ordered) and ordered[index] <= month:
            running += first_by_month[ordered[index]]
            index += 1
        cumulative = running
        series.append(cumulative / headcount if headcount else 0.0)
    measure = Measure(
        key="reach",
        title=_("Bereik"),
        how=_(
            "Aandeel van de medewerkers die nu in dienst zijn met ten minste één "
            "betrokkenheid (coalitie, opgave getrokken, gecoacht, leergang afgerond, les "
            "geschreven, handvat gebruikt) tot en met die maand."
        ),
    )
    measure.figures.append(
        _("Bereik aan het eind van de periode: %(share)s (%(engaged)d van %(total)d).")
        % {"share": percent(series[-1] if series else 0), "engaged": cumulative, "total": headcount}
    )
    measure.tables.append(
        Table(
            "reach",
            _("Bereik per maand"),
            charts.line_chart(
                chart_id="chart-reach",
                title=_("Bereik per maand"),
                description=_("Aandeel medewerkers met ten minste één betrokkenheid, per maand."),
                series=[charts.LineSeries(_("bereik"), months, series)],
                x_label=_("maand"),
                y_label=_("aandeel"),
                y_format=charts.format_percent,
                y_min=0.0,
                y_max=1.0,
            ),
        )
    )
    names = dict(Department.objects.values_list("id", "name"))
    bars = [
        (names.get(d, "?"), engaged_by_department.get(d, 0) / n)
        for d, n in sorted(per_department.items(), key=lambda item: names.get(item[0], ""))
        if n and (department is None or d == department.pk)
    ]
    measure.tables.append(
        Table(
            "reach_departments",
            _("Bereik per afdeling aan het eind van de periode"),
            charts.bar_chart(
                chart_id="chart-reach-departments",
                title=_("Bereik per afdeling"),
                description=_(
                    "Aandeel medewerkers met ten minste één betrokkenheid, per afdeling."
                ),
                bars=bars,
                label_column=_("afdeling"),
                value_column=_("bereik"),
                value_format=charts.format_percent,
                max_value=1.0,
            ),
        )
    )
    _reach_forecast(measure, first_by_month, headcount, team, filters)
    return measure


def _reach_forecast(
    measure: Measure,
    first_by_month: dict[dt.date, int],
    headcount: int,
    team: int,
    filters: Filters,
) -> None:
    threshold = superfluous_threshold()
    observed = sorted(m for m in first_by_month if m <= filters.end)
    if not observed or not headcount:
        measure.note = _("Nog geen betrokkenheid vastgelegd: geen voorspelling mogelijk.")
        return
    launch = observed[0]
    months = month_range(launch, filters.end)
    running, dates, values = 0, [], []
    for month in months:
        running += first_by_month.get(month, 0)
        dates.append(add_months(month, 1))
        values.append(running / headcount)
    payload = {"d": [d.isoformat() for d in dates], "v": values, "t": threshold, "b": team}

    def compute():
        return forecast.forecast_reach(
            launch=launch,
            dates=dates,
            values=values,
            threshold=threshold,
            ceiling=1.0,
            baseline=team / headcount,
            replicates=FORECAST_REPLICATES,
        )

    result = _cached("reach", payload, compute)
    language = get_language() or "nl"
    sentence = forecast.describe(result, language)
    if result.ok:
        chosen = {"bass": "Bass", "logistic": _("logistisch")}.get(result.model or "", "")
        sentence = _(
            "%(threshold)s bereik (vast plafond: alle medewerkers; model %(model)s, gekozen op "
            "AICc): %(sentence)s"
        ) % {"threshold": percent(threshold), "model": chosen, "sentence": sentence}
        xs = [point.when for point in result.curve]
        measure.tables.append(
            Table(
                "reach_forecast",
                _("Voorspeld bereik met onzekerheidsband"),
                charts.line_chart(
                    chart_id="chart-reach-forecast",
                    title=_("Voorspeld bereik"),
                    description=sentence,
                    series=[
                        charts.LineSeries(_("waargenomen"), dates, values),
                        charts.LineSeries(
                            _("voorspeld"),
                            xs,
                            [p.fitted for p in result.curve],
                            lower=[p.lower for p in result.curve],
                            upper=[p.upper for p in result.curve],
                        ),
                    ],
                    x_label=_("maand"),
                    y_label=_("aandeel"),
                    y_format=charts.format_percent,
                    y_min=0.0,
                    y_max=1.0,
                    threshold=threshold,
                    threshold_label=_("drempel"),
                    band_labels=(_("ondergrens"), _("bovengrens")),
                ),
            )
        )
    measure.figures.append(sentence)


# ---------------------------------------------------------------------------------------------
# Generations and R, collaboration network (worker snapshots)


def _snapshots(filters: Filters) -> list[NetworkSnapshot]:
    return list(
        NetworkSnapshot.objects.filter(
            quarter__gte=quarter_of(filters.start), quarter__lte=quarter_of(filters.end)
        )
    )


def generations_measure(filters: Filters, snapshots: list[NetworkSnapshot]) -> Measure:
    measure = Measure(
        key="generations",
        title=_("Generaties en R"),
        how=_(
            "Het ontwikkelteam is generatie 0; wie voor het eerst in een coalitie zit, is één "
            "generatie verder dan de laagste generatie van de collega's daarin. R is het "
            "gemiddelde aantal nieuwe collega's dat een betrokken medewerker in coalities "
            "meebrengt (alleen wie al een half jaar betrokken is; R boven 1: de sneeuwbal groeit)."
        ),
    )
    if not snapshots:
        measure.note = _(
            "Nog geen momentopname van het netwerk in deze periode: de worker berekent die "
            "dagelijks."
        )
        return measure
    last = snapshots[-1]
    key = str(filters.department.pk) if filters.department else "all"
    sizes = {int(g): n for g, n in last.generations.get(key, {}).items()}
    measure.figures.append(
        _("R aan het eind van de periode (hele organisatie): %(r)s.")
        % {"r": "-" if last.reproduction is None else f"{last.reproduction:.2f}"}
    )
    measure.tables.append(
        Table(
            "generations",
            _("Medewerkers per generatie"),
            charts.bar_chart(
                chart_id="chart-generations",
                title=_("Medewerkers per generatie"),
                description=_("Aantal medewerkers per generatie van de sneeuwbal."),
                bars=[(_("generatie %(g)d") % {"g": g}, n) for g, n in sorted(sizes.items())],
                label_column=_("generatie"),
                value_column=_("medewerkers"),
            ),
        )
    )
    measure.tables.append(
        Table(
            "reproduction",
            _("R per kwartaal"),
            charts.line_chart(
                chart_id="chart-reproduction",
                title=_("R per kwartaal"),
                description=_("Gemiddeld aantal nieuwe collega's per betrokken medewerker."),
                series=[
                    charts.LineSeries(
                        "R",
                        [s.quarter for s in snapshots],
                        [s.reproduction for s in snapshots],
                    )
                ],
                x_label=_("kwartaal"),
                y_label="R",
                y_min=0.0,
                threshold=1.0,
                threshold_label="R = 1",
            ),
        )
    )
    return measure


def network_measure(filters: Filters, snapshots: list[NetworkSnapshot]) -> Measure:
    measure = Measure(
        key="network",
        title=_("Samenwerkingsnetwerk"),
        how=_(
            "Medewerkers zijn verbonden als ze samen in een coalitie zaten. We tellen het "
            "aandeel verbindingen tussen afdelingen, het aandeel medewerkers in de grootste "
            "samenhangende groep en de gemiddelde tussenpositie (betweenness) van het "
            "ontwikkelteam, per kwartaal berekend door de worker."
        ),
    )
    if not snapshots:
        measure.note = _(
            "Nog geen momentopname van het netwerk in deze periode: de worker berekent die "
            "dagelijks."
        )
        return measure
    quarters = [s.quarter for s in snapshots]
    if filters.department:
        key = str(filters.department.pk)
        cross = [s.by_department.get(key, {}).get("cross_share", 0.0) for s in snapshots]
    else:
        cross = [s.cross_department_share for s in snapshots]
    last = snapshots[-1]
    measure.figures.append(
        _(
            "Laatste kwartaal: %(links)d verbindingen, %(cross)s tussen afdelingen, "
            "%(largest)s in de grootste groep, tussenpositie ontwikkelteam %(between)s."
        )
        % {
            "links": last.links,
            "cross": percent(cross[-1]),
            "largest": percent(last.largest_connected_share),
            "between": f"{last.team_betweenness:.3f}",
        }
    )
    measure.tables.append(
        Table(
            "network",
            _("Netwerk per kwartaal"),
            charts.line_chart(
                chart_id="chart-network",
                title=_("Samenwerkingsnetwerk per kwartaal"),
                description=_(
                    "Aandeel verbindingen tussen afdelingen, aandeel in de grootste groep en "
                    "tussenpositie van het ontwikkelteam."
                ),
                series=[
                    charts.LineSeries(_("tussen afdelingen"), quarters, cross),
                    charts.LineSeries(
                        _("grootste groep"),
                        quarters,
                        [s.largest_connected_share for s in snapshots],
                    ),
                    charts.LineSeries(
                        _("tussenpositie ontwikkelteam"),
                        quarters,
                        [s.team_betweenness for s in snapshots],
                    ),
                ],
                x_label=_("kwartaal"),
                y_label=_("aandeel"),
                y_min=0.0,
                y_max=1.0,
            ),
        )
    )
    return measure


# ---------------------------------------------------------------------------------------------
# Self-reliance


def self_reliance_measure(filters: Filters) -> Measure:
    threshold = superfluous_threshold()
    months_read = ChallengeMonth.objects.filter(month__lte=filters.end)
    if filters.department:
        months_read = months_read.filter(department=filters.department)
    rows = months_read.values_list("month", "started", "self_reliant")
    per_quarter: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
    for month, started, reliant in rows:
        day = month.date() if isinstance(month, dt.datetime) else month
        cell = per_quarter[quarter_of(day)]
        cell[0] += started
        cell[1] += reliant
    measure = Measure(
        key="self_reliance",
        title=_("Zelfstandigheid"),
        how=_(
            "Aandeel van de opgaven die in een kwartaal zijn gestart waarin de rol van het "
            "ontwikkelteam 'geen' of 'adviseren' is. Het team is overbodig als dit twee "
            "kwartalen achter elkaar boven %(threshold)s blijft."
        )
        % {"threshold": percent(threshold)},
    )
    quarters = sorted(per_quarter)
    shown = [q for q in quarters if q >= quarter_of(filters.start)]
    values = [per_quarter[q][1] / per_quarter[q][0] for q in shown]
    measure.tables.append(
        Table(
            "self_reliance",
            _("Zelfstandigheid per kwartaal"),
            charts.line_chart(
                chart_id="chart-self-reliance",
                title=_("Zelfstandigheid per kwartaal"),
                description=_("Aandeel opgaven zonder coachende rol van het ontwikkelteam."),
                series=[charts.LineSeries(_("zelfstandigheid"), shown, values)],
                x_label=_("kwartaal"),
                y_label=_("aandeel"),
                y_format=charts.format_percent,
                y_min=0.0,
                y_max=1.0,
                threshold=threshold,
                threshold_label=_("drempel"),
            ),
        )
    )
    if not quarters:
        measure.note = _("Geen opgaven in deze periode.")
        return measure
    # Quarters without challenges are gaps, not zeros: the forecast skips them.
    full = []
    quarter = quarters[0]
    while quarter <= quarters[-1]:
        full.append(quarter)
        quarter = add_months(quarter, 3)
    started = [per_quarter.get(q, [0, 0])[0] for q in full]
    reliant = [per_quarter.get(q, [0, 0])[1] for q in full]
    payload = {"q": [q.isoformat() for q in full], "s": started, "r": reliant, "t": threshold}
    result = _cached(
        "self_reliance",
        payload,
        lambda: forecast.forecast_self_reliance(
            quarter_starts=full,
            started=started,
            self_reliant=reliant,
            threshold=threshold,
            replicates=FORECAST_REPLICATES,
        ),
    )
    language = get_language() or "nl"
    if values:
        measure.figures.append(
            _("Laatste kwartaal in de periode: %(share)s.") % {"share": percent(values[-1])}
        )
    measure.figures.append(
        _("Ontwikkelteam overbodig (binomiale logistische regressie per kwartaal): %(s)s")
        % {"s": forecast.describe(result, language)}
    )
    if result.ok:
        points = result.quarters
        measure.tables.append(
            Table(
                "self_reliance_forecast",
                _("Voorspelde zelfstandigheid met onzekerheidsband"),
                charts.line_chart(
                    chart_id="chart-self-reliance-forecast",
                    title=_("Voorspelde zelfstandigheid"),
                    description=forecast.describe(result, language),
                    series=[
                        charts.LineSeries(
                            _("waargenomen"),
                            [p.start for p in points],
                            [p.observed for p in points],
                        ),
                        charts.LineSeries(
                            _("voorspeld"),
                            [p.start for p in points],
                            [p.fitted for p in points],
                            lower=[p.lower for p in points],
                            upper=[p.upper for p in points],
                        ),
                    ],
                    x_label=_("kwartaal"),
                    y_label=_("aandeel"),
                    y_format=charts.format_percent,
                    y_min=0.0,
                    y_max=1.0,
                    threshold=threshold,
                    threshold_label=_("drempel"),
                    band_labels=(_("ondergrens"), _("bovengrens")),
                ),
            )
        )
    return measure


# ---------------------------------------------------------------------------------------------
# Responsiveness


def responsiveness_measure(filters: Filters, *, today: dt.date | None = None) -> Measure:
    norm = response_norm_days()
    today = today or timezone.localdate()
    months_read = ResponseMonth.objects.filter(month__gte=filters.start, month__lte=filters.end)
    if filters.department:
        months_read = months_read.filter(department=filters.department)
    cells = list(
        months_read.values_list("month", "received", "response_days", "working_days", "open_days")
    )
    measure = Measure(
        key="responsiveness",
        title=_("Responsiviteit"),
        how=_(
            "Tijd van ontvangst van een signaal tot het eerste antwoord aan de melder (mediaan "
            "in kalenderdagen) en het aandeel beantwoord binnen de norm van %(norm)d werkdagen "
            "(maandag tot en met vrijdag, feestdagen niet uitgezonderd); signalen die nog "
            "binnen de norm vallen en onbeantwoord zijn tellen nog niet mee."
        )
        % {"norm": norm},
    )
    per_month: dict[dt.date, list] = defaultdict(list)
    within_month: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
    count = sum(received for _m, received, _r, _w, _o in cells)
    if count:
        # Open signals count once their working days exceed the norm: that depends on today.
        open_dates = sorted({day for *_rest, open_days in cells for day in open_days})
        overdue = dict(
            zip(
                open_dates,
                np.busday_count(np.array(open_dates, dtype="datetime64[D]"), today) > norm,
                strict=True,
            )
        )
        for month, _received, response_days, working_days, open_days in cells:
            per_month[month].extend(response_days)
            answered = sum(working_days.values())
            within = sum(n for days, n in working_days.items() if int(days) <= norm)
            late_open = sum(n for day, n in open_days.items() if overdue[day])
            within_month[month][0] += answered + late_open
            within_month[month][1] += within
        every = [days for month in per_month for days in per_month[month]]
        median = float(np.median(every)) if every else None
        decided = sum(cell[0] for cell in within_month.values())
        within_all = sum(cell[1] for cell in within_month.values())
        share = within_all / decided if decided else None
        measure.figures.append(
            _(
                "%(count)d signalen; mediaan tot eerste antwoord %(median)s dagen; "
                "%(share)s binnen de norm."
            )
            % {
                "count": count,
                "median": "-" if median is None else f"{median:.1f}",
                "share": percent(share),
            }
        )
    else:
        measure.note = _("Geen signalen in deze periode.")
    months = month_range(filters.start, filters.end)
    measure.tables.append(
        Table(
            "responsiveness",
            _("Antwoord binnen de norm per maand"),
            charts.line_chart(
                chart_id="chart-responsiveness",
                title=_("Antwoord binnen de norm per maand"),
                description=_("Aandeel signalen beantwoord binnen de norm, per maand."),
                series=[
                    charts.LineSeries(
                        _("binnen de norm"),
                        months,
                        [
                            (within_month[m][1] / within_month[m][0])
                            if within_month[m][0]
                            else None
                            for m in months
                        ],
                    ),
                    charts.LineSeries(
                        _("mediaan dagen (gedeeld door norm)"),
                        months,
                        [
                            (statistics.median(per_month[m]) / norm) if per_month[m] else None
                            for m in months
                        ],
                    ),
                ],
                x_label=_("maand"),
                y_label=_("aandeel"),
                y_min=0.0,
            ),
        )
    )
    return measure


# ---------------------------------------------------------------------------------------------
# Kern coverage


def kern_coverage_measure(filters: Filters) -> Measure:
    start, end = filters.aware(filters.start), filters.aware(filters.end_exclusive)
    quiet_since = end - dt.timedelta(days=QUIET_DAYS)
    signals = Signal.objects.filter(kern__isnull=False, received_at__lt=end)
    challenges = Challenge.objects.filter(created_at__lt=end)
    if filters.department:
        signals = signals.filter(challenge__owner_department=filters.department)
        challenges = challenges.filter(owner_department=filters.department)
    signal_counts = {
        row["kern"]: row
        for row in signals.values("kern").annotate(
            n=Count("id", filter=Q(received_at__gte=start)),
            recent=Count("id", filter=Q(received_at__gte=quiet_since)),
        )
    }
    challenge_counts = {
        row["kernen"]: row
        for row in challenges.filter(kernen__isnull=False)
        .values("kernen")
        .annotate(
            n=Count("id", filter=Q(created_at__gte=start)),
            recent=Count("id", filter=Q(created_at__gte=quiet_since)),
        )
    }
    kernen = list(Kern.objects.order_by("name"))
    points, flagged = [], []
    for kern in kernen:
        s = signal_counts.get(kern.pk, {"n": 0, "recent": 0})
        c = challenge_counts.get(kern.pk, {"n": 0, "recent": 0})
        per_thousand = (s["n"] + c["n"]) / kern.population * 1000 if kern.population else 0.0
        quiet = not (s["recent"] or c["recent"])
        if quiet:
            flagged.append(kern.name)
        if kern.latitude is not None and kern.longitude is not None:
            points.append(
                charts.MapPoint(
                    kern.name,
                    float(kern.latitude),
                    float(kern.longitude),
                    round(per_thousand, 2),
                    quiet,
                )
            )
    measure = Measure(
        key="kernen",
        title=_("Dekking van de kernen"),
        how=_(
            "Signalen en opgaven in de periode per 1.000 inwoners van de kern; kernen zonder "
            "signaal of opgave in de zes maanden voor het eind van de periode zijn gemarkeerd."
        ),
    )
    measure.figures.append(
        _("Kernen zonder activiteit in zes maanden: %(names)s.")
        % {"names": ", ".join(flagged) if flagged else _("geen")}
    )
    measure.tables.append(
        Table(
            "kernen",
            _("Signalen en opgaven per 1.000 inwoners per kern"),
            charts.kern_map(
                chart_id="chart-kernen",
                title=_("Kaart van de kernen naar dekking"),
                description=_(
                    "Cirkels op de ligging van de kernen; groter en donkerder is meer signalen "
                    "en opgaven per 1.000 inwoners. Een gestippelde oranje ring markeert een kern "
                    "zonder activiteit in zes maanden."
                ),
                points=points,
                name_column=_("kern"),
                value_column=_("per 1.000 inwoners"),
                flag_column=_("geen activiteit in zes maanden"),
                flag_label=_("geen activiteit"),
            ),
        )
    )
    return measure


# ---------------------------------------------------------------------------------------------
# Learning


def learning_measure(filters: Filters) -> Measure:
    start, end = filters.aware(filters.start), filters.aware(filters.end_exclusive)
    completed = Enrolment.objects.filter(completed_at__gte=start, completed_at__lt=end)
    if filters.department:
        completed = completed.filter(employee__department=filters.department)
    cohorts = list(
        completed.values("cohort_id", "cohort__name")
        .annotate(alumni=Count("id"), done=Max("completed_at"))
        .order_by("done")
    )
    attended = Enrolment.objects.filter(
        status__in=(Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED)
    ).values("employee_id")
    colleagues = Employee.objects.filter(active=True, is_development_team=False).exclude(
        id__in=attended
    )
    if filters.department:
        colleagues = colleagues.filter(department=filters.department)
    colleague_count = colleagues.count()
    window = dt.timedelta(days=ALUMNI_WINDOW_DAYS)
    colleague_ids = colleagues.values("id")
    scores = dict(
        FinalEvaluation.objects.filter(enrolment__cohort_id__in=[c["cohort_id"] for c in cohorts])
        .values("enrolment__cohort_id")
        .annotate(avg=Avg("score"))
        .values_list("enrolment__cohort_id", "avg")
    )
    rows = []
    for cohort in cohorts:
        alumni = completed.filter(cohort_id=cohort["cohort_id"]).values("employee_id")
        begin, until = cohort["done"], cohort["done"] + window
        # In a coalition within [begin, until): a month strictly inside the window counts
        # whole, the two edge months by their first and last moment (CoalitionMonth).
        joined = CoalitionMonth.objects.filter(
            month__gte=month_of(begin),
            month__lte=month_of(until),
            last_at__gte=begin,
            first_at__lt=until,
        ).aggregate(
            alumni=Count("employee_id", distinct=True, filter=Q(employee_id__in=alumni)),
            others=Count("employee_id", distinct=True, filter=Q(employee_id__in=colleague_ids)),
        )
        score = scores.get(cohort["cohort_id"])
        rows.append(
            (
                cohort["cohort__name"],
                cohort["alumni"],
                joined["alumni"] / cohort["alumni"],
                joined["others"] / colleague_count if colleague_count else 0.0,
                round(score, 1) if score is not None else None,
            )
        )
    measure = Measure(
        key="learning",
        title=_("Effect van de leergang"),
        how=_(
            "Per groep die de leergang in de periode afrondde: het aandeel alumni dat binnen "
            "zes maanden na afronding in een coalitie zat, naast het aandeel van de collega's "
            "die de leergang niet volgden in dezelfde zes maanden, en het gemiddelde "
            "eindcijfer."
        ),
    )
    if not rows:
        measure.note = _("Geen groep rondde de leergang af in deze periode.")
    for name, count, alumni_share, other_share, score in rows:
        measure.figures.append(
            _(
                "%(name)s: %(count)d alumni, %(alumni)s in een coalitie binnen zes maanden, "
                "tegen %(others)s van de collega's zonder leergang; eindcijfer %(score)s."
            )
            % {
                "name": name,
                "count": count,
                "alumni": percent(alumni_share),
                "others": percent(other_share),
                "score": "-" if score is None else score,
            }
        )
    bars = []
    alumni_label, others_label = _("alumni"), _("overige collega's")
    for name, _count, alumni_share, other_share, _score in rows:
        bars.append((f"{name}: {alumni_label}", alumni_share))
        bars.append((f"{name}: {others_label}", other_share))
    measure.tables.append(
        Table(
            "learning",
            _("In een coalitie binnen zes maanden: alumni en overige collega's"),
            charts.bar_chart(
                chart_id="chart-learning",
                title=_("Alumni en overige collega's in een coalitie binnen zes maanden"),
                description=_("Aandeel per groep van de leergang."),
                bars=bars,
                label_column=_("groep"),
                value_column=_("aandeel in een coalitie"),
                value_format=charts.format_percent,
                max_value=1.0,
            ),
        )
    )
    return measure


# ---------------------------------------------------------------------------------------------


MEASURE_KEYS = (
    "reach",
    "generations",
    "self_reliance",
    "responsiveness",
    "kernen",
    "network",
    "learning",
)


def dashboard(filters: Filters, only: str | None = None) -> list[Measure]:
    """Every measure of the dashboard (or one, by key) for the filters."""
    wanted = set(MEASURE_KEYS) if only is None else {only}
    snapshots = _snapshots(filters) if wanted & {"generations", "network"} else []
    builders = {
        "reach": lambda: reach_measure(filters),
        "generations": lambda: generations_measure(filters, snapshots),
        "self_reliance": lambda: self_reliance_measure(filters),
        "responsiveness": lambda: responsiveness_measure(filters),
        "kernen": lambda: kern_coverage_measure(filters),
        "network": lambda: network_measure(filters, snapshots),
        "learning": lambda: learning_measure(filters),
    }
    return [builders[key]() for key in MEASURE_KEYS if key in wanted]


def find_table(measures: list[Measure], key: str) -> Table | None:
    for measure in measures:
        for table in measure.tables:
            if table.key == key:
                return table
    return None


TABLE_KEYS = {
    "reach": "reach",
    "reach_departments": "reach",
    "reach_forecast": "reach",
    "generations": "generations",
    "reproduction": "generations",
    "self_reliance": "self_reliance",
    "self_reliance_forecast": "self_reliance",
    "responsiveness": "responsiveness",
    "kernen": "kernen",
    "network": "network",
    "learning": "learning",
}


def what_if_charts(answer) -> list[Table]:
    """Reach and self-reliance per scenario: median with the 10-90% band of the runs."""
    results = answer.results
    months = [add_months(answer.start, m + 1) for m in range(len(results[0].months))]
    tables = []
    for key, title, attribute in (
        ("what_if_reach", _("Bereik per scenario"), "reach"),
        ("what_if_self_reliance", _("Zelfstandigheid per scenario"), "self_reliance"),
    ):
        series = [
            charts.LineSeries(
                result.scenario.name if result.scenario.name != "baseline" else _("zoals nu"),
                months,
                list(getattr(result, attribute).median),
                lower=list(getattr(result, attribute).low),
                upper=list(getattr(result, attribute).high),
            )
            for result in results
        ]
        tables.append(
            Table(
                key,
                title,
                charts.line_chart(
                    chart_id=f"chart-{key.replace('_', '-')}",
                    title=title,
                    description=_("Mediaan van de simulaties met de band van 10% tot 90%."),
                    series=series,
                    x_label=_("maand"),
                    y_label=_("aandeel"),
                    y_format=charts.format_percent,
                    y_min=0.0,
                    y_max=1.0,
                    band_labels=(_("10%"), _("90%")),
                ),
            )
        )
    return tables
