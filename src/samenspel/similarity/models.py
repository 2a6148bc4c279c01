"""Proposed groups of a signal backlog and the team's decisions about them.

The engine proposes; people decide. A proposal set is one run of the batch grouping over
the unlinked signals, kept with its timestamp so the team reviews a stable list instead of
one that shifts under them with every new signal. Every decision is stored with who and
when: accepting a group creates or fills a challenge, which is a decision about residents'
reports that the team must be able to account for.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ProposalSet(models.Model):
    created_at = models.DateTimeField(_("berekend op"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signal_count = models.PositiveIntegerField(_("aantal losse signalen"), default=0)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("groepsvoorstel-ronde")
        verbose_name_plural = _("groepsvoorstel-rondes")

    def __str__(self) -> str:
        return f"ProposalSet {self.pk}"


class GroupProposal(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ACCEPTED = "accepted", _("geaccepteerd")
        MERGED = "merged", _("samengevoegd")

    proposal_set = models.ForeignKey(
        ProposalSet, on_delete=models.CASCADE, related_name="proposals"
    )
    label = models.CharField(_("groep"), max_length=20)
    signals = models.ManyToManyField("intake.Signal", related_name="group_proposals")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)
    challenge = models.ForeignKey(
        "challenges.Challenge", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["proposal_set", "id"]
        verbose_name = _("groepsvoorstel")
        verbose_name_plural = _("groepsvoorstellen")

    def __str__(self) -> str:
        return self.label


class GroupDecision(models.Model):
    """Append-only: what the team decided about a proposal, by whom and when."""

    class Kind(models.TextChoices):
        CREATE = "create", _("nieuwe opgave gemaakt")
        LINK = "link", _("gekoppeld aan bestaande opgave")
        SPLIT = "split", _("gesplitst")
        MERGE = "merge", _("samengevoegd")

    proposal = models.ForeignKey(GroupProposal, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    challenge = models.ForeignKey(
        "challenges.Challenge", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    other = models.ForeignKey(
        GroupProposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signal_ids = models.JSONField(default=list)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("groepsbesluit")
        verbose_name_plural = _("groepsbesluiten")

    def __str__(self) -> str:
        return f"{self.kind} {self.proposal_id}"
