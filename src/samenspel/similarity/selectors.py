"""Named reads: "lijkt op" for staff, suggestions for residents, the backlog proposals.

Every answer of the index is checked against the database before anyone sees it: the index
knows texts, not who may open what, and it may still hold a row that was deleted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspel.challenges.models import Challenge
from samenspel.challenges.workflow import Status
from samenspel.intake.models import Signal
from samenspel.intake.selectors import signals_visible_to

from .engine import Match, SimilarityIndex
from .index_store import CHALLENGE, SIGNAL, challenge_key, parse_key, signal_key, store
from .models import GroupDecision, GroupProposal, ProposalSet

# Score cuts, on the engine's combined score (its batch grouping joins at
# `Weights.group_threshold`): from POSSIBLE a candidate is worth a look, from STRONG it very
# probably is the same matter.
STRONG = 0.6
POSSIBLE = 0.4
# Context alone (same kern, recent) must never make a suggestion: some text must match.
MIN_TEXT = 0.1
# A resident's half-typed sentence says too little to compare before this.
PUBLIC_MIN_CHARACTERS = 15
PUBLIC_MIN_WORDS = 3
PUBLIC_MAX_CHARACTERS = 2000
PUBLIC_LIMIT = 3
# Ask the index for more than we show: some candidates fall out by scope or status.
_OVERFETCH = 4


# What staff read for each synonym concept (`normalise.CONCEPT_NAMES`) that two texts share
# ("pikkedonker" and "lantaarnpaal" share no word, but one topic).
CONCEPT_LABELS = {
    "verlichting": gettext_lazy("straatverlichting"),
    "wegdek": gettext_lazy("wegdek"),
    "hondenpoep": gettext_lazy("hondenpoep"),
    "blad": gettext_lazy("bladafval"),
    "jongeren": gettext_lazy("jongeren"),
    "afvalbak": gettext_lazy("afvalbakken"),
    "afval": gettext_lazy("afval"),
    "speelplek": gettext_lazy("speelplekken"),
    "geluid": gettext_lazy("geluidsoverlast"),
    "parkeren": gettext_lazy("parkeren"),
    "snelheid": gettext_lazy("te hard rijden"),
    "wateroverlast": gettext_lazy("wateroverlast"),
    "riool": gettext_lazy("riool"),
    "veer": gettext_lazy("veerpont"),
    "kade": gettext_lazy("kade"),
    "groen": gettext_lazy("groenonderhoud"),
    "boom": gettext_lazy("bomen"),
    "fiets": gettext_lazy("fietsen"),
    "eenzaamheid": gettext_lazy("eenzaamheid"),
    "ongedierte": gettext_lazy("ongedierte"),
    "bankje": gettext_lazy("bankjes"),
    "huisarts": gettext_lazy("huisarts"),
    "winkel": gettext_lazy("winkels"),
    "vervoer": gettext_lazy("vervoer"),
    "moestuin": gettext_lazy("moestuin"),
    "reparatie": gettext_lazy("repareren"),
    "ontmoeten": gettext_lazy("ontmoetingsplek"),
    "toegankelijk": gettext_lazy("toegankelijkheid"),
    "woning": gettext_lazy("woningen"),
    "inbraak": gettext_lazy("inbraak en diefstal"),
    "drugs": gettext_lazy("drugs"),
    "vrachtverkeer": gettext_lazy("vrachtverkeer"),
    "internet": gettext_lazy("internet en bereik"),
    "feest": gettext_lazy("feesten en evenementen"),
}


@dataclass(frozen=True)
class Suggestion:
    """One candidate with what a person needs to judge it."""

    item: Challenge | Signal
    kind: str
    score: float
    shared_words: tuple[str, ...] = ()
    same_kern: bool = False
    kern: str = ""
    days_apart: float | None = None
    other_street: bool = False
    shared_concepts: tuple[str, ...] = ()

    @property
    def is_strong(self) -> bool:
        return self.score >= STRONG

    @property
    def strength(self) -> str:
        return _("sterk") if self.is_strong else _("mogelijk")

    @property
    def reasons(self) -> list[str]:
        parts = []
        if self.shared_words:
            parts.append(
                _("gedeelde woorden: %(words)s") % {"words": ", ".join(self.shared_words[:6])}
            )
        if self.shared_concepts:
            labels = [str(CONCEPT_LABELS.get(c, c)) for c in self.shared_concepts]
            parts.append(_("zelfde onderwerp: %(topics)s") % {"topics": ", ".join(labels)})
        if self.same_kern:
            parts.append(_("zelfde kern (%(kern)s)") % {"kern": self.kern.title()})
        if self.other_street:
            parts.append(_("andere straat"))
        if self.kind == SIGNAL and self.days_apart is not None:
            parts.append(_("%(days)s dagen ertussen") % {"days": f"{self.days_apart:g}"})
        return parts or [_("lijkt qua tekst")]


@dataclass(frozen=True)
class SignalSuggestions:
    challenges: list[Suggestion] = field(default_factory=list)
    signals: list[Suggestion] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.challenges or self.signals)


def _worth_showing(match: Match) -> bool:
    return match.score >= POSSIBLE and match.text_score >= MIN_TEXT


def _pks(matches: list[Match]) -> list[int]:
    pks = []
    for match in matches:
        parsed = parse_key(match.id)
        if parsed is not None:
            pks.append(parsed[1])
    return pks


def _suggest(matches: list[Match], objects: dict[int, Challenge | Signal], k: int):
    found = []
    for match in matches:
        parsed = parse_key(match.id)
        if parsed is None or parsed[1] not in objects:
            continue
        found.append(
            Suggestion(
                item=objects[parsed[1]],
                kind=parsed[0],
                score=match.score,
                shared_words=match.shared_words,
                same_kern=match.same_kern,
                kern=match.kern,
                days_apart=match.days_apart,
                other_street=match.other_street,
                shared_concepts=match.shared_concepts,
            )
        )
        if len(found) == k:
            break
    return found


def _query_for_signal(index: SimilarityIndex, signal: Signal, kind: str, k: int) -> list[Match]:
    matches = index.query(
        signal.text,
        kern=signal.kern.name if signal.kern_id else None,
        received_at=signal.received_at,
        channel=signal.channel,
        k=k * _OVERFETCH,
        kinds=[kind],
        exclude=[signal_key(signal.pk)],
    )
    return [m for m in matches if _worth_showing(m)]


def similar_challenges_for_signal(*, signal: Signal, k: int = 3) -> list[Suggestion]:
    """Challenges a signal looks like, best first; its own challenge left out.

    Every staff member may open every challenge (challenges.permissions.can_view), so no
    scoping beyond existence is needed here.
    """
    with store.session() as index:
        found = _query_for_signal(index, signal, CHALLENGE, k)
    matches = [m for m in found if m.id != _own(signal)]
    objects = Challenge.objects.filter(pk__in=_pks(matches)).exclude(status=Status.DECLINED)
    return _suggest(matches, {c.pk: c for c in objects}, k)


def _own(signal: Signal) -> str:
    return challenge_key(signal.challenge_id) if signal.challenge_id else ""


def similar_for_signal(*, user, signal: Signal, k: int = 3) -> SignalSuggestions:
    """ "Lijkt op" on the signal page: challenges first, then signals the user may open."""
    challenges = similar_challenges_for_signal(signal=signal, k=k)
    with store.session() as index:
        matches = _query_for_signal(index, signal, SIGNAL, k)
    visible = signals_visible_to(user).filter(pk__in=_pks(matches)).select_related("kern")
    signals = _suggest(matches, {s.pk: s for s in visible}, k)
    return SignalSuggestions(challenges=challenges, signals=signals)


def best_challenge_per_signal(*, signals: list[Signal]) -> dict[int, Suggestion]:
    """The inbox's "lijkt op" column: the best challenge for each new, unlinked signal."""
    wanted = [s for s in signals if s.status == Signal.Status.NEW and not s.challenge_id]
    with store.session() as index:
        matches_of = {s.pk: _query_for_signal(index, s, CHALLENGE, 1) for s in wanted}
    all_pks = {pk for matches in matches_of.values() for pk in _pks(matches)}
    objects = {
        c.pk: c for c in Challenge.objects.filter(pk__in=all_pks).exclude(status=Status.DECLINED)
    }
    best = {}
    for pk, matches in matches_of.items():
        found = _suggest(matches, objects, 1)
        if found:
            best[pk] = found[0]
    return best


def public_text_is_long_enough(text: str) -> bool:
    return len(text.strip()) >= PUBLIC_MIN_CHARACTERS and len(text.split()) >= PUBLIC_MIN_WORDS


def public_similar_challenges(*, text: str, kern_name: str | None = None) -> list[Suggestion]:
    """Public challenges that look like what a resident is typing.

    Only what the public page shows anyway may come out of here: public challenges past
    triage (a new one may still be declined), never a signal: signals are what other
    residents told us, and may name them (AVG).
    """
    text = text.strip()[:PUBLIC_MAX_CHARACTERS]
    if not public_text_is_long_enough(text):
        return []
    matches = store.query(
        text, kern=kern_name or None, k=PUBLIC_LIMIT * _OVERFETCH, kinds=[CHALLENGE]
    )
    matches = [m for m in matches if _worth_showing(m)]
    objects = (
        Challenge.objects.filter(pk__in=_pks(matches), is_public=True)
        .exclude(status=Status.NEW)
        .only("pk", "title", "status")
        .prefetch_related("kernen")
    )
    return _suggest(matches, {c.pk: c for c in objects}, PUBLIC_LIMIT)


# --- Backlog proposals ---------------------------------------------------------------------


def current_proposal_set() -> ProposalSet | None:
    return ProposalSet.objects.order_by("-created_at", "-id").first()


def open_proposals(*, proposal_set: ProposalSet | None) -> list[GroupProposal]:
    if proposal_set is None:
        return []
    proposals = list(
        proposal_set.proposals.filter(status=GroupProposal.Status.OPEN).order_by("label", "id")
    )
    members = (
        GroupProposal.signals.through.objects.filter(
            groupproposal__in=proposals,
            signal__status=Signal.Status.NEW,
            signal__challenge__isnull=True,
        )
        .select_related("signal__kern")
        .order_by("signal__received_at", "signal_id")
    )
    by_proposal: dict[int, list[Signal]] = {}
    for row in members:
        by_proposal.setdefault(row.groupproposal_id, []).append(row.signal)
    for proposal in proposals:
        proposal.open_signals = by_proposal.get(proposal.pk, [])
    # A group whose signals were all linked elsewhere meanwhile needs no decision.
    return [p for p in proposals if p.open_signals]


def recent_decisions(*, limit: int = 20) -> list[GroupDecision]:
    return list(
        GroupDecision.objects.select_related("actor", "proposal", "challenge", "other").order_by(
            "-at", "-id"
        )[:limit]
    )
