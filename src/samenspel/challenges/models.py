from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
