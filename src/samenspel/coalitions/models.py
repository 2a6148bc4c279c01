"""Coalitions (gelegenheidscoalities): what a challenge needs, and who works on it.

Every change to a membership also leaves a MembershipEvent with the employee and the time, so
the insights app can count engagement (joined a coalition, coached) without guessing.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ChallengeNeeds(models.Model):
    """What one challenge asks of its coalition: the input of the recommender."""

    challenge = models.OneToOneField(
        "challenges.Challenge", on_delete=models.CASCADE, related_name="needs"
    )
    hours_per_member = models.DecimalField(
        _("uren per week per lid"),
        max_digits=4,
        decimal_places=1,
        default=2,
        validators=[MinValueValidator(0.5), MaxValueValidator(40)],
    )
    min_size = models.PositiveSmallIntegerField(_("minimale omvang"), default=3)
    max_size = models.PositiveSmallIntegerField(_("maximale omvang"), default=6)
    max_per_department = models.PositiveSmallIntegerField(_("hoogstens per afdeling"), default=2)
    # Partner.Kind values; a short list, so a JSON list beats a join table here.
    partner_kinds = models.JSONField(_("gewenste soorten partners"), default=list, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("behoefte van een opgave")
        verbose_name_plural = _("behoeften van opgaven")

    @property
    def partner_kind_labels(self) -> list[str]:
        from samenspel.organisation.models import Partner

        labels = dict(Partner.Kind.choices)
        return [str(labels[kind]) for kind in self.partner_kinds if kind in labels]


class NeedSkill(models.Model):
    needs = models.ForeignKey(ChallengeNeeds, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey("organisation.Skill", on_delete=models.PROTECT, related_name="+")
    weight = models.PositiveSmallIntegerField(
        _("gewicht"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["-weight", "skill__name"]
        constraints = [
            models.UniqueConstraint(fields=["needs", "skill"], name="unique_need_skill"),
        ]


class Coalition(models.Model):
    """The ad-hoc team of one challenge."""

    challenge = models.OneToOneField(
        "challenges.Challenge", on_delete=models.CASCADE, related_name="coalition"
    )
    # Which solver answered the last proposal, shown so the team knows whether it is proven best.
    last_solver = models.CharField(max_length=20, blank=True)
    last_objective = models.IntegerField(null=True, blank=True)
    last_proposed_at = models.DateTimeField(null=True, blank=True)
    last_uncovered = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("coalitie")
        verbose_name_plural = _("coalities")

    def __str__(self) -> str:
        return str(self.challenge)


class Membership(models.Model):
    """One colleague or partner in a coalition, from proposal to answer."""

    class Role(models.TextChoices):
        OWNER = "owner", _("eigenaar")
        MEMBER = "member", _("lid")
        COACH = "coach", _("coach")
        PARTNER = "partner", _("partner")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("voorgesteld")
        INVITED = "invited", _("uitgenodigd")
        AWAITING_APPROVAL = "awaiting_approval", _("wacht op goedkeuring manager")
        ACCEPTED = "accepted", _("geaccepteerd")
        DECLINED = "declined", _("afgeslagen")
        REMOVED = "removed", _("verwijderd")

    class Approval(models.TextChoices):
        APPROVED = "approved", _("goedgekeurd")
        REFUSED = "refused", _("afgewezen")

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="memberships")
    employee = models.ForeignKey(
        "organisation.Employee",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    partner = models.ForeignKey(
        "organisation.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    hours_per_week = models.DecimalField(
        _("uren per week"), max_digits=4, decimal_places=1, default=0
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED
    )
    reason = models.TextField(_("reden"), blank=True)
    reason_en = models.TextField(blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    responded_at = models.DateTimeField(null=True, blank=True)
    # Secret of the e-mail link: answering needs no log-in, so the token is the only key.
    response_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    approval = models.CharField(max_length=20, choices=Approval.choices, blank=True)
    approval_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approval_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["coalition", "role", "id"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.CheckConstraint(
                condition=(Q(employee__isnull=False) & Q(partner__isnull=True))
                | (Q(employee__isnull=True) & Q(partner__isnull=False)),
                name="membership_employee_xor_partner",
            ),
            models.UniqueConstraint(
                fields=["coalition", "employee"],
                condition=Q(employee__isnull=False),
                name="unique_coalition_employee",
            ),
            models.UniqueConstraint(
                fields=["coalition", "partner"],
                condition=Q(partner__isnull=False),
                name="unique_coalition_partner",
            ),
        ]
        indexes = [models.Index(fields=["employee", "status"], name="membership_employee_status")]

    def __str__(self) -> str:
        return f"{self.member_name} ({self.get_role_display()})"

    @property
    def member_name(self) -> str:
        if self.employee_id:
            return self.employee.name
        return self.partner.name if self.partner_id else ""

    @property
    def is_open(self) -> bool:
        """Still on the team: proposed, invited, awaiting approval or accepted."""
        return self.status in ACTIVE_STATUSES


# Counted as a place on the team (and, except proposals, as load on the employee).
ACTIVE_STATUSES = (
    Membership.Status.PROPOSED,
    Membership.Status.INVITED,
    Membership.Status.AWAITING_APPROVAL,
    Membership.Status.ACCEPTED,
)
LOAD_STATUSES = (
    Membership.Status.INVITED,
    Membership.Status.AWAITING_APPROVAL,
    Membership.Status.ACCEPTED,
)


class MembershipEvent(models.Model):
    """Append-only history of memberships; the engagement facts insights reads."""

    class Kind(models.TextChoices):
        PROPOSED = "proposed", _("voorgesteld")
        ADDED = "added", _("toegevoegd door het team")
        INVITED = "invited", _("uitgenodigd")
        ACCEPTED = "accepted", _("geaccepteerd")
        DECLINED = "declined", _("afgeslagen")
        APPROVAL_REQUESTED = "approval_requested", _("goedkeuring gevraagd")
        APPROVED = "approved", _("goedgekeurd door manager")
        REFUSED = "refused", _("afgewezen door manager")
        REMOVED = "removed", _("verwijderd")

    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="events")
    # Denormalised so insights can count per employee without joining through memberships.
    employee = models.ForeignKey(
        "organisation.Employee", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    role = models.CharField(max_length=20, choices=Membership.Role.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["at", "id"]
