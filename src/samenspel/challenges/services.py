"""Every write to a challenge. Keyword-only, atomic, and each leaves a ChallengeEvent."""

from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspel.intake.models import Reporter, Signal
from samenspel.notifications.services import outbox_enqueue
from samenspel.places.models import Kern

from . import priority
from .default_criteria import DEFAULTS as DEFAULT_CRITERIA
from .models import (
    Challenge,
    ChallengeEvent,
    CriteriaChange,
    PriorityCriterion,
    PriorityRecord,
    PriorityScore,
)
from .workflow import REASON_REQUIRED, Status, allowed_transitions


def _follow_url(signal: Signal) -> str:
    return settings.SAMENSPEL_BASE_URL + reverse("intake:follow", args=[signal.follow_token])


def _followed_signals(challenge: Challenge):
    return (
        Signal.objects.filter(
            challenge=challenge,
            follow_token__isnull=False,
            reporter__wants_updates=True,
            reporter__anonymised_at__isnull=True,
        )
        .exclude(reporter__email="")
        .select_related("reporter")
    )


def _notify_followers(*, challenge: Challenge, event: ChallengeEvent, subject, template: str):
    """Queue one e-mail per following reporter, in the caller's transaction."""
    now = timezone.now()
    for signal in _followed_signals(challenge):
        outbox_enqueue(
            to=signal.reporter.email,
            subject=subject,
            template=template,
            context={
                "challenge": challenge,
                "event": event,
                "signal": signal,
                "follow_url": _follow_url(signal),
            },
            dedupe_key=f"challenge-event:{event.pk}:signal:{signal.pk}",
        )
    Signal.objects.filter(challenge=challenge, first_answered_at__isnull=True).update(
        first_answered_at=now
    )


def _replayed_event(*, challenge: Challenge, submission_token: str | None):
    """The event a resent form already wrote, so that nothing is stored or e-mailed twice."""
    if not submission_token:
        return None
    return ChallengeEvent.objects.filter(
        challenge=challenge, submission_token=submission_token
    ).first()


def _refresh_signal_count(challenge: Challenge) -> None:
    challenge.signal_count = challenge.signals.count()
    challenge.save(update_fields=["signal_count", "updated_at"])


@transaction.atomic
def challenge_create(
    *,
    actor,
    title: str,
    summary: str = "",
    kind: str = Challenge.Kind.ISSUE,
    kernen: Iterable = (),
    themes: Iterable = (),
    signals: Iterable[Signal] = (),
    owner_department=None,
    owner=None,
    is_public: bool = True,
    submission_token: str | None = None,
) -> Challenge:
    if submission_token:
        existing = Challenge.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return existing
    challenge = Challenge(
        title=title.strip(),
        summary=summary.strip(),
        kind=kind,
        owner_department=owner_department,
        owner=owner,
        is_public=is_public,
        created_by=actor,
        submission_token=submission_token or None,
    )
    challenge.full_clean(exclude=["kernen", "themes"])
    _ensure_owner_is_not_development_team(owner)
    challenge.save()
    signals = list(signals)
    kernen = set(kernen) | {s.kern for s in signals if s.kern_id}
    challenge.kernen.set(kernen)
    challenge.themes.set(themes)
    ChallengeEvent.objects.create(
        challenge=challenge,
        kind=ChallengeEvent.Kind.CREATED,
        actor=actor,
        to_status=challenge.status,
    )
    if signals:
        challenge_link_signals(challenge=challenge, signals=signals, actor=actor)
    return challenge


def _ensure_owner_is_not_development_team(owner) -> None:
    # The development team coaches; it never takes over the departments' work.
    if owner is not None and owner.is_development_team:
        raise ValidationError(
            {"owner": _("Een lid van het ontwikkelteam kan geen eigenaar zijn: het team coacht.")}
        )


@transaction.atomic
def challenge_link_signals(*, challenge: Challenge, signals: Iterable[Signal], actor) -> int:
    """Link signals to a challenge; tell their following reporters where to follow it."""
    linked = 0
    moved_from: set[int] = set()
    for signal in signals:
        if signal.challenge_id == challenge.pk:
            continue
        if signal.challenge_id:
            moved_from.add(signal.challenge_id)
        signal.challenge = challenge
        signal.status = Signal.Status.LINKED
        signal.save(update_fields=["challenge", "status"])
        if signal.kern_id:
            challenge.kernen.add(signal.kern_id)
        event = ChallengeEvent.objects.create(
            challenge=challenge,
            kind=ChallengeEvent.Kind.SIGNAL_LINKED,
            actor=actor,
            text=signal.reference,
        )
        reporter = signal.reporter
        if (
            signal.follow_token
            and reporter
            and reporter.wants_updates
            and reporter.email
            and not reporter.anonymised_at
        ):
            outbox_enqueue(
                to=reporter.email,
                subject=_("Uw melding %(ref)s wordt opgepakt") % {"ref": signal.reference},
                template="challenges/email/signal_linked.txt",
                context={
                    "challenge": challenge,
                    "signal": signal,
                    "event": event,
                    "follow_url": _follow_url(signal),
                },
                dedupe_key=f"signal-linked:{signal.pk}:{challenge.pk}",
            )
        if signal.first_answered_at is None:
            Signal.objects.filter(pk=signal.pk).update(first_answered_at=timezone.now())
        linked += 1
    _refresh_signal_count(challenge)
    # A signal moved here no longer counts for the challenge it came from.
    for previous in Challenge.objects.filter(pk__in=moved_from):
        _refresh_signal_count(previous)
    return linked


@transaction.atomic
def challenge_transition(
    *, challenge: Challenge, to: str, actor, reason: str = "", submission_token: str | None = None
) -> ChallengeEvent:
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    replayed = _replayed_event(challenge=challenge, submission_token=submission_token)
    if replayed is not None:
        return replayed
    allowed = allowed_transitions(challenge.status, challenge.status_before_hold)
    if to not in allowed:
        raise ValidationError(
            _("Van “%(from)s” naar “%(to)s” is geen toegestane stap.")
            % {
                "from": Status(challenge.status).label,
                "to": Status(to).label if to in Status.values else to,
            }
        )
    if to == Status.EVALUATED:
        # Imported here: knowledge builds on challenges, not the other way round.
        from samenspel.knowledge.services import ensure_lesson_before_evaluation

        ensure_lesson_before_evaluation(challenge=challenge)
    reason = reason.strip()
    if to in REASON_REQUIRED and not reason:
        raise ValidationError({"reason": _("Geef een reden: de melders krijgen die te lezen.")})
    from_status = challenge.status
    if to == Status.ON_HOLD:
        challenge.status_before_hold = from_status
    elif from_status == Status.ON_HOLD:
        challenge.status_before_hold = ""
    if to == Status.DECLINED:
        challenge.decline_reason = reason
    challenge.status = to
    challenge.save(update_fields=["status", "status_before_hold", "decline_reason", "updated_at"])
    event = ChallengeEvent.objects.create(
        challenge=challenge,
        kind=ChallengeEvent.Kind.TRANSITION,
        actor=actor,
        from_status=from_status,
        to_status=to,
        text=reason,
        is_public=challenge.is_public or to == Status.DECLINED,
        submission_token=submission_token or None,
    )
    _notify_followers(
        challenge=challenge,
        event=event,
        subject=gettext_lazy("Nieuwe status van de opgave: %(status)s")
        % {"status": Status(to).label},
        template="challenges/email/status_changed.txt",
    )
    return event


@transaction.atomic
def challenge_add_note(
    *, challenge: Challenge, actor, text: str, submission_token: str | None = None
) -> ChallengeEvent:
    replayed = _replayed_event(challenge=challenge, submission_token=submission_token)
    if replayed is not None:
        return replayed
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Schrijf eerst een notitie.")})
    return ChallengeEvent.objects.create(
        challenge=challenge,
        kind=ChallengeEvent.Kind.NOTE,
        actor=actor,
        text=text,
        submission_token=submission_token or None,
    )


@transaction.atomic
def challenge_post_update(
    *, challenge: Challenge, actor, text: str, submission_token: str | None = None
) -> ChallengeEvent:
    """A public update: shown on the public page and the follow link, e-mailed to followers."""
    replayed = _replayed_event(challenge=challenge, submission_token=submission_token)
    if replayed is not None:
        return replayed
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Schrijf eerst het bericht.")})
    event = ChallengeEvent.objects.create(
        challenge=challenge,
        kind=ChallengeEvent.Kind.PUBLIC_UPDATE,
        actor=actor,
        text=text,
        is_public=True,
        submission_token=submission_token or None,
    )
    Challenge.objects.filter(pk=challenge.pk).update(updated_at=timezone.now())
    _notify_followers(
        challenge=challenge,
        event=event,
        subject=gettext_lazy("Nieuws over de opgave “%(title)s”") % {"title": challenge.title},
        template="challenges/email/public_update.txt",
    )
    return event


CHANGEABLE_FIELDS = (
    "title",
    "summary",
    "kind",
    "owner_department",
    "owner",
    "government_role",
    "team_role",
    "is_public",
)


@transaction.atomic
def challenge_update(
    *, challenge: Challenge, actor, kernen=None, themes=None, **fields
) -> Challenge:
    unknown = set(fields) - set(CHANGEABLE_FIELDS)
    if unknown:
        raise TypeError(f"not changeable: {sorted(unknown)}")
    changed = [name for name, value in fields.items() if getattr(challenge, name) != value]
    for name in changed:
        setattr(challenge, name, fields[name])
    if changed:
        _ensure_owner_is_not_development_team(challenge.owner)
        challenge.full_clean(exclude=["kernen", "themes"])
    if kernen is not None and set(challenge.kernen.all()) != set(kernen):
        challenge.kernen.set(kernen)
        changed.append("kernen")
    if themes is not None and set(challenge.themes.all()) != set(themes):
        challenge.themes.set(themes)
        changed.append("themes")
    if changed:
        # Only a real change is saved: an unchanged form must not move the challenge up the
        # board (ordered by updated_at) nor write an empty history entry.
        fields_changed = [name for name in changed if name not in ("kernen", "themes")]
        challenge.save(update_fields=[*fields_changed, "updated_at"])
        ChallengeEvent.objects.create(
            challenge=challenge,
            kind=ChallengeEvent.Kind.CHANGED,
            actor=actor,
            text=", ".join(str(Challenge._meta.get_field(n).verbose_name) for n in changed),
        )
    return challenge


# --- Prioritisation -------------------------------------------------------------------------
# One service computes every priority: `_store_priority` for one challenge after scoring, and
# `priorities_rerank_all` for all of them after the criteria change. Both call the pure
# `priority.compute_priority`, so the board, the breakdown and the history always agree.

EQUITY_WINDOW = timedelta(days=365)
RERANK_CHUNK = 10000


def criteria_ensure_defaults() -> None:
    """Restore the starting criteria when the table is empty (idempotent)."""
    if PriorityCriterion.objects.exists():
        return
    with transaction.atomic():
        for order, (name, description, kind, computation, weight) in enumerate(
            DEFAULT_CRITERIA, start=1
        ):
            lookup = {"computation": computation} if computation else {"name": name}
            PriorityCriterion.objects.get_or_create(
                **lookup,
                defaults={
                    "name": name,
                    "description": description,
                    "kind": kind,
                    "computation": computation,
                    "weight": weight,
                    "order": order * 10,
                },
            )


def _pure_criteria(criteria: Iterable[PriorityCriterion]) -> list[priority.Criterion]:
    return [
        priority.Criterion(id=c.pk, name=c.name, weight=c.weight, scale=c.scale)
        for c in criteria
        if c.active
    ]


def kern_shortfalls(*, now=None) -> dict[int, float]:
    """Per kern, how far it was heard below the median in the last twelve months (0..1)."""
    now = now or timezone.now()
    counts = dict(
        Signal.objects.filter(
            received_at__gt=now - EQUITY_WINDOW, received_at__lte=now, kern__isnull=False
        )
        .values_list("kern")
        .annotate(n=Count("id"))
        .values_list("kern", "n")
    )
    population = dict(Kern.objects.values_list("id", "population"))
    return priority.kern_shortfalls(signals_per_kern=counts, population=population)


def _distinct_reporters(challenge: Challenge) -> int:
    """Reporters told apart by e-mail address; those without one count once each."""
    reporters = Reporter.objects.filter(signal__challenge=challenge, anonymised_at__isnull=True)
    with_email = reporters.exclude(email="").aggregate(n=Count(Lower("email"), distinct=True))["n"]
    return with_email + reporters.filter(email="").count()


def _computed_scores(
    challenge: Challenge, criteria: Iterable[PriorityCriterion], *, now
) -> dict[int, tuple[Decimal, str]]:
    """The computed criteria's scores for one challenge, each with the figures behind it."""
    scores = {}
    for criterion in criteria:
        if criterion.kind != PriorityCriterion.Kind.COMPUTED:
            continue
        if criterion.computation == PriorityCriterion.Computation.REACH:
            reporters = _distinct_reporters(challenge)
            share = priority.reach_share(
                signal_count=challenge.signal_count, distinct_reporters=reporters
            )
            why = _(
                "%(signals)d signalen en %(reporters)d verschillende melders (vol bij %(full)d)."
            ) % {
                "signals": challenge.signal_count,
                "reporters": reporters,
                "full": priority.REACH_FULL_AT,
            }
        elif criterion.computation == PriorityCriterion.Computation.EQUITY:
            shortfalls = kern_shortfalls(now=now)
            kernen = list(challenge.kernen.order_by("name"))
            share = priority.equity_share([k.pk for k in kernen], shortfalls)
            if kernen:
                why = _(
                    "Kernen %(kernen)s: gemiddeld %(below)d%% onder de mediaan van signalen per "
                    "1.000 inwoners in de laatste twaalf maanden."
                ) % {"kernen": ", ".join(k.name for k in kernen), "below": round(share * 100)}
            else:
                why = _("Geen kern bekend.")
        else:
            continue
        scores[criterion.pk] = (priority.share_to_score(share, criterion.scale), why)
    return scores


def _store_priority(
    *, challenge: Challenge, actor, reason: str, submission_token: str | None = None
) -> PriorityRecord:
    criteria = list(PriorityCriterion.objects.filter(active=True))
    rows = {
        row.criterion_id: row
        for row in PriorityScore.objects.filter(challenge=challenge).select_related("scored_by")
    }
    breakdown = priority.compute_priority(
        _pure_criteria(criteria), {cid: row.score for cid, row in rows.items()}
    )
    data = breakdown.as_json()
    for line in data["lines"]:
        row = rows.get(line["criterion"])
        line["rationale"] = row.rationale if row else ""
        line["scored_by"] = (
            (row.scored_by.get_full_name() or row.scored_by.username)
            if row and row.scored_by
            else ""
        )
    now = timezone.now()
    Challenge.objects.filter(pk=challenge.pk).update(
        priority=breakdown.priority, prioritised_at=challenge.prioritised_at or now
    )
    challenge.priority = breakdown.priority
    challenge.prioritised_at = challenge.prioritised_at or now
    return PriorityRecord.objects.create(
        challenge=challenge,
        priority=breakdown.priority,
        breakdown=data,
        reason=reason,
        actor=actor,
        submission_token=submission_token or None,
    )


@transaction.atomic
def challenge_score(
    *,
    challenge: Challenge,
    actor,
    scores: dict[int, tuple[int, str]],
    submission_token: str | None = None,
) -> PriorityRecord | None:
    """Score a challenge on the team's criteria; returns the new history row, or None when
    nothing changed (nothing is then stored)."""
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if submission_token:
        replayed = PriorityRecord.objects.filter(submission_token=submission_token).first()
        if replayed is not None:
            return replayed
    criteria = {c.pk: c for c in PriorityCriterion.objects.filter(active=True)}
    errors: dict[str, list] = {}
    cleaned: dict[int, tuple[Decimal, str]] = {}
    for criterion_id, (score, rationale) in scores.items():
        criterion = criteria.get(criterion_id)
        if criterion is None or criterion.kind != PriorityCriterion.Kind.SCORED:
            errors.setdefault("__all__", []).append(
                _(
                    "Een van de criteria bestaat niet meer of wordt berekend. "
                    "Laad de pagina opnieuw."
                )
            )
            continue
        rationale = (rationale or "").strip()
        if score is None or not 0 <= int(score) <= criterion.scale:
            errors[f"score_{criterion_id}"] = [
                _("Kies een score van 0 tot en met %(scale)d.") % {"scale": criterion.scale}
            ]
        if not rationale:
            errors[f"rationale_{criterion_id}"] = [_("Licht de score kort toe.")]
        elif len(rationale) > 500:
            errors[f"rationale_{criterion_id}"] = [_("Houd de toelichting onder 500 tekens.")]
        if f"score_{criterion_id}" not in errors and f"rationale_{criterion_id}" not in errors:
            cleaned[criterion_id] = (Decimal(int(score)), rationale)
    if errors:
        raise ValidationError(errors)
    if not cleaned:
        raise ValidationError(_("Geef minstens één criterium een score met toelichting."))
    now = timezone.now()
    existing = {s.criterion_id: s for s in PriorityScore.objects.filter(challenge=challenge)}
    changed = []
    for criterion_id, (score, rationale) in cleaned.items():
        row = existing.get(criterion_id)
        if row is not None and row.score == score and row.rationale == rationale:
            continue
        PriorityScore.objects.update_or_create(
            challenge=challenge,
            criterion_id=criterion_id,
            defaults={"score": score, "rationale": rationale, "scored_by": actor, "scored_at": now},
        )
        criterion = criteria[criterion_id]
        changed.append(f"{criterion.name}: {score}/{criterion.scale} ({rationale})")
    if not changed:
        return None
    for criterion_id, (score, why) in _computed_scores(
        challenge, criteria.values(), now=now
    ).items():
        PriorityScore.objects.update_or_create(
            challenge=challenge,
            criterion_id=criterion_id,
            defaults={"score": score, "rationale": why, "scored_by": None, "scored_at": now},
        )
    return _store_priority(
        challenge=challenge,
        actor=actor,
        reason="\n".join(changed),
        submission_token=submission_token,
    )


def _criteria_snapshot() -> dict[str, dict]:
    return {
        str(c.pk): {
            "name": c.name,
            "weight": str(c.weight),
            "scale": c.scale,
            "active": c.active,
        }
        for c in PriorityCriterion.objects.order_by("order", "id")
    }


def _bulk_set_priority(pairs: list[tuple[int, Decimal]]) -> None:
    """Write many priorities in few statements (an UPDATE joined on two arrays on PostgreSQL:
    one parameter per column instead of one per value, so nothing large to parse)."""
    table = connection.ops.quote_name(Challenge._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(pairs), RERANK_CHUNK):
            chunk = pairs[start : start + RERANK_CHUNK]
            if connection.vendor == "postgresql":
                cursor.execute(
                    f"UPDATE {table} AS c SET priority = v.priority "  # noqa: S608 (no user input)
                    "FROM unnest(%s::bigint[], %s::numeric[]) AS v(id, priority) "
                    "WHERE c.id = v.id",
                    [[pk for pk, _ in chunk], [value for _, value in chunk]],
                )
            else:
                cursor.executemany(
                    f"UPDATE {table} SET priority = %s WHERE id = %s",  # noqa: S608
                    [(str(value), pk) for pk, value in chunk],
                )


def _rows(sql: str):
    """Plain tuples straight from the cursor: at 100,000 challenges the ORM's per-row work
    would cost more than the ranking itself."""
    with connection.cursor() as cursor:
        cursor.execute(sql)
        while rows := cursor.fetchmany(10000):
            yield from rows


def _decimal(value) -> Decimal:
    # PostgreSQL hands back Decimal; SQLite a float or int for its NUMERIC column.
    return value if isinstance(value, Decimal) else Decimal(str(value))


def priorities_rerank_all() -> int:
    """Recompute every scored challenge's priority from its stored scores; returns how many
    changed. Runs in the caller's transaction."""
    ranker = priority.Ranker(_pure_criteria(PriorityCriterion.objects.filter(active=True)))
    scores: dict[int, dict[int, Decimal]] = defaultdict(dict)
    quote = connection.ops.quote_name
    score_table = quote(PriorityScore._meta.db_table)
    challenge_table = quote(Challenge._meta.db_table)
    for challenge_id, criterion_id, score in _rows(
        f"SELECT challenge_id, criterion_id, score FROM {score_table}"  # noqa: S608 (no input)
    ):
        scores[challenge_id][criterion_id] = _decimal(score)
    changed = []
    for challenge_id, current in _rows(
        f"SELECT id, priority FROM {challenge_table} "  # noqa: S608 (no user input)
        "WHERE prioritised_at IS NOT NULL"
    ):
        new = ranker.priority(scores.get(challenge_id, {}))
        if new != _decimal(current):
            changed.append((challenge_id, new))
    _bulk_set_priority(changed)
    return len(changed)


def _record_criteria_change(*, kind: str, before: dict, actor, reason: str) -> CriteriaChange:
    reranked = priorities_rerank_all()
    return CriteriaChange.objects.create(
        kind=kind,
        before=before,
        after=_criteria_snapshot(),
        reason=reason.strip(),
        reranked=reranked,
        actor=actor,
    )


CRITERION_FIELDS = (
    "name",
    "description",
    "weight",
    "scale",
    "kind",
    "computation",
    "active",
    "order",
)


@transaction.atomic
def criterion_create(*, actor, reason: str = "", **fields) -> PriorityCriterion:
    unknown = set(fields) - set(CRITERION_FIELDS)
    if unknown:
        raise TypeError(f"not settable: {sorted(unknown)}")
    before = _criteria_snapshot()
    criterion = PriorityCriterion(**fields)
    criterion.full_clean()
    criterion.save()
    _record_criteria_change(
        kind=CriteriaChange.Kind.CREATED, before=before, actor=actor, reason=reason
    )
    return criterion


@transaction.atomic
def criterion_update(
    *, criterion: PriorityCriterion, actor, reason: str = "", **fields
) -> PriorityCriterion:
    unknown = set(fields) - set(CRITERION_FIELDS)
    if unknown:
        raise TypeError(f"not changeable: {sorted(unknown)}")
    criterion = PriorityCriterion.objects.select_for_update().get(pk=criterion.pk)
    changed = [name for name, value in fields.items() if getattr(criterion, name) != value]
    if not changed:
        return criterion
    before = _criteria_snapshot()
    for name in changed:
        setattr(criterion, name, fields[name])
    criterion.full_clean()
    criterion.save()
    _record_criteria_change(
        kind=CriteriaChange.Kind.CHANGED, before=before, actor=actor, reason=reason
    )
    return criterion


@transaction.atomic
def criteria_reweight(
    *, actor, weights: dict[int, Decimal], reason: str = ""
) -> CriteriaChange | None:
    """Give criteria new weights and re-rank every challenge; None when nothing changed."""
    criteria = {c.pk: c for c in PriorityCriterion.objects.select_for_update()}
    errors = {}
    for criterion_id, weight in weights.items():
        if criterion_id not in criteria:
            errors.setdefault("__all__", []).append(
                _("Een van de criteria bestaat niet meer. Laad de pagina opnieuw.")
            )
        elif weight is None or not Decimal(0) <= Decimal(weight) <= Decimal(100):
            errors[f"weight_{criterion_id}"] = [_("Kies een gewicht van 0 tot en met 100.")]
    if errors:
        raise ValidationError(errors)
    before = _criteria_snapshot()
    changed = [
        criteria[cid] for cid, weight in weights.items() if criteria[cid].weight != Decimal(weight)
    ]
    if not changed:
        return None
    for criterion in changed:
        criterion.weight = Decimal(weights[criterion.pk])
    PriorityCriterion.objects.bulk_update(changed, ["weight"])
    return _record_criteria_change(
        kind=CriteriaChange.Kind.REWEIGHTED, before=before, actor=actor, reason=reason
    )
