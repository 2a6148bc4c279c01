import os
import secrets
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from samenspel.core.models import VersionToken


def new_follow_token() -> str:
    return secrets.token_urlsafe(24)


class Channel(models.TextChoices):
    WEB = "web", _("website (meldformulier)")
    PHONE = "phone", _("telefoon")
    EMAIL = "email", _("e-mail")
    COUNCIL = "council", _("gemeenteraad")
    PARTNER = "partner", _("partner")
    DEPARTMENT = "department", _("afdeling")
    SOCIAL_MEDIA = "social_media", _("sociale media")
    CONVERSATION = "conversation", _("gesprek in de kern")
    OTHER = "other", _("anders")


class Reporter(models.Model):
    """The person behind a signal. Personal data live only here (AVG: data minimisation).

    Shown only to roles in `accounts.roles.PERSONAL_DATA_ROLES` and the challenge owner;
    every staff read is audited; anonymised after the retention period.
    """

    name = models.CharField(_("naam"), max_length=150, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    wants_updates = models.BooleanField(_("wil de melding volgen"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("melder")
        verbose_name_plural = _("melders")

    def __str__(self) -> str:
        return f"Reporter {self.pk}"

    @property
    def has_contact(self) -> bool:
        return bool(self.email or self.phone)


class Signal(models.Model):
    """One raw message from one channel: what somebody told us."""

    class Status(models.TextChoices):
        NEW = "new", _("nieuw")
        LINKED = "linked", _("gekoppeld aan opgave")
        DISMISSED = "dismissed", _("afgehandeld zonder opgave")

    text = models.TextField(_("omschrijving"))
    kern = models.ForeignKey(
        "places.Kern",
        verbose_name=_("kern"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signals",
    )
    channel = models.CharField(_("kanaal"), max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField(_("ontvangen op"), default=timezone.now)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NEW)
    challenge = models.ForeignKey(
        "challenges.Challenge",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    reporter = models.OneToOneField(
        Reporter, null=True, blank=True, on_delete=models.SET_NULL, related_name="signal"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recorded_signals",
    )
    # Idempotency: the token of the form that created it; a replay finds this row.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    follow_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    first_answered_at = models.DateTimeField(null=True, blank=True)
    # Why a signal was closed without a challenge; a following reporter reads it.
    dismiss_reason = models.TextField(_("reden van afhandeling"), blank=True)
    dismissed_at = models.DateTimeField(null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        indexes = [
            models.Index(fields=["status", "-received_at", "-id"], name="signal_inbox"),
            models.Index(fields=["kern", "status", "-received_at"], name="signal_kern_inbox"),
            models.Index(fields=["challenge", "-received_at"], name="signal_challenge"),
            # The inbox with "all statuses", with and without a kern: newest first without
            # sorting a million rows.
            models.Index(fields=["-received_at", "-id"], name="signal_newest"),
            models.Index(fields=["kern", "-received_at", "-id"], name="signal_kern_newest"),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"M-{self.pk:07d}" if self.pk else "M-?"


def attachment_path(instance, filename: str) -> str:
    return f"signals/{timezone.now():%Y/%m}/{secrets.token_hex(16)}.jpg"


@deconstructible(path="samenspel.intake.models.PrivateMediaStorage")
class PrivateMediaStorage(FileSystemStorage):
    """Photos live outside MEDIA_ROOT and have no URL: staff see them through a view.

    A resident's photo can show people, homes and number plates (AVG); nothing may
    serve it publicly, not even /media/ in development. The folder is
    settings.SAMENSPEL_PRIVATE_MEDIA_ROOT, by default var/private-media.
    """

    @property
    def base_location(self) -> str:
        default = Path(getattr(settings, "VAR_DIR", settings.MEDIA_ROOT)) / "private-media"
        return str(getattr(settings, "SAMENSPEL_PRIVATE_MEDIA_ROOT", default))

    @property
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:
        return None


class Attachment(models.Model):
    """A photo with a signal, re-encoded on upload so that no metadata (GPS) survive."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="attachments")
    image = models.ImageField(
        upload_to=attachment_path,
        storage=PrivateMediaStorage(),
        width_field="width",
        height_field="height",
    )
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)


class InboxVersion(VersionToken):
    """The token of the inbox's cached pages (see `inbox_cache`)."""

    class Meta:
        verbose_name = _("inboxversie")
        verbose_name_plural = _("inboxversies")
