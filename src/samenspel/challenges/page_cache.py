"""A challenge page's body, cached per viewer until something the page shows changes.

Building the page costs a dozen queries and six blocks of HTML (issue 2's slowest page),
while a challenge changes only when somebody works on it and staff come back to the same
challenge again and again. So the body (all of `<main>` but the flash messages) is cached
under tokens that every write the page shows replaces, and per viewer: the blocks show links
and forms by the viewer's rights, and a key per viewer and role set can never hand one
person's page to another. The tokens live in the database (ADR 13): every worker process sees
a change at once, and a write that is rolled back rolls its token back too. There are three:
the challenge's own (`ChallengePageState`, replaced by `challenge_changed`), one for what
every page shows (`ChallengePageVersion`, `page_changed`) and the knowledge block's
(`KnowledgeVersion`); one query reads all three.

Never cached, filled in per request instead (`fill`):
- residents' personal data: each reporter cell is a placeholder, filled from `Reporter` on
  every request, so an anonymisation (a `QuerySet.update()`) shows at once and every request
  that shows reporters writes its audit entry (AVG art. 5(2));
- the CSRF token and the forms' submission tokens, so that two notes written from one
  cached page are two notes.
A placeholder is a random marker (new for every render, so no resident can type one into a
signal) followed by its kind and an `x`.

Model signals replace them. The challenge's own token: saves and deletes of the challenge and
of what belongs to it (events, linked signals, priority scores and records, the participation
advice, the coalition and its places) and changes to its kernen and themes, from either side;
a signal moved to another challenge changes both pages. The token of all pages: the names the
pages show (saves of kernen, themes, departments, employees and users, and their deletes) and
the priority criteria and their changes. A new signal that is not linked to any challenge, a
new kern, theme, department, employee or user (on no page until a write links it), and a
log-in (which saves only `last_login`) leave both alone. Today's date ("waiting for priority"
counts working days) and the language are part of the key too.
"""

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from django.utils import timezone, translation

from samenspel.accounts.roles import user_roles
from samenspel.core import versions

from . import selectors
from .models import (
    Challenge,
    ChallengeEvent,
    ChallengePageState,
    ChallengePageVersion,
    CriteriaChange,
    PriorityCriterion,
    PriorityRecord,
    PriorityScore,
)

BODY_FORMAT = 1


@dataclass(frozen=True)
class PageBody:
    """A rendered body with its placeholders; what the cache holds."""

    title: str
    html: str
    marker: str
    # (signal pk, reporter pk) of every row whose reporter cell is a placeholder.
    reporters: tuple[tuple[int, int], ...] = ()
    reference: str = ""


def new_marker() -> str:
    return "ph" + secrets.token_hex(12)


def csrf_placeholder(marker: str) -> str:
    return f"{marker}cx"


def token_placeholder(marker: str, index: int) -> str:
    return f"{marker}t{index}x"


def reporter_placeholder(marker: str, signal_pk: int) -> str:
    return f"{marker}r{signal_pk}x"


def fill(body: PageBody, *, csrf: str, new_token: Callable[[], str], reporter_cells) -> str:
    """The body's HTML with every placeholder replaced, in one pass: the CSRF token, a fresh
    submission token for each form, and `reporter_cells[signal pk]` (already escaped)."""
    pattern = re.compile(re.escape(body.marker) + r"(c|t\d+|r\d+)x")

    def replace(match: re.Match) -> str:
        kind = match.group(1)
        if kind == "c":
            return csrf
        if kind[0] == "t":
            return new_token()
        return reporter_cells[int(kind[1:])]

    return pattern.sub(replace, body.html)


def page_version(pk: int) -> tuple[str, str, str]:
    """The token of all pages, the knowledge token and challenge `pk`'s own token ("" for a
    challenge nothing was written to yet), in one indexed query."""
    from samenspel.knowledge.models import KnowledgeVersion

    everything, knowledge, own = versions.read_rows(
        (ChallengePageVersion, "id", versions.ROW),
        (KnowledgeVersion, "id", versions.ROW),
        (ChallengePageState, "challenge_id", pk),
    )
    if everything is None:
        everything = versions.current(ChallengePageVersion)
    return everything, knowledge or "", own or ""


def page_changed() -> None:
    """Make every cached challenge page stale; part of the caller's transaction."""
    versions.replace(ChallengePageVersion)


def challenge_changed(*pks: int | None) -> None:
    """Make the cached pages of these challenges stale; part of the caller's transaction."""
    wanted = sorted({pk for pk in pks if pk is not None})
    if wanted:
        ChallengePageState.objects.bulk_create(
            [ChallengePageState(challenge_id=pk, token=versions.new_token()) for pk in wanted],
            update_conflicts=True,
            unique_fields=["challenge_id"],
            update_fields=["token"],
        )


def cached_body(*, user, pk: int, after: str, build: Callable[[str], PageBody]) -> PageBody:
    """The body of challenge `pk`'s page for this viewer, built when missing by
    `build(knowledge token)`: the knowledge block's key needs the token read here."""
    token, knowledge, own = page_version(pk)
    parts = (
        # What a cached body looks like: a deploy that changes `PageBody` or the body's
        # placeholders raises this, so that no process reads an entry of the old shape.
        BODY_FORMAT,
        token,
        knowledge,
        own,
        pk,
        after,
        user.pk,
        tuple(sorted(user_roles(user))),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        selectors.unscored_working_days(),
    )
    return versions.cached("challenges:page", parts, lambda: build(knowledge))


_on_change = versions.receiver(ChallengePageVersion)


def _on_challenge_change(sender, instance, **kwargs) -> None:
    challenge_changed(instance.pk)


def _on_challenge_delete(sender, instance, **kwargs) -> None:
    # Its page is gone, so is its token: the table holds only existing challenges. Django
    # deletes (and signals) a challenge's events and other parts before the challenge.
    ChallengePageState.objects.filter(challenge_id=instance.pk).delete()


def _on_part_change(sender, instance, **kwargs) -> None:
    # Events, priority scores and records, the participation advice and the coalition.
    challenge_changed(instance.challenge_id)


def _on_membership_change(sender, instance, **kwargs) -> None:
    from samenspel.coalitions.models import Coalition

    challenge_changed(
        Coalition.objects.filter(pk=instance.coalition_id)
        .values_list("challenge_id", flat=True)
        .first()
    )


def _on_relation_change(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """A challenge's kernen or themes, changed from either side."""
    if not action.startswith("post_"):
        return
    if not reverse:
        challenge_changed(instance.pk)
    elif pk_set is not None:
        challenge_changed(*pk_set)
    else:  # a kern's or theme's challenges cleared: which ones is gone
        page_changed()


def _on_name_save(sender, created, **kwargs) -> None:
    # A new kern, theme, department, employee or user is on no page until something links
    # it, and that write replaces a token itself.
    if not created:
        page_changed()


def _remember_signal_challenge(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before a signal is saved: the challenge it belonged to, whose page loses it if it
    moves (`challenge_link_signals` moves signals between challenges)."""
    instance._page_previous_challenge = None
    if instance._state.adding or raw:
        return
    if update_fields is not None and "challenge" not in update_fields:
        return
    instance._page_previous_challenge = (
        type(instance).objects.filter(pk=instance.pk).values_list("challenge_id", flat=True).first()
    )


def _on_signal_save(sender, instance, created, **kwargs) -> None:
    # A new signal outside every challenge is on no challenge page (the public form's path).
    challenge_changed(instance.challenge_id, getattr(instance, "_page_previous_challenge", None))


def _on_signal_delete(sender, instance, **kwargs) -> None:
    challenge_changed(instance.challenge_id)


def _on_user_save(sender, created, update_fields=None, **kwargs) -> None:
    # Django saves `last_login` alone at every log-in; the pages show names, not that.
    if not created and (update_fields is None or set(update_fields) != {"last_login"}):
        page_changed()


def connect_signals() -> None:
    from django.contrib.auth import get_user_model

    from samenspel.coalitions.models import Coalition, Membership
    from samenspel.intake.models import Signal
    from samenspel.organisation.models import Department, Employee
    from samenspel.participation.models import ParticipationAdvice
    from samenspel.places.models import Kern

    from .models import Theme

    def connect(receiver, model, *signals) -> None:
        for signal in signals:
            kind = "save" if signal is post_save else "delete"
            signal.connect(receiver, sender=model, dispatch_uid=f"page-{kind}-{model.__name__}")

    connect(_on_challenge_change, Challenge, post_save)
    connect(_on_challenge_delete, Challenge, post_delete)
    for model in (ChallengeEvent, PriorityScore, PriorityRecord, ParticipationAdvice, Coalition):
        connect(_on_part_change, model, post_save, post_delete)
    connect(_on_membership_change, Membership, post_save, post_delete)
    # What every prioritised challenge shows: the criteria and their changes.
    for model in (PriorityCriterion, CriteriaChange):
        connect(_on_change, model, post_save, post_delete)
    for model in (Kern, Theme, Department, Employee):
        connect(_on_name_save, model, post_save)
        connect(_on_change, model, post_delete)
    pre_save.connect(_remember_signal_challenge, sender=Signal, dispatch_uid="page-pre-Signal")
    connect(_on_signal_save, Signal, post_save)
    connect(_on_signal_delete, Signal, post_delete)
    user = get_user_model()
    connect(_on_user_save, user, post_save)
    connect(_on_change, user, post_delete)
    for through in (Challenge.kernen.through, Challenge.themes.through):
        m2m_changed.connect(
            _on_relation_change, sender=through, dispatch_uid=f"page-{through.__name__}"
        )
