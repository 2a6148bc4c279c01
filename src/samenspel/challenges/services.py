"""Every write to a challenge. Keyword-only, atomic, and each leaves a ChallengeEvent."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspel.intake.models import Signal
from samenspel.notifications.services import outbox_enqueue

from .models import Challenge, ChallengeEvent
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
    _ensure_owner_is_not_development_team(challenge.owner)
    challenge.full_clean(exclude=["kernen", "themes"])
    challenge.save()
    if kernen is not None and set(challenge.kernen.all()) != set(kernen):
        challenge.kernen.set(kernen)
        changed.append("kernen")
    if themes is not None and set(challenge.themes.all()) != set(themes):
        challenge.themes.set(themes)
        changed.append("themes")
    if changed:
        ChallengeEvent.objects.create(
            challenge=challenge,
            kind=ChallengeEvent.Kind.CHANGED,
            actor=actor,
            text=", ".join(str(Challenge._meta.get_field(n).verbose_name) for n in changed),
        )
    return challenge
