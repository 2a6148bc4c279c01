"""Forecasts: when will the reach curve and self-reliance pass a threshold?

A pure module (numpy and scipy, no Django). Two questions from design §5:

Reach (``forecast_reach``)
    A cumulative adoption series (for example the share of employees with at least one
    engagement, month by month since the development team started) is fitted with two curves:

    * logistic: ``Y(t) = m / (1 + exp(-k (t - t0)))``;
    * Bass (1969): ``Y(t) = b + (m - b) F(t)`` with
      ``F(t) = (1 - exp(-(p + q) t)) / (1 + (q / p) exp(-(p + q) t))``, ``b`` the level at
      launch (the development team itself is engaged from day one) and ``t`` the time since
      launch. ``p`` is the innovation rate (colleagues who start on their own), ``q`` the
      imitation rate (colleagues brought in by engaged colleagues).

    The ceiling ``m`` is either free or FIXED to what is known (the headcount, or 1.0 for a
    share). On a simulated organisation fits with a free ceiling mostly said that 80% would
    never be reached, while a fixed ceiling with only ``p`` and ``q`` fitted hit the true date
    within about a month from nine months of data on; pass the ceiling whenever it is known.

    Model choice: the smallest AICc (Akaike's criterion with the small-sample correction,
    Hurvich & Tsai 1989) of the least-squares fit on the cumulative series. Both curves have
    the same number of parameters for a given ceiling mode, so this is the better fit, with the
    correction only mattering when free and fixed fits are compared.

    Uncertainty: a residual bootstrap on the increments (the new adopters per period). New
    adopters are close to independent from period to period while the cumulative series is
    not, and their variance grows with their expected number; so each replicate adds resampled
    Pearson residuals, scaled by ``sqrt(expected increment)``, to the fitted increments, sums
    them up again and refits. The band is the percentile interval of the threshold dates of
    the replicates (95% by default); it is seeded and therefore repeatable.

Self-reliance (``forecast_self_reliance``)
    The share of challenges started in a quarter in which the team's role is ``none`` or
    ``advise``, fitted as a binomial logistic regression on the quarter index (bounded 0..1,
    weighted by the number of challenges). The team is superfluous when the share stays above
    the threshold for two quarters; the answer is the end of the second such quarter, with a
    parametric bootstrap band.

When the data cannot support a forecast the answer says so (``ok`` is false) with a reason in
Dutch and English, instead of a line: too few points, no growth, the fit fails, the threshold
is already reached or cannot be reached under the (fitted) ceiling, the expected date lies
beyond the horizon, or the band is unbounded or wider than the horizon.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike
from scipy.special import expit

DAYS_PER_MONTH = 365.2425 / 12
MIN_POINTS = 5
MIN_QUARTERS = 4
MAX_FAILED_REPLICATES = 0.2

Model = Literal["logistic", "bass"]


# ---------------------------------------------------------------------------------------------
# Dates


def months_between(start: date, end: date) -> float:
    """Calendar months from ``start`` to ``end``, the remaining days as a fraction of a month."""
    return (
        12 * (end.year - start.year)
        + (end.month - start.month)
        + (end.day - start.day) / (DAYS_PER_MONTH)
    )


def add_months(start: date, months: float) -> date:
    """The date ``months`` calendar months after ``start`` (inverse of ``months_between``)."""
    whole = math.floor(months)
    index = start.month - 1 + whole
    year, month = start.year + index // 12, index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) + timedelta(days=round((months - whole) * DAYS_PER_MONTH))


# ---------------------------------------------------------------------------------------------
# Curves


def bass_fraction(t: np.ndarray, p: np.ndarray | float, q: np.ndarray | float) -> np.ndarray:
    """Bass's cumulative adoption fraction F(t), 0 at launch and 1 in the limit."""
    decay = np.exp(-(np.asarray(p) + np.asarray(q)) * np.asarray(t))
    return (1.0 - decay) / (1.0 + (np.asarray(q) / np.asarray(p)) * decay)


def bass_cumulative(
    t: np.ndarray, m: float, p: float, q: float, baseline: float = 0.0
) -> np.ndarray:
    """Cumulative adopters of the Bass model: ``baseline`` at launch, ``m`` in the limit."""
    return baseline + (m - baseline) * bass_fraction(t, p, q)


def bass_time_to(level: float, m: float, p: float, q: float, baseline: float = 0.0) -> float:
    """Time since launch at which the Bass curve reaches ``level`` (inf if it never does)."""
    return float(_bass_time_to(np.array([level]), m, p, q, baseline)[0])


def _bass_time_to(
    level: ArrayLike, m: ArrayLike, p: ArrayLike, q: ArrayLike, baseline: float = 0.0
) -> np.ndarray:
    m, p, q = np.asarray(m, float), np.asarray(p, float), np.asarray(q, float)
    fraction = (np.asarray(level, float) - baseline) / (m - baseline)
    with np.errstate(divide="ignore", invalid="ignore"):
        decay = (1.0 - fraction) / (1.0 + (q / p) * fraction)
        t = -np.log(decay) / (p + q)
    t = np.where(fraction <= 0, 0.0, t)
    return np.where((fraction >= 1) | ~np.isfinite(t), np.inf, t)


def logistic_cumulative(t: np.ndarray, m: float, k: float, t0: float) -> np.ndarray:
    """The logistic curve with ceiling ``m``, rate ``k`` and midpoint ``t0``."""
    # expit, not 1 / (1 + exp(-x)): the same value without overflowing for a far-off midpoint.
    return m * expit(np.asarray(k) * (np.asarray(t) - np.asarray(t0)))


def _logistic_time_to(level: ArrayLike, m: ArrayLike, k: ArrayLike, t0: ArrayLike) -> np.ndarray:
    m, k, t0 = np.asarray(m, float), np.asarray(k, float), np.asarray(t0, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = t0 - np.log(m / np.asarray(level, float) - 1.0) / k
    return np.where((np.asarray(level) >= m) | ~np.isfinite(t), np.inf, t)


@dataclass(frozen=True)
class _Spec:
    """One curve in one ceiling mode, in an unconstrained parameterisation ``theta``."""

    model: Model
    ceiling: float | None
    baseline: float

    @property
    def names(self) -> tuple[str, ...]:
        base = ("p", "q") if self.model == "bass" else ("k", "t0")
        return base if self.ceiling is not None else (*base, "m")

    def params(self, theta: np.ndarray) -> dict[str, np.ndarray]:
        """Natural parameters from theta (rows are replicates)."""
        theta = np.atleast_2d(theta)
        if self.model == "bass":
            out = {"p": np.exp(theta[:, 0]), "q": np.exp(theta[:, 1])}
        else:
            out = {"k": np.exp(theta[:, 0]), "t0": theta[:, 1]}
        out["m"] = (
            np.full(theta.shape[0], self.ceiling)
            if self.ceiling is not None
            else np.exp(theta[:, 2])
        )
        return out

    def curve(self, theta: np.ndarray, t: np.ndarray) -> np.ndarray:
        """Curve values, shape (replicates, len(t))."""
        par = {key: value[:, None] for key, value in self.params(theta).items()}
        if self.model == "bass":
            return bass_cumulative(t[None, :], par["m"], par["p"], par["q"], self.baseline)
        return logistic_cumulative(t[None, :], par["m"], par["k"], par["t0"])

    def time_to(self, theta: np.ndarray, level: float) -> np.ndarray:
        par = self.params(theta)
        if self.model == "bass":
            return _bass_time_to(level, par["m"], par["p"], par["q"], self.baseline)
        return _logistic_time_to(level, par["m"], par["k"], par["t0"])

    def bounds(self, t: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        span = float(t[-1])
        if self.model == "bass":
            lower, upper = [math.log(1e-6), math.log(1e-4)], [math.log(1.0), math.log(5.0)]
        else:
            lower, upper = [math.log(1e-4), -20 * span], [math.log(10.0), 20 * span]
        if self.ceiling is None:
            top = float(y.max())
            lower.append(math.log(max(top, 1e-12) * 1.0001))
            upper.append(math.log(max(top, 1e-12) * 1000))
        return np.array(lower), np.array(upper)

    def starts(self, t: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
        span = float(t[-1])
        if self.model == "bass":
            grid = [
                [math.log(p), math.log(q)] for p in (0.003, 0.02, 0.08) for q in (0.1, 0.4, 1.0)
            ]
        else:
            grid = [
                [math.log(k / span), t0 * span] for k in (2.0, 6.0, 15.0) for t0 in (0.5, 1.0, 2.0)
            ]
        if self.ceiling is None:
            top = float(y.max())
            grid = [[*g, math.log(top * f)] for g in grid for f in (1.2, 2.0, 5.0)]
        return [np.array(g) for g in grid]


# ---------------------------------------------------------------------------------------------
# Fitting


@dataclass(frozen=True)
class CurveFit:
    """One fitted curve: its parameters, fit and information criterion."""

    model: Model
    ceiling_fixed: bool
    params: dict[str, float]
    sse: float
    aicc: float
    n: int


def _aicc(sse: float, n: int, fitted: int) -> float:
    k = fitted + 1  # the residual variance is estimated too
    rss = max(sse, 1e-300)
    penalty = 2 * k * (k + 1) / (n - k - 1) if n - k - 1 > 0 else math.inf
    return n * math.log(rss / n) + 2 * k + penalty


def _fit_one(spec: _Spec, t: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float] | None:
    """Best least-squares fit over a grid of starts, all refined at once; None if all fail."""
    lower, upper = spec.bounds(t, y)
    starts = np.clip(np.array(spec.starts(t, y)), lower, upper)
    with np.errstate(all="ignore"):
        thetas, sse = _batched_refit(
            spec, starts, t, np.tile(y, (starts.shape[0], 1)), lower, upper, iterations=200
        )
    sse = np.where(np.all(np.isfinite(thetas), axis=1), sse, np.inf)
    best = int(np.argmin(sse))
    if not np.isfinite(sse[best]):
        return None
    return thetas[best], float(sse[best])


def fit_curve(
    model: Model,
    *,
    times: Sequence[float],
    values: Sequence[float],
    ceiling: float | None = None,
    baseline: float = 0.0,
) -> CurveFit | None:
    """Least-squares fit of one curve to a cumulative series; None when every start fails.

    ``times`` are time units since launch (months, years), ``values`` the cumulative level in
    the same unit as ``ceiling`` (a share with ceiling 1.0, or a count with the headcount).
    """
    t, y = np.asarray(times, float), np.asarray(values, float)
    spec = _Spec(model, ceiling, baseline)
    found = _fit_one(spec, t, y)
    if found is None:
        return None
    theta, sse = found
    params = {key: float(value[0]) for key, value in spec.params(theta).items()}
    return CurveFit(
        model=model,
        ceiling_fixed=ceiling is not None,
        params=params,
        sse=sse,
        aicc=_aicc(sse, len(y), len(spec.names)),
        n=len(y),
    )


def _batched_refit(
    spec: _Spec,
    theta0: np.ndarray,
    t: np.ndarray,
    y: np.ndarray,
    lower: np.ndarray,
    upper: np.ndarray,
    iterations: int = 60,
) -> tuple[np.ndarray, np.ndarray]:
    """Levenberg-Marquardt on many replicates at once (rows of ``y``), from one start.

    The bootstrap refits hundreds of series that differ only by noise, and the point fit tries
    a grid of starts; vectorising the small normal equations over the rows is two orders of
    magnitude faster than calling scipy's least_squares in a loop. Bootstrap replicates start
    from the point estimate, which makes a single start each sufficient.
    """
    theta = np.array(np.broadcast_to(theta0, (y.shape[0], theta0.shape[-1])), dtype=float)
    replicates, k = theta.shape
    damping = np.full(replicates, 1e-3)

    def residuals(th: np.ndarray) -> np.ndarray:
        return spec.curve(th, t) - y

    res = residuals(theta)
    sse = np.sum(res**2, axis=1)
    done = np.zeros(replicates, dtype=bool)
    step = 1e-6
    for _ in range(iterations):
        jac = np.empty((replicates, t.size, k))
        for j in range(k):
            shifted = theta.copy()
            shifted[:, j] += step
            jac[:, :, j] = (residuals(shifted) - res) / step
        jtj = np.einsum("rni,rnj->rij", jac, jac)
        jtr = np.einsum("rni,rn->ri", jac, res)
        diag = np.einsum("rii->ri", jtj)
        system = jtj + (damping[:, None] * (diag + 1e-12))[:, :, None] * np.eye(k)[None]
        try:
            delta = np.linalg.solve(system, -jtr[:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:
            break
        candidate = np.clip(theta + delta, lower, upper)
        cand_res = residuals(candidate)
        cand_sse = np.sum(cand_res**2, axis=1)
        better = np.isfinite(cand_sse) & (cand_sse < sse)
        gain = np.where(better, (sse - cand_sse) / np.maximum(sse, 1e-300), 0.0)
        theta[better], res[better] = candidate[better], cand_res[better]
        sse[better] = cand_sse[better]
        damping = np.where(better, damping / 3, damping * 4)
        # A row is done when an accepted step gains almost nothing or no step is accepted
        # even with heavy damping (a minimum or a bound).
        done |= (better & (gain < 1e-10)) | (damping > 1e6)
        if np.all(done):
            break
    return theta, sse


# ---------------------------------------------------------------------------------------------
# Answers


REASONS: dict[str, tuple[str, str]] = {
    "too_few_points": (
        "Te weinig meetpunten: er zijn er {count}, er zijn er minstens {needed} nodig.",
        "Too few data points: there are {count}, at least {needed} are needed.",
    ),
    "no_growth": (
        "Geen groei in de reeks: zonder stijging valt geen datum te voorspellen.",
        "No growth in the series: without a rise no date can be forecast.",
    ),
    "fit_failed": (
        "De curve past niet op de gegevens: de berekening kwam niet tot een oplossing.",
        "The curve does not fit the data: the computation did not converge.",
    ),
    "already_reached": (
        "De drempel van {threshold} is al bereikt (op {reached}).",
        "The threshold of {threshold} has already been reached (on {reached}).",
    ),
    "ceiling_below_threshold": (
        "Het plafond ({ceiling}) ligt niet boven de drempel ({threshold}).",
        "The ceiling ({ceiling}) is not above the threshold ({threshold}).",
    ),
    "unreachable": (
        "Volgens de best passende curve ({model}) blijft het niveau onder de drempel: "
        "het geschatte plafond is {ceiling}.",
        "According to the best fitting curve ({model}) the level stays below the threshold: "
        "the estimated ceiling is {ceiling}.",
    ),
    "band_unbounded": (
        "De onzekerheid is te groot: in {share} van de herhalingen wordt de drempel nooit bereikt.",
        "The uncertainty is too large: in {share} of the replicates the threshold is never "
        "reached.",
    ),
    "band_too_wide": (
        "De onzekerheidsband ({width} maanden) is breder dan de horizon ({horizon} maanden).",
        "The uncertainty band ({width} months) is wider than the horizon ({horizon} months).",
    ),
    "beyond_horizon": (
        "De verwachte datum ({expected}) ligt voorbij de horizon ({horizon}).",
        "The expected date ({expected}) lies beyond the horizon ({horizon}).",
    ),
    "no_rising_trend": (
        "De zelfstandigheid stijgt niet: zonder stijgende trend valt geen datum te voorspellen.",
        "Self-reliance is not rising: without a rising trend no date can be forecast.",
    ),
}


@dataclass(frozen=True)
class CurvePoint:
    """One point of the fitted curve with its pointwise band, for the chart and its table."""

    time: float
    when: date
    fitted: float
    lower: float
    upper: float


@dataclass(frozen=True)
class ReachForecast:
    """The answer: a date with a band, or ``ok`` false with the reason why not."""

    ok: bool
    threshold: float
    ceiling_fixed: bool
    selection: str = "AICc"
    model: Model | None = None
    params: dict[str, float] = field(default_factory=dict)
    fits: tuple[CurveFit, ...] = ()
    expected_time: float | None = None
    lower_time: float | None = None
    upper_time: float | None = None
    expected_date: date | None = None
    lower_date: date | None = None
    upper_date: date | None = None
    level: float = 0.95
    replicates: int = 0
    curve: tuple[CurvePoint, ...] = ()
    reason: str | None = None
    reason_nl: str | None = None
    reason_en: str | None = None


def _reason(code: str, **values: object) -> dict[str, str]:
    dutch, english = REASONS[code]
    return {
        "reason": code,
        "reason_nl": dutch.format(**values),
        "reason_en": english.format(**values),
    }


def _fmt(value: float) -> str:
    return f"{value:.4g}"


def forecast_reach(
    *,
    launch: date,
    dates: Sequence[date],
    values: Sequence[float],
    threshold: float,
    ceiling: float | None = None,
    baseline: float = 0.0,
    models: Sequence[Model] = ("logistic", "bass"),
    horizon_months: float = 60.0,
    replicates: int = 400,
    level: float = 0.95,
    seed: int = 0,
) -> ReachForecast:
    """When will a cumulative series (reach) pass ``threshold``? See the module docstring.

    ``launch`` is when the development team started (time zero of the Bass model),
    ``dates``/``values`` the observations in time order, ``ceiling`` the known maximum (fixed)
    or None (free), ``baseline`` the level at launch. ``horizon_months`` counts from the last
    observation. Raises ValueError on malformed input (lengths, order, non-finite values).
    """
    if len(dates) != len(values):
        raise ValueError("dates and values must have the same length")
    t = np.array([months_between(launch, when) for when in dates], float)
    y = np.asarray(values, float)
    if not (np.all(np.isfinite(y)) and np.all(np.diff(t) > 0) and (t.size == 0 or t[0] > 0)):
        raise ValueError("observations must be finite, after launch and in time order")
    if not 0 < level < 1:
        raise ValueError("level must lie between 0 and 1")
    base = {"threshold": threshold, "ceiling_fixed": ceiling is not None, "level": level}
    if t.size < MIN_POINTS:
        return ReachForecast(
            ok=False, **base, **_reason("too_few_points", count=t.size, needed=MIN_POINTS)
        )
    reached = np.flatnonzero(y >= threshold)
    if reached.size:
        return ReachForecast(
            ok=False,
            **base,
            **_reason(
                "already_reached",
                threshold=_fmt(threshold),
                reached=dates[int(reached[0])].isoformat(),
            ),
        )
    if ceiling is not None and ceiling <= threshold:
        return ReachForecast(
            ok=False,
            **base,
            **_reason("ceiling_below_threshold", ceiling=_fmt(ceiling), threshold=_fmt(threshold)),
        )
    rises = np.diff(np.concatenate([[baseline], y]))
    if y[-1] - max(baseline, y[0]) <= 1e-12 * max(1.0, abs(y[-1])) or np.sum(rises > 0) < 2:
        return ReachForecast(ok=False, **base, **_reason("no_growth"))

    fits: list[tuple[CurveFit, _Spec, np.ndarray]] = []
    for model in models:
        spec = _Spec(model, ceiling, baseline)
        found = _fit_one(spec, t, y)
        if found is None:
            continue
        theta, sse = found
        params = {key: float(value[0]) for key, value in spec.params(theta).items()}
        fits.append(
            (
                CurveFit(
                    model, ceiling is not None, params, sse, _aicc(sse, t.size, theta.size), t.size
                ),
                spec,
                theta,
            )
        )
    if not fits:
        return ReachForecast(ok=False, **base, **_reason("fit_failed"))
    fits.sort(key=lambda item: item[0].aicc)
    chosen, spec, theta = fits[0]
    described = {
        **base,
        "model": chosen.model,
        "params": chosen.params,
        "fits": tuple(item[0] for item in fits),
    }
    if chosen.params["m"] <= threshold:
        return ReachForecast(
            ok=False,
            **described,
            **_reason("unreachable", model=chosen.model, ceiling=_fmt(chosen.params["m"])),
        )

    expected = float(spec.time_to(theta, threshold)[0])
    thetas = _bootstrap(spec, theta, t, y, baseline, replicates, seed)
    if thetas.shape[0] < (1 - MAX_FAILED_REPLICATES) * replicates:
        return ReachForecast(ok=False, **described, **_reason("fit_failed"))
    times = spec.time_to(thetas, threshold)
    alpha = (1 - level) / 2
    never = float(np.mean(~np.isfinite(times)))
    last = float(t[-1])
    horizon_end = add_months(launch, last + horizon_months)
    lower, upper = (float(v) for v in np.quantile(times, [alpha, 1 - alpha], method="lower"))
    if never > alpha or not math.isfinite(upper):
        return ReachForecast(
            ok=False,
            **described,
            replicates=thetas.shape[0],
            **_reason("band_unbounded", share=f"{never:.0%}"),
        )
    if not math.isfinite(expected) or expected > last + horizon_months:
        return ReachForecast(
            ok=False,
            **described,
            replicates=thetas.shape[0],
            **_reason(
                "beyond_horizon",
                expected=add_months(launch, expected).isoformat()
                if math.isfinite(expected)
                else "-",
                horizon=horizon_end.isoformat(),
            ),
        )
    if upper - lower > horizon_months:
        return ReachForecast(
            ok=False,
            **described,
            replicates=thetas.shape[0],
            **_reason("band_too_wide", width=round(upper - lower), horizon=round(horizon_months)),
        )
    grid = np.linspace(0.0, max(last, upper) * 1.1, 60)
    curves = spec.curve(thetas, grid)
    fitted = spec.curve(theta, grid)[0]
    band_low, band_high = np.quantile(curves, [alpha, 1 - alpha], axis=0)
    curve = tuple(
        CurvePoint(float(g), add_months(launch, float(g)), float(f), float(lo), float(hi))
        for g, f, lo, hi in zip(grid, fitted, band_low, band_high, strict=True)
    )
    return ReachForecast(
        ok=True,
        **described,
        expected_time=expected,
        lower_time=lower,
        upper_time=upper,
        expected_date=add_months(launch, expected),
        lower_date=add_months(launch, lower),
        upper_date=add_months(launch, upper),
        replicates=thetas.shape[0],
        curve=curve,
    )


def _bootstrap(
    spec: _Spec,
    theta: np.ndarray,
    t: np.ndarray,
    y: np.ndarray,
    baseline: float,
    replicates: int,
    seed: int,
) -> np.ndarray:
    """Residual bootstrap on the increments; returns the refitted theta of each replicate."""
    rng = np.random.default_rng(seed)
    fitted = spec.curve(theta, t)[0]
    fitted_steps = np.diff(np.concatenate([[baseline], fitted]))
    observed_steps = np.diff(np.concatenate([[baseline], y]))
    scale = np.sqrt(np.maximum(fitted_steps, 1e-12 * max(1.0, float(np.abs(y).max()))))
    pearson = (observed_steps - fitted_steps) / scale
    # Fitted residuals are smaller than the errors they estimate; inflate by n / (n - k).
    pearson = (pearson - pearson.mean()) * math.sqrt(t.size / max(t.size - theta.size, 1))
    draws = rng.choice(pearson, size=(replicates, t.size), replace=True)
    series = baseline + np.cumsum(fitted_steps[None, :] + draws * scale[None, :], axis=1)
    lower, upper = spec.bounds(t, y)
    if spec.ceiling is None:
        # Each replicate needs its own admissible ceiling range; use the widest.
        lower[-1] = math.log(max(float(series.max(axis=1).min()), 1e-12) * 1.0001)
    thetas, sse = _batched_refit(spec, np.clip(theta, lower, upper), t, series, lower, upper)
    keep = np.isfinite(sse) & np.all(np.isfinite(thetas), axis=1)
    if spec.ceiling is None:
        keep &= np.exp(thetas[:, -1]) >= series.max(axis=1)
    return thetas[keep]


# ---------------------------------------------------------------------------------------------
# Self-reliance per quarter


@dataclass(frozen=True)
class QuarterPoint:
    """One quarter: observed and fitted share of self-reliant challenges."""

    start: date
    started: int
    self_reliant: int
    observed: float | None
    fitted: float
    lower: float
    upper: float


@dataclass(frozen=True)
class SelfRelianceForecast:
    """When is the team expected to be superfluous (share above threshold two quarters)?"""

    ok: bool
    threshold: float
    quarters_needed: int
    model: str = "logistic regression on the quarter (binomial)"
    intercept: float | None = None
    slope: float | None = None
    expected_date: date | None = None
    lower_date: date | None = None
    upper_date: date | None = None
    level: float = 0.95
    replicates: int = 0
    quarters: tuple[QuarterPoint, ...] = ()
    reason: str | None = None
    reason_nl: str | None = None
    reason_en: str | None = None


def fit_logistic_regression(
    x: np.ndarray, successes: np.ndarray, trials: np.ndarray, iterations: int = 50
) -> tuple[np.ndarray, bool]:
    """Binomial logistic regression ``logit P = b0 + b1 x`` for many rows of ``successes`` at once.

    Returns ``(betas, converged)`` with one ``(b0, b1)`` row per row of ``successes``.
    Newton-Raphson; a tiny ridge on the slope keeps it finite when quarters separate
    perfectly (all 0% then all 100%), which real small series do.
    """
    successes = np.atleast_2d(successes).astype(float)
    rows = successes.shape[0]
    design = np.stack([np.ones_like(x), x], axis=1)
    beta = np.zeros((rows, 2))
    ridge = np.diag([0.0, 1e-3])
    converged = False
    for _ in range(iterations):
        eta = beta @ design.T
        prob = 1 / (1 + np.exp(-eta))
        weight = trials * prob * (1 - prob)
        grad = (successes - trials * prob) @ design - beta @ ridge
        hess = np.einsum("rn,ni,nj->rij", weight, design, design) + ridge
        step = np.linalg.solve(hess + 1e-10 * np.eye(2), grad[:, :, None])[:, :, 0]
        beta = beta + step
        if np.all(np.abs(step) < 1e-8):
            converged = True
            break
    return beta, converged and bool(np.all(np.isfinite(beta)))


def _superfluous_quarter(beta: np.ndarray, threshold: float, earliest: int) -> np.ndarray:
    """Index of the quarter that ends the first ``needed`` quarters above the threshold."""
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing = (math.log(threshold / (1 - threshold)) - beta[:, 0]) / beta[:, 1]
    first = np.where(beta[:, 1] > 0, np.ceil(crossing), np.inf)
    return np.maximum(first, earliest)


def forecast_self_reliance(
    *,
    quarter_starts: Sequence[date],
    started: Sequence[int],
    self_reliant: Sequence[int],
    threshold: float = 0.8,
    quarters_needed: int = 2,
    horizon_quarters: int = 12,
    replicates: int = 400,
    level: float = 0.95,
    seed: int = 0,
) -> SelfRelianceForecast:
    """Fit the self-reliance trend and date the end of the team (design §5).

    ``quarter_starts`` are the first days of the observed quarters in order; ``started`` the
    challenges started in each, ``self_reliant`` how many of them had the team's role ``none``
    or ``advise``. The expected date is the end of the ``quarters_needed``-th consecutive
    quarter whose fitted share is at or above ``threshold``.
    """
    n, k = np.asarray(started, float), np.asarray(self_reliant, float)
    if not (len(quarter_starts) == n.size == k.size):
        raise ValueError("quarter_starts, started and self_reliant must have the same length")
    if np.any(k < 0) or np.any(k > n) or not 0 < threshold < 1:
        raise ValueError("self_reliant must lie between 0 and started; threshold in (0, 1)")
    first = quarter_starts[0] if quarter_starts else date.today()
    x = np.array([round(months_between(first, start) / 3) for start in quarter_starts], float)
    if np.any(np.diff(x) <= 0):
        raise ValueError("quarters must be distinct and in time order")
    base = {"threshold": threshold, "quarters_needed": quarters_needed, "level": level}
    used = n > 0
    if used.sum() < MIN_QUARTERS:
        return SelfRelianceForecast(
            ok=False,
            **base,
            **_reason("too_few_points", count=int(used.sum()), needed=MIN_QUARTERS),
        )
    observed = np.where(used, k / np.where(used, n, 1), np.nan)
    above = np.nan_to_num(observed, nan=0.0) >= threshold
    run = 0
    for index, is_above in enumerate(above):
        run = run + 1 if is_above and used[index] else 0
        if run >= quarters_needed:
            end = add_months(first, 3 * (x[index] + 1))
            return SelfRelianceForecast(
                ok=False,
                **base,
                **_reason("already_reached", threshold=f"{threshold:.0%}", reached=end.isoformat()),
            )
    xs, ns, ks = x[used], n[used], k[used]
    beta, converged = fit_logistic_regression(xs, ks, ns)
    if not converged:
        return SelfRelianceForecast(ok=False, **base, **_reason("fit_failed"))
    intercept, slope = float(beta[0, 0]), float(beta[0, 1])
    described = {**base, "intercept": intercept, "slope": slope}
    if slope <= 0:
        return SelfRelianceForecast(ok=False, **described, **_reason("no_rising_trend"))

    last = int(x[-1])
    # The earliest quarter that can start the final run: the observed tail already above.
    tail = 0
    for is_above in above[::-1]:
        if not is_above:
            break
        tail += 1
    earliest = last + 1 - tail
    expected_q = float(_superfluous_quarter(beta, threshold, earliest)[0])
    rng = np.random.default_rng(seed)
    prob = 1 / (1 + np.exp(-(intercept + slope * xs)))
    draws = rng.binomial(ns.astype(int)[None, :], prob[None, :], size=(replicates, xs.size))
    betas, _ = fit_logistic_regression(xs, draws, ns)
    betas = betas[np.all(np.isfinite(betas), axis=1)]
    ends = _superfluous_quarter(betas, threshold, earliest) + quarters_needed
    alpha = (1 - level) / 2
    horizon_end = last + 1 + horizon_quarters
    never = float(np.mean(~np.isfinite(ends)))
    lower_q, upper_q = (float(v) for v in np.quantile(ends, [alpha, 1 - alpha], method="lower"))
    if never > alpha or not math.isfinite(upper_q):
        return SelfRelianceForecast(
            ok=False,
            **described,
            replicates=betas.shape[0],
            **_reason("band_unbounded", share=f"{never:.0%}"),
        )
    expected_end = expected_q + quarters_needed
    if expected_end > horizon_end:
        return SelfRelianceForecast(
            ok=False,
            **described,
            replicates=betas.shape[0],
            **_reason(
                "beyond_horizon",
                expected=add_months(first, 3 * expected_end).isoformat(),
                horizon=add_months(first, 3 * horizon_end).isoformat(),
            ),
        )
    if upper_q - lower_q > horizon_quarters:
        return SelfRelianceForecast(
            ok=False,
            **described,
            replicates=betas.shape[0],
            **_reason(
                "band_too_wide", width=round(3 * (upper_q - lower_q)), horizon=3 * horizon_quarters
            ),
        )
    grid = np.arange(0, max(int(upper_q), last + 1) + 1, dtype=float)
    fitted = 1 / (1 + np.exp(-(intercept + slope * grid)))
    replicate_curves = 1 / (1 + np.exp(-(betas[:, :1] + betas[:, 1:] * grid[None, :])))
    low, high = np.quantile(replicate_curves, [alpha, 1 - alpha], axis=0)
    by_index = {int(xi): i for i, xi in enumerate(x)}
    points = []
    for j, q in enumerate(grid):
        i = by_index.get(int(q))
        points.append(
            QuarterPoint(
                start=add_months(first, 3 * q),
                started=int(n[i]) if i is not None else 0,
                self_reliant=int(k[i]) if i is not None else 0,
                observed=float(observed[i]) if i is not None and used[i] else None,
                fitted=float(fitted[j]),
                lower=float(low[j]),
                upper=float(high[j]),
            )
        )
    return SelfRelianceForecast(
        ok=True,
        **described,
        expected_date=add_months(first, 3 * expected_end),
        lower_date=add_months(first, 3 * lower_q),
        upper_date=add_months(first, 3 * upper_q),
        replicates=betas.shape[0],
        quarters=tuple(points),
    )


def describe(forecast: ReachForecast | SelfRelianceForecast, language: str = "nl") -> str:
    """One sentence for the page: the date and band, or why there is none."""
    english = language.startswith("en")
    if not forecast.ok:
        return (forecast.reason_en if english else forecast.reason_nl) or ""
    assert forecast.expected_date and forecast.lower_date and forecast.upper_date
    model = getattr(forecast, "model", "")
    if english:
        return (
            f"Expected on {forecast.expected_date.isoformat()} ({forecast.level:.0%} band "
            f"{forecast.lower_date.isoformat()} to {forecast.upper_date.isoformat()}; {model})."
        )
    return (
        f"Verwacht op {forecast.expected_date.isoformat()} ({forecast.level:.0%}-band "
        f"{forecast.lower_date.isoformat()} tot {forecast.upper_date.isoformat()}; {model})."
    )
