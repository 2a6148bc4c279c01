"""Template helpers: the "relevant knowledge" block on a challenge page, and safe Markdown."""

from django import template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from samenspel.knowledge import permissions, relevance_cache, selectors
from samenspel.knowledge.rendering import render_markdown

register = template.Library()

_AUTHOR = ' <span class="samenspel-muted">({})</span>'

_OWN_LESSON = (
    '<li class="utrecht-unordered-list__item"><a class="utrecht-link" href="{}">{}</a>{}</li>'
)


def _own_lessons_html(challenge) -> str:
    own_lessons = list(selectors.challenge_lessons(challenge=challenge))
    if own_lessons:
        return format_html(
            '<ul class="utrecht-unordered-list">{}</ul>',
            format_html_join(
                "",
                _OWN_LESSON,
                (
                    (
                        reverse("knowledge:lesson_detail", args=[lesson.pk]),
                        lesson.title,
                        format_html(_AUTHOR, lesson.author.name) if lesson.author else "",
                    )
                    for lesson in own_lessons
                ),
            ),
        )
    if permissions.lesson_is_due(challenge):
        return format_html(
            '<p class="utrecht-paragraph">{}</p>',
            _("Er is nog geen geleerde les. Zonder les kan de opgave niet geëvalueerd worden."),
        )
    return format_html(
        '<p class="utrecht-paragraph samenspel-muted">{}</p>',
        _("Een geleerde les schrijf je als de opgave is overgedragen of afgerond."),
    )


def _relevant_hits_html(challenge, limit: int) -> str:
    hits = selectors.knowledge_for_challenge(challenge=challenge, limit=limit)
    if not hits:
        return format_html(
            '<p class="utrecht-paragraph samenspel-muted">{}</p>',
            _("Nog niets gevonden dat op deze opgave lijkt."),
        )
    return render_to_string("knowledge/_hits.html", {"hits": hits, "compact": True})


@register.simple_tag(takes_context=True)
def relevant_knowledge(context, challenge, limit: int = 5) -> SafeString:
    """Lessons of this challenge, the offer to write one, and proposed lessons and tools.

    Written as string formatting rather than a template: on the challenge page, issue 2's
    slowest page, the template's tags cost more than the block's one query. The lessons and
    proposals are the same for every viewer and come from `relevance_cache`; the offer to
    write a lesson depends on the viewer and is never cached.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    own, hits = relevance_cache.cached_challenge_knowledge(
        challenge=challenge,
        limit=limit,
        render=lambda: (
            str(_own_lessons_html(challenge)),
            str(_relevant_hits_html(challenge, limit)),
        ),
    )
    write = ""
    if (
        user is not None
        and permissions.lesson_is_due(challenge)
        and permissions.can_write_lesson(user, challenge)
    ):
        write = format_html(
            '<p class="utrecht-paragraph"><a class="utrecht-link" href="{}">{}</a></p>',
            reverse("knowledge:lesson_create", args=[challenge.pk]),
            _("Geleerde les schrijven"),
        )
    # Safe to mark: both parts were written by format_html or the autoescaping template.
    return format_html(
        '<section id="geleerde-lessen" aria-labelledby="geleerde-lessen-kop">\n'
        '  <h2 class="utrecht-heading-2" id="geleerde-lessen-kop">{}</h2>\n'
        "  {}{}\n"
        "</section>\n"
        '<section id="relevante-kennis" aria-labelledby="relevante-kennis-kop">\n'
        '  <h2 class="utrecht-heading-2" id="relevante-kennis-kop">{}</h2>\n'
        "  {}\n"
        '  <p class="utrecht-paragraph"><a class="utrecht-link" href="{}">{}</a></p>\n'
        "</section>",
        _("Geleerde lessen"),
        mark_safe(own),  # noqa: S308
        write,
        _("Relevante lessen en handvatten"),
        mark_safe(hits),  # noqa: S308
        reverse("knowledge:index"),
        _("Naar de kennisbank"),
    )


@register.filter(name="markdown")
def markdown_filter(source: str) -> SafeString:
    # Safe to mark: rendering.render_markdown escapes raw HTML and nh3 sanitises the result.
    return mark_safe(render_markdown(source))  # noqa: S308
