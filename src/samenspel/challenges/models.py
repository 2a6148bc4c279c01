from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from samenspel.core.models import VersionToken

from .workflow import Status


class Theme(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")

    def __str__(self) -> str:
        return self.name


class Challenge(models.Model):
    """The shared issue or opportunity (opgave) that signals point to; the unit of work."""

    class Kind(models.TextChoices):
        ISSUE = "issue", _("vraagstuk")
        INITIATIVE = "initiative", _("initiatief")
        POLICY = "policy", _("beleid met participatie")

    class GovernmentRole(models.TextChoices):
        # Rob (2012), "Loslaten in vertrouwen": the roles a government can take.
        LETTING_GO = "letting_go", _("loslaten")
        FACILITATING = "facilitating", _("faciliteren")
        STIMULATING = "stimulating", _("stimuleren")
        DIRECTING = "directing", _("regisseren")
        REGULATING = "regulating", _("reguleren")

    class TeamRole(models.TextChoices):
        NONE = "none", _("geen")
        ADVISE = "advise", _("adviseren")
        COACH = "coach", _("coachen")
        FACILITATE = "facilitate", _("faciliteren")

    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), blank=True)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices, default=Kind.ISSUE)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    status_before_hold = models.CharField(max_length=20, choices=Status.choices, blank=True)
    kernen = models.ManyToManyField("places.Kern", blank=True, related_name="challenges")
    themes = models.ManyToManyField(Theme, blank=True, related_name="challenges")
    owner_department = models.ForeignKey(
        "organisation.Department",
        verbose_name=_("eigenaar (afdeling)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="challenges",
    )
    owner = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("eigenaar (medewerker)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_challenges",
    )
    government_role = models.CharField(
        _("rol van de gemeente"), max_length=20, choices=GovernmentRole.choices, blank=True
    )
    team_role = models.CharField(
        _("rol van het ontwikkelteam"),
        max_length=20,
        choices=TeamRole.choices,
        default=TeamRole.NONE,
    )
    is_public = models.BooleanField(_("openbaar"), default=True)
    decline_reason = models.TextField(_("reden van afwijzing"), blank=True)
    signal_count = models.PositiveIntegerField(default=0)
    # Denormalised from the priority service so the board sorts on an index; 0 until scored.
    priority = models.DecimalField(
        _("prioriteit"), max_digits=5, decimal_places=2, default=Decimal(0)
    )
    # When the team first scored it: a challenge without it waits for prioritisation.
    prioritised_at = models.DateTimeField(null=True, blank=True)
    # Idempotency: the token of the form that created it, so a resent form finds this row
    # instead of creating the challenge twice.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("opgave")
        verbose_name_plural = _("opgaven")
        indexes = [
            models.Index(fields=["status", "-updated_at", "-id"], name="challenge_board"),
            models.Index(fields=["status", "-priority", "-id"], name="challenge_board_priority"),
            models.Index(fields=["is_public", "-updated_at", "-id"], name="challenge_public"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        return f"O-{self.pk:06d}" if self.pk else "O-?"


class ChallengeEvent(models.Model):
    """Append-only history of a challenge: the timeline. Never edited, never deleted."""

    class Kind(models.TextChoices):
        CREATED = "created", _("aangemaakt")
        TRANSITION = "transition", _("status gewijzigd")
        NOTE = "note", _("interne notitie")
        PUBLIC_UPDATE = "public_update", _("openbaar bericht")
        SIGNAL_LINKED = "signal_linked", _("signaal gekoppeld")
        CHANGED = "changed", _("gegevens gewijzigd")

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    text = models.TextField(blank=True)
    is_public = models.BooleanField(default=False)
    # Idempotency: a resent note, update or status form finds its event instead of
    # writing (and e-mailing) it twice.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["challenge", "created_at"], name="challenge_event_timeline")
        ]


class PriorityCriterion(models.Model):
    """One criterion the development team weighs challenges on; configured in the app."""

    class Kind(models.TextChoices):
        SCORED = "scored", _("gescoord door het team")
        COMPUTED = "computed", _("berekend uit de gegevens")

    class Computation(models.TextChoices):
        REACH = "reach", _("aantal signalen en melders")
        EQUITY = "equity", _("gelijkwaardigheid tussen kernen")

    name = models.CharField(_("naam"), max_length=100, unique=True)
    description = models.TextField(_("omschrijving"), blank=True)
    weight = models.DecimalField(
        _("gewicht"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    scale = models.PositiveSmallIntegerField(
        _("schaal (0 tot en met)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    kind = models.CharField(_("soort"), max_length=10, choices=Kind.choices, default=Kind.SCORED)
    computation = models.CharField(
        _("berekening"), max_length=10, choices=Computation.choices, blank=True
    )
    active = models.BooleanField(_("actief"), default=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("prioriteringscriterium")
        verbose_name_plural = _("prioriteringscriteria")
        constraints = [
            models.UniqueConstraint(
                fields=["computation"],
                condition=~models.Q(computation=""),
                name="priority_criterion_one_per_computation",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == self.Kind.COMPUTED and not self.computation:
            raise ValidationError({"computation": _("Kies hoe dit criterium berekend wordt.")})
        if self.kind == self.Kind.SCORED:
            self.computation = ""


class PriorityScore(models.Model):
    """The current score of one challenge on one criterion; its history is in PriorityRecord."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="priority_scores"
    )
    criterion = models.ForeignKey(
        PriorityCriterion, on_delete=models.CASCADE, related_name="scores"
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2)
    rationale = models.CharField(_("onderbouwing"), max_length=500)
    scored_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    scored_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["challenge", "criterion"], name="priority_score_one_per_criterion"
            )
        ]


class AppendOnlyModel(models.Model):
    """History rows: written once, never changed or deleted one by one."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("Geschiedenis wordt niet gewijzigd."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Geschiedenis wordt niet verwijderd."))


class PriorityRecord(AppendOnlyModel):
    """Append-only: the priority and its breakdown after every change, with who and why."""

    challenge = models.ForeignKey(
        Challenge, on_delete=models.CASCADE, related_name="priority_records"
    )
    priority = models.DecimalField(max_digits=5, decimal_places=2)
    breakdown = models.JSONField()
    reason = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["challenge", "-created_at"], name="priority_record_history")
        ]


class CriteriaChange(AppendOnlyModel):
    """Append-only: a change to the criteria that re-ranked every challenge."""

    class Kind(models.TextChoices):
        CREATED = "created", _("criterium toegevoegd")
        CHANGED = "changed", _("criterium gewijzigd")
        REWEIGHTED = "reweighted", _("gewichten aangepast")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    # {criterion id: {"name", "weight", "active", "scale"}} before and after the change.
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    reason = models.TextField(blank=True)
    reranked = models.PositiveIntegerField(default=0)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def weight_changes(self) -> list[str]:
        """Readable lines for what changed: "Urgentie: gewicht 3 → 4"."""
        lines = []
        for key, after in self.after.items():
            before = self.before.get(key)
            name = after.get("name", "")
            if before is None:
                lines.append(_("%(name)s: nieuw, gewicht %(weight)s") % {**after, "name": name})
                continue
            if before.get("weight") != after.get("weight"):
                lines.append(
                    _("%(name)s: gewicht %(old)s → %(new)s")
                    % {"name": name, "old": before.get("weight"), "new": after.get("weight")}
                )
            if before.get("active") != after.get("active"):
                lines.append(
                    (
                        _("%(name)s: weer actief")
                        if after.get("active")
                        else _("%(name)s: niet meer actief")
                    )
                    % {"name": name}
                )
            if before.get("scale") != after.get("scale"):
                lines.append(
                    _("%(name)s: schaal 0–%(old)s → 0–%(new)s")
                    % {"name": name, "old": before.get("scale"), "new": after.get("scale")}
                )
            if before.get("name") != name:
                lines.append(
                    _("%(old)s heet nu %(new)s") % {"old": before.get("name"), "new": name}
                )
        return lines


class BoardVersion(VersionToken):
    """The token of the rendered board (see `board_cache`)."""

    class Meta:
        verbose_name = _("bordversie")
        verbose_name_plural = _("bordversies")


class ChallengePageVersion(VersionToken):
    """The token of what every challenge page shows (see `page_cache`)."""

    class Meta:
        verbose_name = _("opgavepaginaversie")
        verbose_name_plural = _("opgavepaginaversies")


class ChallengePageState(models.Model):
    """A token per challenge that changes with every write to what that challenge's page shows
    (see `page_cache`); `ChallengePageVersion` covers what all pages show. A plain id, no
    foreign key: a deleted challenge keeps a stale row, so that its cached page stays stale."""

    challenge_id = models.BigIntegerField(primary_key=True)
    token = models.CharField(max_length=32)

    class Meta:
        verbose_name = _("opgavepaginastand")
        verbose_name_plural = _("opgavepaginastanden")

    def __str__(self) -> str:
        return f"{self.challenge_id}: {self.token}"
