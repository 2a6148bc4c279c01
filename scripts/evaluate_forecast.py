"""Check the Bass fitter on the real sales series behind Bass (1969); print one JSON object.

    python scripts/evaluate_forecast.py

Reads ../shared/data/bass-1969-series.json (annual US sales in thousands of units, not in the
repository; the script says so on stderr and exits 0 with a "skipped" JSON when it is absent)
and puts, per product, the parameters this code finds next to the p and q the file reports:

* ``ols``: Bass's own discrete regression S_t = a + b Y_(t-1) + c Y_(t-1)^2 (Bass 1969);
* ``nls_increments``: nonlinear least squares on the yearly sales, S_t = m (F(t) - F(t-1))
  (Srinivasan & Mason 1986), free m;
* ``nls_cumulative``: ``samenspel.insights.forecast.fit_curve`` on cumulative sales, free m,
  the fitter the dashboard uses, with its logistic rival and the AICc choice between them;
* ``nls_cumulative_fixed_m``: the same with m fixed to the OLS estimate, fitting only p and q,
  the way the dashboard fixes the ceiling to the headcount. Sales have no known headcount, so
  this only shows how p and q move when m is pinned.

Time is in years since the start of the first year of sales (t = 1 at its end).
"""

from __future__ import annotations

import json
import math
import sys
import time
from pathlib import Path

import numpy as np
from scipy.optimize import least_squares

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from samenspel.insights.forecast import bass_fraction, fit_curve  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "bass-1969-series.json"


def bass_ols(sales: np.ndarray) -> dict[str, float] | None:
    """Bass's regression of sales on lagged cumulative sales and its square."""
    previous = np.concatenate([[0.0], np.cumsum(sales)[:-1]])
    design = np.stack([np.ones_like(previous), previous, previous**2], axis=1)
    (a, b, c), *_ = np.linalg.lstsq(design, sales, rcond=None)
    if c >= 0 or b * b - 4 * a * c < 0:
        return None
    m = (-b - math.sqrt(b * b - 4 * a * c)) / (2 * c)
    return {"m": float(m), "p": float(a / m), "q": float(-m * c)}


def bass_nls_increments(sales: np.ndarray, start: dict[str, float]) -> dict[str, float]:
    """Srinivasan and Mason: fit m, p, q to the per-period sales directly."""
    t = np.arange(0, sales.size + 1, dtype=float)

    def residuals(theta: np.ndarray) -> np.ndarray:
        m, p, q = np.exp(theta)
        return m * np.diff(bass_fraction(t, p, q)) - sales

    theta0 = np.log([start["m"], start["p"], start["q"]])
    result = least_squares(residuals, theta0, method="lm")
    m, p, q = np.exp(result.x)
    return {"m": float(m), "p": float(p), "q": float(q), "sse": float(np.sum(result.fun**2))}


def relative(found: dict[str, float] | None, reported: dict[str, float]) -> dict[str, float]:
    if not found:
        return {}
    return {key: round(found[key] / reported[key] - 1, 3) for key in ("p", "q") if key in reported}


def main() -> int:
    if not DATA.exists():
        print(f"SKIPPED: {DATA} is absent; nothing to evaluate.", file=sys.stderr)
        print(json.dumps({"skipped": True, "reason": f"{DATA} not found"}))
        return 0
    data = json.loads(DATA.read_text(encoding="utf-8"))
    began = time.perf_counter()
    products = {}
    for name, series in data["series"].items():
        sales = np.asarray(series["sales"], float)
        cumulative = np.cumsum(sales)
        times = np.arange(1, sales.size + 1, dtype=float)
        reported = data["reported_parameters"].get(name, {})
        ols = bass_ols(sales)
        start = ols or {"m": float(cumulative[-1]) * 1.5, "p": 0.01, "q": 0.4}
        increments = bass_nls_increments(sales, start)
        fits = {
            model: fit_curve(model, times=times, values=cumulative)
            for model in ("bass", "logistic")
        }
        chosen = min((f for f in fits.values() if f), key=lambda f: f.aicc)
        bass_free = fits["bass"]
        fixed = fit_curve("bass", times=times, values=cumulative, ceiling=ols["m"]) if ols else None

        def rounded(values: dict[str, float] | None) -> dict[str, float] | None:
            return {k: round(v, 4) for k, v in values.items()} if values else None

        products[name] = {
            "years": [series["years"][0], series["years"][-1]],
            "reported": reported,
            "ols": rounded(ols),
            "nls_increments": rounded(increments),
            "nls_cumulative": rounded({**bass_free.params, "sse": bass_free.sse})
            if bass_free
            else None,
            "nls_cumulative_fixed_m": rounded({**fixed.params, "sse": fixed.sse})
            if fixed
            else None,
            "aicc_choice_cumulative": {
                "chosen": chosen.model,
                "aicc": {model: round(f.aicc, 2) for model, f in fits.items() if f},
            },
            "relative_to_reported": {
                "ols": relative(ols, reported),
                "nls_increments": relative(increments, reported),
                "nls_cumulative": relative(bass_free.params if bass_free else None, reported),
                "nls_cumulative_fixed_m": relative(fixed.params if fixed else None, reported),
            },
        }
    print(
        json.dumps(
            {
                "data": str(DATA),
                "units": "m in thousands of units, p and q per year",
                "reported_parameters_source": data.get("reported_parameters_source"),
                "products": products,
                "seconds": round(time.perf_counter() - began, 3),
            },
            indent=2,
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
