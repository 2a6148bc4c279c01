from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from samenspel.challenges.models import Challenge

from .. import permissions, selectors

register = template.Library()

_SECTION = (
    '<section id="participatieadvies" aria-labelledby="participatieadvies-kop">\n'
    '  <h2 class="utrecht-heading-2" id="participatieadvies-kop">{}</h2>\n'
    "  {}\n"
    "</section>"
)


@register.simple_tag(takes_context=True)
def participation_block(context, challenge: Challenge) -> SafeString:
    """The advice's status on a policy challenge's page, or a link to ask for one.

    String formatting rather than a template: on the challenge page, issue 2's slowest
    page, a template for these few lines cost more than the block's query.
    """
    user = context["request"].user
    advice = selectors.advice_for_challenge(challenge=challenge)
    if challenge.kind != Challenge.Kind.POLICY and advice is None:
        return mark_safe("")
    if advice is not None:
        # Like {% blocktranslate %}: the translation is ours, the values are escaped.
        body = format_html(
            '<p class="utrecht-paragraph">{}</p>',
            mark_safe(  # noqa: S308
                _("Status: %(status)s")
                % {"status": conditional_escape(advice.get_status_display())}
            ),
        )
        if permissions.can_view(user, advice):
            body += format_html(
                '\n  <p class="utrecht-paragraph"><a class="utrecht-link" href="{}">{}</a></p>',
                reverse("participation:detail", args=[advice.pk]),
                mark_safe(  # noqa: S308
                    _("Naar het advies %(reference)s")
                    % {"reference": conditional_escape(advice.reference)}
                ),
            )
    elif permissions.can_request(user):
        body = format_html(
            '<p class="utrecht-paragraph"><a class="utrecht-link" href="{}?opgave={}">{}</a></p>',
            reverse("participation:request"),
            challenge.pk,
            _("Vraag participatieadvies aan"),
        )
    else:
        body = format_html(
            '<p class="utrecht-paragraph">{}</p>',
            _("Voor deze opgave is nog geen participatieadvies aangevraagd."),
        )
    return format_html(_SECTION, _("Participatieadvies"), body)
