"""Template helpers: the "relevant knowledge" block on a challenge page, and safe Markdown."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from samenspel.knowledge import permissions, selectors
from samenspel.knowledge.rendering import render_markdown

register = template.Library()


@register.inclusion_tag("knowledge/_relevant_list.html", takes_context=True)
def relevant_knowledge(context, challenge, limit: int = 5) -> dict:
    """Lessons of this challenge, the offer to write one, and proposed lessons and tools."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "challenge": challenge,
        "own_lessons": list(selectors.challenge_lessons(challenge=challenge)),
        "hits": selectors.knowledge_for_challenge(challenge=challenge, limit=limit),
        "lesson_is_due": permissions.lesson_is_due(challenge),
        "can_write_lesson": user is not None
        and permissions.lesson_is_due(challenge)
        and permissions.can_write_lesson(user, challenge),
    }


@register.filter(name="markdown")
def markdown_filter(source: str) -> SafeString:
    # Safe to mark: rendering.render_markdown escapes raw HTML and nh3 sanitises the result.
    return mark_safe(render_markdown(source))  # noqa: S308
