"""Forecasts of reach and self-reliance, validated on synthetic data with known parameters."""

from datetime import date

import numpy as np
import pytest

from samenspel.insights.forecast import (
    add_months,
    bass_cumulative,
    bass_fraction,
    bass_time_to,
    describe,
    fit_curve,
    forecast_reach,
    forecast_self_reliance,
    logistic_cumulative,
    months_between,
)

LAUNCH = date(2024, 1, 1)
P, Q = 0.02, 0.35  # per month: the truth the synthetic organisations follow


def _bass_adoption(rng: np.random.Generator, headcount: int, months: int) -> list[float]:
    """Share engaged per month: every month the not yet engaged colleagues join with the
    Bass hazard, so the counts carry binomial noise around the true curve."""
    fraction = bass_fraction(np.arange(months + 1), P, Q)
    engaged, shares = 0, []
    for month in range(1, months + 1):
        hazard = (fraction[month] - fraction[month - 1]) / (1 - fraction[month - 1])
        engaged += rng.binomial(headcount - engaged, hazard)
        shares.append(engaged / headcount)
    return shares


def _dates(count: int) -> list[date]:
    return [add_months(LAUNCH, month) for month in range(1, count + 1)]


def test_bass_with_fixed_ceiling_recovers_p_and_q_within_ten_percent():
    rng = np.random.default_rng(2024)
    hits = 0
    for _ in range(30):
        shares = _bass_adoption(rng, headcount=5000, months=12)
        fit = fit_curve("bass", times=range(1, 13), values=shares, ceiling=1.0)
        hits += abs(fit.params["p"] / P - 1) < 0.1 and abs(fit.params["q"] / Q - 1) < 0.1
    assert hits >= 27


def test_band_covers_the_true_date_in_at_least_ninety_percent_of_draws():
    # Nine months of a 1,000-person organisation, before 80% is reached (issue 6).
    truth = bass_time_to(0.8, 1.0, P, Q)
    rng = np.random.default_rng(7)
    covered, answered = 0, 0
    for draw in range(40):
        forecast = forecast_reach(
            launch=LAUNCH,
            dates=_dates(9),
            values=_bass_adoption(rng, headcount=1000, months=9),
            threshold=0.8,
            ceiling=1.0,
            models=("bass",),
            replicates=200,
            seed=draw,
        )
        answered += forecast.ok
        covered += forecast.ok and forecast.lower_time <= truth <= forecast.upper_time
    assert answered == 40
    assert covered / answered >= 0.9


def test_fixed_ceiling_forecast_hits_the_true_date_within_about_a_month():
    truth = add_months(LAUNCH, bass_time_to(0.8, 1.0, P, Q))
    shares = _bass_adoption(np.random.default_rng(11), headcount=1000, months=9)
    forecast = forecast_reach(
        launch=LAUNCH, dates=_dates(9), values=shares, threshold=0.8, ceiling=1.0
    )
    assert forecast.ok
    assert abs((forecast.expected_date - truth).days) <= 31
    assert forecast.lower_date <= forecast.expected_date <= forecast.upper_date


def test_same_seed_gives_the_same_forecast():
    shares = _bass_adoption(np.random.default_rng(3), headcount=1000, months=9)
    first, second = (
        forecast_reach(
            launch=LAUNCH, dates=_dates(9), values=shares, threshold=0.8, ceiling=1.0, seed=5
        )
        for _ in range(2)
    )
    assert first == second


def test_the_answer_names_the_better_fitting_model():
    t = np.arange(1, 13, dtype=float)
    logistic = logistic_cumulative(t, 1.0, 0.5, 8.0)
    bass = bass_cumulative(t, 1.0, 0.01, 0.3)
    threshold = 0.95
    for values, expected in ((logistic, "logistic"), (bass, "bass")):
        forecast = forecast_reach(
            launch=LAUNCH, dates=_dates(12), values=values, threshold=threshold, ceiling=1.0
        )
        assert forecast.model == expected
        assert forecast.selection == "AICc"
        assert [fit.model for fit in forecast.fits][0] == expected
        assert forecast.fits[0].aicc < forecast.fits[1].aicc


def test_the_curve_for_the_chart_carries_the_band_around_the_fit():
    shares = _bass_adoption(np.random.default_rng(5), headcount=1000, months=9)
    forecast = forecast_reach(
        launch=LAUNCH, dates=_dates(9), values=shares, threshold=0.8, ceiling=1.0
    )
    assert forecast.curve[0].when == LAUNCH
    assert forecast.curve[-1].time >= forecast.upper_time
    assert all(p.lower <= p.fitted + 1e-9 and p.fitted <= p.upper + 1e-9 for p in forecast.curve)


def _cannot(**overrides):
    arguments = {
        "launch": LAUNCH,
        "dates": _dates(9),
        "values": [0.05, 0.1, 0.16, 0.24, 0.33, 0.43, 0.53, 0.62, 0.7],
        "threshold": 0.8,
        "ceiling": 1.0,
        "replicates": 100,
    }
    arguments.update(overrides)
    forecast = forecast_reach(**arguments)
    assert not forecast.ok
    assert forecast.expected_date is None and forecast.curve == ()
    assert forecast.reason_nl and forecast.reason_en
    return forecast


def test_too_few_points_cannot_be_forecast():
    forecast = _cannot(dates=_dates(4), values=[0.05, 0.1, 0.16, 0.24])
    assert forecast.reason == "too_few_points"
    assert "minstens 5" in forecast.reason_nl


def test_a_flat_series_cannot_be_forecast():
    assert _cannot(values=[0.1] * 9).reason == "no_growth"


def test_a_threshold_already_reached_is_said_with_its_date():
    values = [0.1, 0.3, 0.5, 0.7, 0.82, 0.85, 0.87, 0.88, 0.89]
    forecast = _cannot(values=values)
    assert forecast.reason == "already_reached"
    assert "2024-06-01" in forecast.reason_nl


def test_a_ceiling_below_the_threshold_cannot_be_reached():
    assert _cannot(ceiling=0.75).reason == "ceiling_below_threshold"


def test_a_free_ceiling_that_levels_off_below_the_threshold_is_unreachable():
    values = list(logistic_cumulative(np.arange(1, 10, dtype=float), 0.5, 0.8, 4.0))
    forecast = _cannot(values=values, ceiling=None)
    assert forecast.reason == "unreachable"
    assert forecast.params["m"] == pytest.approx(0.5, rel=0.01)


def test_an_early_free_ceiling_fit_gives_no_date():
    # Growth has not turned yet: with a free ceiling nothing pins the end of the curve.
    shares = _bass_adoption(np.random.default_rng(1), headcount=1000, months=5)
    forecast = _cannot(dates=_dates(5), values=shares, ceiling=None)
    assert forecast.reason in {"band_unbounded", "unreachable", "band_too_wide"}


def test_a_band_wider_than_the_horizon_is_refused():
    # Thirty colleagues: the date is two months ahead, but the band spans about five.
    shares = _bass_adoption(np.random.default_rng(0), headcount=30, months=6)
    assert forecast_reach(
        launch=LAUNCH, dates=_dates(6), values=shares, threshold=0.8, ceiling=1.0
    ).ok
    forecast = _cannot(dates=_dates(6), values=shares, horizon_months=4)
    assert forecast.reason == "band_too_wide"


def test_a_date_beyond_the_horizon_is_refused():
    shares = _bass_adoption(np.random.default_rng(2), headcount=200, months=6)
    forecast = _cannot(dates=_dates(6), values=shares, horizon_months=0.5)
    assert forecast.reason == "beyond_horizon"


def test_dates_out_of_order_are_rejected():
    with pytest.raises(ValueError):
        forecast_reach(
            launch=LAUNCH,
            dates=list(reversed(_dates(6))),
            values=[0.1, 0.2, 0.3, 0.4, 0.5, 0.6],
            threshold=0.8,
        )


def test_months_between_and_add_months_are_inverse():
    assert months_between(date(2024, 1, 31), add_months(date(2024, 1, 31), 1)) == pytest.approx(
        1 - 2 / (365.2425 / 12)
    )  # 29 February: the day is clamped
    for months in (0, 1.5, 11, 25.25):
        assert months_between(LAUNCH, add_months(LAUNCH, months)) == pytest.approx(months, abs=0.02)


QUARTERS = [add_months(LAUNCH, 3 * index) for index in range(6)]


def _shares(intercept: float, slope: float, count: int) -> list[float]:
    return [1 / (1 + np.exp(-(intercept + slope * x))) for x in range(count)]


def test_self_reliance_dates_the_end_of_the_second_quarter_above_the_threshold():
    # logit share = -2 + 0.5 x passes 80% at x = 6.77: quarters 7 and 8 are above, so the
    # team is superfluous when quarter 8 ends, 27 months after the first quarter started.
    started = [5000] * 6
    self_reliant = [round(n * s) for n, s in zip(started, _shares(-2, 0.5, 6), strict=True)]
    forecast = forecast_self_reliance(
        quarter_starts=QUARTERS, started=started, self_reliant=self_reliant, seed=1
    )
    assert forecast.ok
    assert forecast.slope == pytest.approx(0.5, rel=0.05)
    assert forecast.expected_date == date(2026, 4, 1)
    assert forecast.lower_date <= forecast.expected_date <= forecast.upper_date
    assert [q.observed is not None for q in forecast.quarters[:7]] == [True] * 6 + [False]


def test_self_reliance_with_few_challenges_shows_a_wider_band():
    shares = _shares(-2, 0.5, 6)
    bands = []
    for per_quarter in (400, 20):
        forecast = forecast_self_reliance(
            quarter_starts=QUARTERS,
            started=[per_quarter] * 6,
            self_reliant=[round(per_quarter * s) for s in shares],
            seed=1,
        )
        assert forecast.ok
        bands.append((forecast.upper_date - forecast.lower_date).days)
    assert bands[0] < bands[1]


def test_two_quarters_above_the_threshold_mean_the_team_is_already_superfluous():
    forecast = forecast_self_reliance(
        quarter_starts=QUARTERS, started=[10] * 6, self_reliant=[3, 4, 6, 7, 8, 9]
    )
    assert not forecast.ok and forecast.reason == "already_reached"
    assert "2025-07-01" in forecast.reason_en


def test_falling_self_reliance_gives_no_date():
    forecast = forecast_self_reliance(
        quarter_starts=QUARTERS, started=[10] * 6, self_reliant=[6, 5, 5, 4, 3, 3]
    )
    assert not forecast.ok and forecast.reason == "no_rising_trend"


def test_quarters_without_challenges_do_not_count_as_data():
    forecast = forecast_self_reliance(
        quarter_starts=QUARTERS, started=[10, 0, 0, 10, 0, 10], self_reliant=[1, 0, 0, 3, 0, 5]
    )
    assert not forecast.ok and forecast.reason == "too_few_points"


def test_the_page_sentence_gives_the_date_and_band_or_the_reason():
    shares = _bass_adoption(np.random.default_rng(11), headcount=1000, months=9)
    forecast = forecast_reach(
        launch=LAUNCH, dates=_dates(9), values=shares, threshold=0.8, ceiling=1.0
    )
    assert describe(forecast).startswith(f"Verwacht op {forecast.expected_date.isoformat()}")
    assert "band" in describe(forecast, "en")
    refused = _cannot(values=[0.1] * 9)
    assert describe(refused, "en") == refused.reason_en
