"""Thin views over the knowledge base: forms validate, services write, selectors read."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from samenspel.accounts.decorators import role_required
from samenspel.accounts.roles import STAFF_ROLES
from samenspel.challenges.models import Challenge

from . import permissions, selectors, services
from .forms import LessonForm, SearchForm, ToolForm
from .models import Lesson, Tool, ToolUsage, tool_review_days


def _add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _get_tool(pk: int) -> Tool:
    tool = selectors.tool_detail(pk=pk)
    if tool is None:
        raise Http404
    return tool


def _tool_action(permission=None):
    """A POST endpoint on one tool. GET goes back to the tool; no right means 403."""

    def decorator(view):
        @role_required(STAFF_ROLES)
        @wraps(view)
        def wrapper(request, pk: int):
            tool = _get_tool(pk)
            if request.method != "POST":
                return redirect("knowledge:tool_detail", pk=tool.pk)
            if permission is not None and not permission(request.user, tool):
                raise PermissionDenied
            return view(request, tool)

        return wrapper

    return decorator


@require_safe
@role_required(STAFF_ROLES)
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "knowledge/index.html",
        {
            "form": SearchForm(),
            "lessons": selectors.recent_lessons(limit=10),
            "tools": selectors.tools_overview(),
            "can_create_tool": permissions.can_create_tool(request.user),
            "review_days": tool_review_days(),
        },
    )


@require_safe
@role_required(STAFF_ROLES)
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    hits, searched = [], False
    if form.is_bound and form.is_valid():
        query = form.cleaned_data["q"].strip()
        if query:
            searched = True
            hits = selectors.knowledge_search(query=query, kinds=form.kinds(), limit=50)
        else:
            form.add_error("q", _("Typ een of meer woorden om op te zoeken."))
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "knowledge/search.html",
        {"form": form, "hits": hits, "searched": searched},
        status=status,
    )


@role_required(STAFF_ROLES)
def lesson_create(request: HttpRequest, challenge_pk: int) -> HttpResponse:
    challenge = Challenge.objects.filter(pk=challenge_pk).first()
    if challenge is None:
        raise Http404
    if not permissions.can_write_lesson(request.user, challenge):
        raise PermissionDenied
    if not permissions.lesson_is_due(challenge):
        messages.error(
            request, _("Een geleerde les schrijf je als de opgave is overgedragen of afgerond.")
        )
        return redirect("challenges:detail", pk=challenge.pk)
    if request.method == "POST":
        form = LessonForm(request.POST, challenge=challenge)
        if form.is_valid():
            data = form.cleaned_data
            try:
                lesson = services.lesson_create(
                    challenge=challenge,
                    actor=request.user,
                    title=data["title"],
                    what_worked=data["what_worked"],
                    what_did_not=data["what_did_not"],
                    next_time=data["next_time"],
                    who_to_ask=data["who_to_ask"],
                    kernen=data["kernen"],
                    themes=data["themes"],
                    coalition_members=data["coalition_members"],
                    submission_token=data["token"] or None,
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            except IntegrityError:
                # The same form arrived twice at once; the first request stored the lesson.
                lesson = Lesson.objects.filter(submission_token=data["token"]).first()
                if lesson is None:
                    raise
                return redirect("knowledge:lesson_detail", pk=lesson.pk)
            else:
                messages.success(request, _("De geleerde les is opgeslagen. Dank je wel!"))
                return redirect("knowledge:lesson_detail", pk=lesson.pk)
    else:
        form = LessonForm(challenge=challenge)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "knowledge/lesson_form.html",
        {"form": form, "challenge": challenge},
        status=status,
    )


@require_safe
@role_required(STAFF_ROLES)
def lesson_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = selectors.lesson_detail(pk=pk)
    if lesson is None:
        raise Http404
    return render(request, "knowledge/lesson_detail.html", {"lesson": lesson})


def _save_tool(request: HttpRequest, form: ToolForm, tool: Tool | None) -> Tool | None:
    data = form.cleaned_data
    fields = {
        "actor": request.user,
        "title": data["title"],
        "summary": data["summary"],
        "body": data["body"],
        "tags": data["tags"],
        "owner": data["owner"],
        "attachment": data["attachment"] or None,
    }
    try:
        if tool is None:
            return services.tool_create(**fields, submission_token=data["token"] or None)
        return services.tool_update(tool=tool, **fields)
    except ValidationError as error:
        _add_service_errors(form, error)
    except IntegrityError:
        existing = Tool.objects.filter(submission_token=data.get("token") or None).first()
        if existing is None:
            raise
        return existing
    return None


@role_required(permissions.KNOWLEDGE_ROLES)
def tool_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = ToolForm(request.POST, request.FILES)
        if form.is_valid():
            tool = _save_tool(request, form, None)
            if tool is not None:
                messages.success(request, _("Het handvat is opgeslagen."))
                return redirect("knowledge:tool_detail", pk=tool.pk)
    else:
        form = ToolForm()
    return render(
        request,
        "knowledge/tool_form.html",
        {"form": form, "tool": None},
        status=400 if form.is_bound else 200,
    )


@role_required(STAFF_ROLES)
def tool_edit(request: HttpRequest, pk: int) -> HttpResponse:
    tool = _get_tool(pk)
    if not permissions.can_change_tool(request.user, tool):
        raise PermissionDenied
    if request.method == "POST":
        form = ToolForm(request.POST, request.FILES, tool=tool)
        if form.is_valid():
            saved = _save_tool(request, form, tool)
            if saved is not None:
                messages.success(request, _("De wijzigingen in het handvat zijn opgeslagen."))
                return redirect("knowledge:tool_detail", pk=saved.pk)
    else:
        form = ToolForm(tool=tool)
    return render(
        request,
        "knowledge/tool_form.html",
        {"form": form, "tool": tool},
        status=400 if form.is_bound else 200,
    )


@require_safe
@role_required(STAFF_ROLES)
def tool_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tool = _get_tool(pk)
    services.tool_record_usage(tool=tool, actor=request.user, action=ToolUsage.Action.OPENED)
    return render(
        request,
        "knowledge/tool_detail.html",
        {
            "tool": tool,
            "can_change": permissions.can_change_tool(request.user, tool),
            "review_days": tool_review_days(),
        },
    )


@_tool_action()
def tool_used(request: HttpRequest, tool: Tool) -> HttpResponse:
    services.tool_record_usage(tool=tool, actor=request.user, action=ToolUsage.Action.USED)
    messages.success(request, _("Genoteerd dat je dit handvat hebt gebruikt."))
    return redirect("knowledge:tool_detail", pk=tool.pk)


@_tool_action(permissions.can_change_tool)
def tool_review(request: HttpRequest, tool: Tool) -> HttpResponse:
    services.tool_mark_reviewed(tool=tool, actor=request.user)
    messages.success(request, _("Het handvat is gemarkeerd als beoordeeld."))
    return redirect("knowledge:tool_detail", pk=tool.pk)


@require_safe
@role_required(STAFF_ROLES)
def tool_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    """Attachments only through this view, for staff; never from /media/."""
    tool = _get_tool(pk)
    attachment = tool.attachments.filter(pk=attachment_pk).first()
    if attachment is None:
        raise Http404
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    services.tool_record_usage(tool=tool, actor=request.user, action=ToolUsage.Action.DOWNLOADED)
    response = FileResponse(handle, as_attachment=True, filename=attachment.original_name)
    response["Cache-Control"] = "private, no-store"
    return response
