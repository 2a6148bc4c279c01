"""The participation advice (participatieadvies) on a policy challenge, and its history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspel.challenges.models import Challenge

from .workflow import Status


class ParticipationAdvice(models.Model):
    """The development team's critical advice on how to involve residents in a policy."""

    class DecidingBody(models.TextChoices):
        COLLEGE = "college", _("college van burgemeester en wethouders")
        COUNCIL = "council", _("gemeenteraad")

    class LadderLevel(models.TextChoices):
        # The participation ladder, from least to most influence for residents.
        INFORM = "inform", _("informeren")
        CONSULT = "consult", _("raadplegen")
        ADVISE = "advise", _("adviseren")
        COPRODUCE = "coproduce", _("coproduceren")
        CODECIDE = "codecide", _("meebeslissen")

    class Followed(models.TextChoices):
        YES = "yes", _("ja")
        PARTLY = "partly", _("gedeeltelijk")
        NO = "no", _("nee")

    challenge = models.OneToOneField(
        Challenge,
        verbose_name=_("opgave"),
        on_delete=models.PROTECT,
        related_name="participation_advice",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    requesting_department = models.ForeignKey(
        "organisation.Department",
        verbose_name=_("aanvragende afdeling"),
        on_delete=models.PROTECT,
        related_name="participation_advices",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The team member who took the advice on: for the insights, who coached whom.
    advisor = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("adviseur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="participation_advices",
    )
    question = models.TextField(_("adviesvraag"))
    decision_date = models.DateField(_("datum van het besluit"))
    deciding_body = models.CharField(
        _("besluitvormend orgaan"), max_length=20, choices=DecidingBody.choices
    )

    affected = models.TextField(_("wie worden geraakt"), blank=True)
    kernen = models.ManyToManyField(
        "places.Kern", verbose_name=_("kernen"), blank=True, related_name="participation_advices"
    )
    ladder_level = models.CharField(
        _("beoogde trede op de participatieladder"),
        max_length=20,
        choices=LadderLevel.choices,
        blank=True,
    )
    ladder_rationale = models.TextField(_("waarom deze trede"), blank=True)
    government_role = models.CharField(
        _("rol van de gemeente"),
        max_length=20,
        choices=Challenge.GovernmentRole.choices,
        blank=True,
    )
    timing = models.TextField(_("planning ten opzichte van het besluit"), blank=True)
    feedback = models.TextField(_("terugkoppeling aan deelnemers"), blank=True)
    evaluation = models.TextField(_("evaluatie"), blank=True)
    critical_remarks = models.TextField(_("kritische kanttekeningen van het team"), blank=True)

    followed = models.CharField(
        _("is het advies opgevolgd"), max_length=10, choices=Followed.choices, blank=True
    )
    result = models.TextField(_("resultaat"), blank=True)

    # Idempotency: the token of the request form, so a resent form finds this row.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    given_at = models.DateTimeField(null=True, blank=True)
    followed_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["decision_date", "id"]
        verbose_name = _("participatieadvies")
        verbose_name_plural = _("participatieadviezen")
        indexes = [models.Index(fields=["status", "decision_date"], name="advice_by_status")]

    def __str__(self) -> str:
        return str(self.challenge)

    @property
    def reference(self) -> str:
        return f"P-{self.pk:05d}" if self.pk else "P-?"


class Duty(models.TextChoices):
    """Duties that may apply to involving residents in a municipal decision."""

    # Omgevingswet (Omgevingsbesluit): the notice of intent says how participation will
    # take place (kennisgeving participatie).
    ANNOUNCE = "announce", _("Omgevingswet: kennisgeving hoe de participatie plaatsvindt")
    # Omgevingswet (Omgevingsbesluit): the decision states how residents, companies and
    # organisations were involved and what came of it (motiveringsplicht).
    STATE_IN_DECISION = (
        "state_in_decision",
        _("Omgevingswet: in het besluit motiveren hoe inwoners zijn betrokken"),
    )
    # Gemeentewet art. 150: the council's own participatieverordening.
    ORDINANCE = "ordinance", _("Participatieverordening van de gemeente")


class DutyCheck(models.Model):
    """One line of the advice's checklist: does this duty apply, and what does it mean here."""

    advice = models.ForeignKey(ParticipationAdvice, on_delete=models.CASCADE, related_name="duties")
    duty = models.CharField(_("plicht"), max_length=30, choices=Duty.choices)
    # None until the team has judged it; an advice is only given when every line is judged.
    applies = models.BooleanField(_("van toepassing"), null=True, blank=True)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["advice", "duty"], name="unique_advice_duty"),
        ]

    def __str__(self) -> str:
        return self.get_duty_display()

    @property
    def position(self) -> int:
        return Duty.values.index(self.duty)


class AdviceEvent(models.Model):
    """Append-only history of an advice. Never edited, never deleted."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", _("aangevraagd")
        TRANSITION = "transition", _("status gewijzigd")
        CHANGED = "changed", _("advies bewerkt")

    advice = models.ForeignKey(ParticipationAdvice, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    text = models.TextField(blank=True)
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("AdviceEvent is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("AdviceEvent is append-only")
