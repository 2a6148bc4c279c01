"""What the organisation learns: lessons from challenges and reusable tools (handvatten)."""

import secrets
from datetime import date, timedelta
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samenspel.core.models import VersionToken
from samenspel.intake.models import PrivateMediaStorage

DEFAULT_TOOL_REVIEW_DAYS = 365


def tool_review_days() -> int:
    return int(getattr(settings, "SAMENSPEL_TOOL_REVIEW_DAYS", DEFAULT_TOOL_REVIEW_DAYS))


class Lesson(models.Model):
    """What a challenge taught (geleerde les), written when it is handed over or done."""

    challenge = models.ForeignKey(
        "challenges.Challenge",
        verbose_name=_("opgave"),
        on_delete=models.PROTECT,
        related_name="lessons",
    )
    title = models.CharField(_("titel"), max_length=200)
    what_worked = models.TextField(_("wat werkte"))
    what_did_not = models.TextField(_("wat werkte niet"))
    next_time = models.TextField(_("wat doen we een volgende keer anders"))
    who_to_ask = models.TextField(_("wie kun je ernaar vragen"), blank=True)
    kernen = models.ManyToManyField(
        "places.Kern", verbose_name=_("kernen"), blank=True, related_name="lessons"
    )
    themes = models.ManyToManyField(
        "challenges.Theme", verbose_name=_("thema's"), blank=True, related_name="lessons"
    )
    coalition_members = models.ManyToManyField(
        "organisation.Employee",
        verbose_name=_("leden van de coalitie"),
        blank=True,
        related_name="lessons_as_member",
    )
    # Insights counts "wrote a lesson" per employee: author and created_at are that fact.
    author = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("auteur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lessons_written",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Idempotency: a resent form finds the lesson it already stored.
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("geleerde les")
        verbose_name_plural = _("geleerde lessen")

    def __str__(self) -> str:
        return self.title


class Tag(models.Model):
    name = models.CharField(_("naam"), max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("trefwoord")
        verbose_name_plural = _("trefwoorden")

    def __str__(self) -> str:
        return self.name


class Tool(models.Model):
    """A reusable method, template, checklist or example (handvat), written in Markdown."""

    title = models.CharField(_("titel"), max_length=200)
    summary = models.CharField(_("korte omschrijving"), max_length=300, blank=True)
    body = models.TextField(_("inhoud (Markdown)"))
    tags = models.ManyToManyField(
        Tag, verbose_name=_("trefwoorden"), blank=True, related_name="tools"
    )
    owner = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("eigenaar"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_tools",
    )
    last_reviewed = models.DateField(_("laatst beoordeeld"), default=date.today)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submission_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title", "id"]
        verbose_name = _("handvat")
        verbose_name_plural = _("handvatten")

    def __str__(self) -> str:
        return self.title

    @property
    def review_due(self) -> date:
        return self.last_reviewed + timedelta(days=tool_review_days())

    @property
    def is_stale(self) -> bool:
        """Not reviewed within SAMENSPEL_TOOL_REVIEW_DAYS: it may no longer be right."""
        return self.review_due < timezone.localdate()


def tool_attachment_path(instance, filename: str) -> str:
    # A random name on disk: the original name is kept in the row, never in a path.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"knowledge/{timezone.now():%Y/%m}/{secrets.token_hex(16)}{suffix}"


class ToolAttachment(models.Model):
    """A file with a tool. Stored outside MEDIA_ROOT; staff download it through a view."""

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=tool_attachment_path, storage=PrivateMediaStorage())
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("bijlage")
        verbose_name_plural = _("bijlagen")

    def __str__(self) -> str:
        return self.original_name


class ToolUsage(models.Model):
    """Who opened, used or downloaded a tool, and when: an engagement fact for insights."""

    class Action(models.TextChoices):
        OPENED = "opened", _("geopend")
        USED = "used", _("gebruikt")
        DOWNLOADED = "downloaded", _("gedownload")

    tool = models.ForeignKey(Tool, on_delete=models.CASCADE, related_name="usages")
    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.CASCADE, related_name="tool_usages"
    )
    action = models.CharField(max_length=20, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["employee", "at"], name="tool_usage_employee")]


class SearchDocument(models.Model):
    """One searchable lesson or tool, in folded and in stemmed form.

    `title` and `body` hold folded text (no accents, lower case) for PostgreSQL, which stems
    it with its "dutch" configuration. `title_stems` and `body_stems` hold PyStemmer's Dutch
    stems for SQLite, where the FTS5 table `knowledge_fts` mirrors them through triggers
    (migration 0002). Only knowledge.services writes here.
    """

    class Kind(models.TextChoices):
        LESSON = "lesson", _("les")
        TOOL = "tool", _("handvat")

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    title_stems = models.TextField(blank=True)
    body_stems = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_document")
        ]


class KnowledgeVersion(VersionToken):
    """The token of the "relevant knowledge" block on a challenge page, replaced by every
    write to lessons, tools or their index (see `relevance_cache`)."""

    class Meta:
        verbose_name = _("kennisversie")
        verbose_name_plural = _("kennisversies")
