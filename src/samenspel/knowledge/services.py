"""Every write to lessons and tools. Keyword-only, atomic; each keeps the search index true."""

from collections.abc import Iterable
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from samenspel.challenges.models import Challenge

from . import relevance_cache
from .models import Lesson, SearchDocument, Tag, Tool, ToolAttachment, ToolUsage
from .permissions import employee_of, lesson_is_due
from .rendering import markdown_to_text
from .text import fold, folded_text, stemmed_text

# Documents people share as a method, template or checklist; nothing executable.
ATTACHMENT_EXTENSIONS = frozenset(
    {".pdf", ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp", ".txt", ".csv", ".png", ".jpg"}
)


# --- the search index ----------------------------------------------------------------------
def _index(*, kind: str, object_id: int, title: str, body: str) -> None:
    SearchDocument.objects.update_or_create(
        kind=kind,
        object_id=object_id,
        defaults={
            "title": folded_text(title),
            "body": folded_text(body),
            "title_stems": stemmed_text(title),
            "body_stems": stemmed_text(body),
        },
    )


def _index_lesson(lesson: Lesson) -> None:
    challenge = lesson.challenge
    _index(
        kind=SearchDocument.Kind.LESSON,
        object_id=lesson.pk,
        title=f"{lesson.title} {challenge.title}",
        body="\n".join(
            [
                lesson.what_worked,
                lesson.what_did_not,
                lesson.next_time,
                lesson.who_to_ask,
                challenge.summary,
                " ".join(k.name for k in lesson.kernen.all()),
                " ".join(t.name for t in lesson.themes.all()),
            ]
        ),
    )


def _index_tool(tool: Tool) -> None:
    _index(
        kind=SearchDocument.Kind.TOOL,
        object_id=tool.pk,
        title=" ".join([tool.title, *(t.name for t in tool.tags.all())]),
        body=f"{tool.summary}\n{markdown_to_text(tool.body)}",
    )


@transaction.atomic
def knowledge_reindex() -> int:
    """Rebuild every search document, for example after the text pipeline changed."""
    SearchDocument.objects.all().delete()
    count = 0
    for lesson in Lesson.objects.select_related("challenge").prefetch_related("kernen", "themes"):
        _index_lesson(lesson)
        count += 1
    for tool in Tool.objects.prefetch_related("tags"):
        _index_tool(tool)
        count += 1
    return count


# --- lessons -------------------------------------------------------------------------------
def ensure_lesson_before_evaluation(*, challenge: Challenge) -> None:
    """A challenge is evaluated only once what it taught has been written down."""
    if not Lesson.objects.filter(challenge_id=challenge.pk).exists():
        raise ValidationError(
            _("Schrijf eerst een geleerde les voordat de opgave geëvalueerd wordt.")
        )


@transaction.atomic
def lesson_create(
    *,
    challenge: Challenge,
    actor,
    title: str,
    what_worked: str,
    what_did_not: str,
    next_time: str,
    who_to_ask: str = "",
    kernen: Iterable | None = None,
    themes: Iterable | None = None,
    coalition_members: Iterable = (),
    submission_token: str | None = None,
) -> Lesson:
    if submission_token:
        existing = Lesson.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return existing
    if not lesson_is_due(challenge):
        raise ValidationError(
            _("Een geleerde les schrijf je als de opgave is overgedragen of afgerond.")
        )
    lesson = Lesson(
        challenge=challenge,
        title=title.strip(),
        what_worked=what_worked.strip(),
        what_did_not=what_did_not.strip(),
        next_time=next_time.strip(),
        who_to_ask=who_to_ask.strip(),
        author=employee_of(actor),
        created_by=actor,
        submission_token=submission_token or None,
    )
    lesson.full_clean(exclude=["kernen", "themes", "coalition_members"])
    lesson.save()
    lesson.kernen.set(challenge.kernen.all() if kernen is None else kernen)
    lesson.themes.set(challenge.themes.all() if themes is None else themes)
    lesson.coalition_members.set(coalition_members)
    _index_lesson(lesson)
    return lesson


# --- tools ---------------------------------------------------------------------------------
def parse_tags(text: str) -> list[str]:
    """Comma-separated tags, trimmed, without duplicates (case and accents ignored)."""
    names: dict[str, str] = {}
    for part in (text or "").split(","):
        name = " ".join(part.split())[:60]
        if name and fold(name) not in names:
            names[fold(name)] = name
    return list(names.values())


def _tags(names: Iterable[str]) -> list[Tag]:
    tags = []
    for name in names:
        slug = slugify(fold(name))[:60]
        if not slug:
            continue
        tag, _created = Tag.objects.get_or_create(slug=slug, defaults={"name": name})
        tags.append(tag)
    return tags


def _validate_attachment(upload: UploadedFile) -> None:
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ATTACHMENT_EXTENSIONS:
        raise ValidationError(
            {
                "attachment": _("Dit soort bestand kan niet als bijlage. Kies een van: %(kinds)s.")
                % {"kinds": ", ".join(sorted(ATTACHMENT_EXTENSIONS))}
            }
        )
    limit = settings.SAMENSPEL_UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            {
                "attachment": _("Het bestand is groter dan %(mb)d MB.")
                % {"mb": limit // (1024 * 1024)}
            }
        )


def _add_attachment(*, tool: Tool, actor, upload: UploadedFile) -> ToolAttachment:
    _validate_attachment(upload)
    name = PurePath(upload.name).name[:200]
    attachment = ToolAttachment(tool=tool, original_name=name, size=upload.size, uploaded_by=actor)
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


@transaction.atomic
def tool_create(
    *,
    actor,
    title: str,
    body: str,
    summary: str = "",
    tags: Iterable[str] = (),
    owner=None,
    attachment: UploadedFile | None = None,
    submission_token: str | None = None,
) -> Tool:
    if submission_token:
        existing = Tool.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return existing
    if attachment is not None:
        _validate_attachment(attachment)
    tool = Tool(
        title=title.strip(),
        summary=summary.strip(),
        body=body.strip(),
        owner=owner if owner is not None else employee_of(actor),
        last_reviewed=timezone.localdate(),
        created_by=actor,
        submission_token=submission_token or None,
    )
    tool.full_clean(exclude=["tags"])
    tool.save()
    tool.tags.set(_tags(tags))
    if attachment is not None:
        _add_attachment(tool=tool, actor=actor, upload=attachment)
    _index_tool(tool)
    return tool


@transaction.atomic
def tool_update(
    *,
    tool: Tool,
    actor,
    title: str,
    body: str,
    summary: str = "",
    tags: Iterable[str] = (),
    owner=None,
    attachment: UploadedFile | None = None,
) -> Tool:
    if attachment is not None:
        _validate_attachment(attachment)
    tool = Tool.objects.select_for_update().get(pk=tool.pk)
    tool.title, tool.summary, tool.body = title.strip(), summary.strip(), body.strip()
    if owner is not None:
        tool.owner = owner
    tool.full_clean(exclude=["tags"])
    tool.save()
    tool.tags.set(_tags(tags))
    if attachment is not None:
        _add_attachment(tool=tool, actor=actor, upload=attachment)
    _index_tool(tool)
    return tool


@transaction.atomic
def tool_mark_reviewed(*, tool: Tool, actor) -> Tool:
    """Someone checked that the tool is still right: the stale flag goes away."""
    Tool.objects.filter(pk=tool.pk).update(
        last_reviewed=timezone.localdate(), updated_at=timezone.now()
    )
    # update() sends no model signal: the proposals on challenge pages show the stale flag.
    relevance_cache.knowledge_changed()
    tool.refresh_from_db()
    return tool


@transaction.atomic
def tool_record_usage(*, tool: Tool, actor, action: str) -> ToolUsage | None:
    """Record that an employee opened, used or downloaded a tool (feeds insights)."""
    if action not in ToolUsage.Action.values:
        raise ValueError(f"unknown tool usage action: {action!r}")
    employee = employee_of(actor)
    if employee is None:
        # An administrator account without an Employee record is not part of the snowball.
        return None
    return ToolUsage.objects.create(tool=tool, employee=employee, action=action)
