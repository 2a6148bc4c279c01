"""The priority of a challenge: a pure function of criteria, weights and scores.

No Django in here, so the rule can be read, tested by hand and benchmarked on its own.

The rule (design §4, triage):

* every active criterion with a weight above zero counts;
* a score on a scale 0..S is normalised to score / S (0..1);
* priority = 100 × Σ(weight × normalised) / Σ(weight), a weighted mean on 0..100;
* a criterion the team has not scored yet counts as 0, so a half-scored challenge never
  outranks a fully scored one by leaving out its weak points; the breakdown says "not scored";
* each criterion's contribution = 100 × weight × normalised / Σ(weight): the contributions add
  up to the priority, which is what "why this rank" shows.

The two computed criteria:

* reach (aantal inwoners en signalen): min(1, (signals + distinct reporters) / REACH_FULL_AT);
* equity between kernen (gelijkwaardigheid): for each kern with inhabitants, the rate is the
  number of signals received in the last twelve months per 1,000 inhabitants. With m the median
  rate over those kernen, a kern's shortfall is max(0, (m − rate) / m) (0 when m is 0). A
  challenge's equity is the mean shortfall of its kernen; kernen without inhabitants and
  challenges without kernen score 0. Kernen that were heard less than the median rank up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

HUNDRED = Decimal(100)
CENT = Decimal("0.01")
# Signals plus distinct reporters at which reach is full; above it more voices add no weight.
REACH_FULL_AT = 20


@dataclass(frozen=True)
class Criterion:
    id: int
    name: str
    weight: Decimal
    scale: int


@dataclass(frozen=True)
class Line:
    criterion_id: int
    name: str
    weight: Decimal
    scale: int
    score: Decimal | None
    normalised: Decimal
    contribution: Decimal

    def as_json(self) -> dict:
        return {
            "criterion": self.criterion_id,
            "name": self.name,
            "weight": str(self.weight),
            "scale": self.scale,
            "score": None if self.score is None else str(self.score),
            "contribution": str(self.contribution),
        }


@dataclass(frozen=True)
class Breakdown:
    priority: Decimal
    lines: tuple[Line, ...]

    def as_json(self) -> dict:
        return {"priority": str(self.priority), "lines": [line.as_json() for line in self.lines]}


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _factors(criteria: Iterable[Criterion]) -> list[tuple[Criterion, Decimal]]:
    """Per counted criterion the factor 100 × weight / (scale × Σ weights): a score times its
    factor is its contribution. One definition, so every caller gets the same cents."""
    counted = [c for c in criteria if c.weight > 0 and c.scale > 0]
    total_weight = sum((Decimal(c.weight) for c in counted), Decimal(0))
    return [(c, HUNDRED * Decimal(c.weight) / (Decimal(c.scale) * total_weight)) for c in counted]


def _clip(score: Decimal, scale: int) -> Decimal:
    return min(max(score, Decimal(0)), Decimal(scale))


def compute_priority(
    criteria: Iterable[Criterion], scores: Mapping[int, Decimal | int | float | None]
) -> Breakdown:
    """Weighted mean of the normalised scores on 0..100, with each criterion's contribution."""
    lines = []
    exact_total = Decimal(0)
    for criterion, factor in _factors(criteria):
        raw = scores.get(criterion.id)
        score = None if raw is None else Decimal(str(raw))
        clipped = Decimal(0) if score is None else _clip(score, criterion.scale)
        contribution = clipped * factor
        exact_total += contribution
        lines.append(
            Line(
                criterion_id=criterion.id,
                name=criterion.name,
                weight=Decimal(criterion.weight),
                scale=criterion.scale,
                score=score,
                normalised=clipped / Decimal(criterion.scale),
                contribution=_cents(contribution),
            )
        )
    return Breakdown(priority=_cents(exact_total), lines=tuple(lines))


class Ranker:
    """The priority alone, for re-ranking many challenges: the same arithmetic as
    `compute_priority` without building a breakdown per challenge."""

    def __init__(self, criteria: Iterable[Criterion]):
        self._plan = [(c.id, Decimal(c.scale), factor) for c, factor in _factors(criteria)]

    def priority(self, scores: Mapping[int, Decimal]) -> Decimal:
        total = Decimal(0)
        zero = Decimal(0)
        for criterion_id, scale, factor in self._plan:
            score = scores.get(criterion_id)
            if score is not None:
                total += min(max(score, zero), scale) * factor
        return _cents(total)


def reach_share(*, signal_count: int, distinct_reporters: int) -> float:
    """0..1: how many residents and signals stand behind the challenge."""
    return min(1.0, max(0, signal_count + distinct_reporters) / REACH_FULL_AT)


def kern_shortfalls(
    *, signals_per_kern: Mapping[int, int], population: Mapping[int, int]
) -> dict[int, float]:
    """Per kern 0..1: how far below the median rate of signals per 1,000 inhabitants it is."""
    rates = {
        kern: 1000 * signals_per_kern.get(kern, 0) / inhabitants
        for kern, inhabitants in population.items()
        if inhabitants > 0
    }
    if not rates:
        return {}
    middle = median(rates.values())
    if middle <= 0:
        return dict.fromkeys(rates, 0.0)
    return {kern: max(0.0, (middle - rate) / middle) for kern, rate in rates.items()}


def equity_share(kernen: Iterable[int], shortfalls: Mapping[int, float]) -> float:
    """0..1: the mean shortfall of the challenge's kernen (unknown or empty kernen count 0)."""
    kernen = list(kernen)
    if not kernen:
        return 0.0
    return sum(shortfalls.get(kern, 0.0) for kern in kernen) / len(kernen)


def share_to_score(share: float, scale: int) -> Decimal:
    """A computed 0..1 share on the criterion's scale, in hundredths."""
    return _cents(Decimal(str(share)) * Decimal(scale))
