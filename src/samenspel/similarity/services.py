"""Writes of the similarity app: the shared index file, backlog proposals and decisions."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.challenges.models import Challenge
from samenspel.challenges.services import challenge_create, challenge_link_signals
from samenspel.intake.models import Signal

from .engine import SignalRecord, SimilarityIndex
from .grouping import group_signals
from .index_store import store
from .models import GroupDecision, GroupProposal, ProposalSet


def similarity_index_refresh(*, rebuild: bool = False) -> int:
    """The worker's hook: top up (or rebuild) the shared index and write it atomically."""
    return store.refresh_and_save(rebuild=rebuild)


def _unlinked_signals():
    return Signal.objects.filter(status=Signal.Status.NEW, challenge__isnull=True)


@transaction.atomic
def proposals_refresh(*, actor=None) -> ProposalSet:
    """Group every unlinked signal anew and store the groups as the current proposal set.

    Earlier sets stay as history; only the newest one is reviewed. Singletons are not
    proposals: a signal that looks like nothing else needs no group decision.
    """
    signals = list(_unlinked_signals().select_related("kern").order_by("received_at", "id"))
    index = SimilarityIndex()
    index.add_many(
        SignalRecord(
            id=str(signal.pk),
            text=signal.text,
            kern=signal.kern.name if signal.kern_id else None,
            channel=signal.channel,
            received_at=signal.received_at,
        )
        for signal in signals
    )
    groups = group_signals(index)
    members: dict[str, list[int]] = {}
    for signal_id, label in groups.items():
        members.setdefault(label, []).append(int(signal_id))
    proposal_set = ProposalSet.objects.create(created_by=actor, signal_count=len(signals))
    number = 0
    for pks in members.values():
        if len(pks) < 2:
            continue
        number += 1
        proposal = GroupProposal.objects.create(proposal_set=proposal_set, label=f"G{number:03d}")
        proposal.signals.set(pks)
    return proposal_set


def _lock_open(proposal: GroupProposal) -> GroupProposal:
    """Re-read the proposal under a row lock: two people must not decide it twice."""
    locked = GroupProposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != GroupProposal.Status.OPEN:
        raise ValidationError(_("Over deze groep is al besloten. Er is niets gewijzigd."))
    latest = ProposalSet.objects.order_by("-created_at", "-id").values_list("pk", flat=True)
    if locked.proposal_set_id != latest.first():
        raise ValidationError(
            _("Deze groep hoort bij een oudere groepering. Bekijk de nieuwe voorstellen.")
        )
    return locked


def _open_signals(proposal: GroupProposal) -> list[Signal]:
    return list(
        proposal.signals.filter(status=Signal.Status.NEW, challenge__isnull=True).order_by(
            "received_at", "id"
        )
    )


def _decide(proposal: GroupProposal, *, actor, status: str, challenge=None) -> None:
    proposal.status = status
    proposal.challenge = challenge
    proposal.decided_at = timezone.now()
    proposal.decided_by = actor
    proposal.save(update_fields=["status", "challenge", "decided_at", "decided_by"])


@transaction.atomic
def proposal_accept_as_new_challenge(
    *, proposal: GroupProposal, actor, title: str, summary: str = ""
) -> Challenge:
    """Start one challenge from the group's signals that are still unlinked."""
    proposal = _lock_open(proposal)
    signals = _open_signals(proposal)
    if not signals:
        raise ValidationError(_("Alle signalen van deze groep zijn al gekoppeld."))
    if not title.strip():
        raise ValidationError({"title": _("Geef de nieuwe opgave een titel.")})
    challenge = challenge_create(actor=actor, title=title, summary=summary, signals=signals)
    _decide(proposal, actor=actor, status=GroupProposal.Status.ACCEPTED, challenge=challenge)
    GroupDecision.objects.create(
        proposal=proposal,
        kind=GroupDecision.Kind.CREATE,
        actor=actor,
        challenge=challenge,
        signal_ids=[s.pk for s in signals],
    )
    return challenge


@transaction.atomic
def proposal_accept_into_challenge(*, proposal: GroupProposal, actor, challenge: Challenge) -> int:
    """Link the group's unlinked signals to an existing challenge."""
    proposal = _lock_open(proposal)
    signals = _open_signals(proposal)
    if not signals:
        raise ValidationError(_("Alle signalen van deze groep zijn al gekoppeld."))
    linked = challenge_link_signals(challenge=challenge, signals=signals, actor=actor)
    _decide(proposal, actor=actor, status=GroupProposal.Status.ACCEPTED, challenge=challenge)
    GroupDecision.objects.create(
        proposal=proposal,
        kind=GroupDecision.Kind.LINK,
        actor=actor,
        challenge=challenge,
        signal_ids=[s.pk for s in signals],
    )
    return linked


@transaction.atomic
def proposal_split(*, proposal: GroupProposal, actor, signal_ids: Iterable[int]) -> GroupProposal:
    """Take the chosen signals out of a group; they form a group of their own."""
    proposal = _lock_open(proposal)
    chosen = set(signal_ids)
    members = set(proposal.signals.values_list("pk", flat=True))
    if not chosen:
        raise ValidationError(_("Kies de signalen die uit de groep moeten."))
    if not chosen <= members:
        raise ValidationError(_("Een gekozen signaal hoort niet bij deze groep."))
    if chosen == members:
        raise ValidationError(_("Laat minstens één signaal in de groep."))
    proposal.signals.remove(*chosen)
    taken_out = GroupProposal.objects.create(
        proposal_set=proposal.proposal_set, label=_split_label(proposal)
    )
    taken_out.signals.set(chosen)
    GroupDecision.objects.create(
        proposal=proposal,
        kind=GroupDecision.Kind.SPLIT,
        actor=actor,
        other=taken_out,
        signal_ids=sorted(chosen),
    )
    return taken_out


def _split_label(proposal: GroupProposal) -> str:
    siblings = GroupProposal.objects.filter(
        proposal_set=proposal.proposal_set, label__startswith=f"{proposal.label}-"
    ).count()
    return f"{proposal.label}-{siblings + 1}"[:20]


@transaction.atomic
def proposal_merge(*, proposal: GroupProposal, actor, other: GroupProposal) -> GroupProposal:
    """Move the other group's signals into this one; the other group is closed."""
    if other.pk == proposal.pk:
        raise ValidationError(_("Kies een andere groep om mee samen te voegen."))
    # Lock in id order, so two people merging A into B and B into A cannot deadlock.
    first, second = sorted([proposal, other], key=lambda p: p.pk)
    locked = {p.pk: _lock_open(p) for p in (first, second)}
    proposal, other = locked[proposal.pk], locked[other.pk]
    if other.proposal_set_id != proposal.proposal_set_id:
        raise ValidationError(_("Deze groepen horen bij verschillende groeperingen."))
    moved = list(other.signals.values_list("pk", flat=True))
    proposal.signals.add(*moved)
    other.merged_into = proposal
    other.save(update_fields=["merged_into"])
    _decide(other, actor=actor, status=GroupProposal.Status.MERGED)
    GroupDecision.objects.create(
        proposal=proposal,
        kind=GroupDecision.Kind.MERGE,
        actor=actor,
        other=other,
        signal_ids=sorted(moved),
    )
    return proposal
