from django import template
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from samenspel.challenges.models import Challenge

from .. import permissions
from ..models import ACTIVE_STATUSES, Membership

register = template.Library()


@register.simple_tag(takes_context=True)
def coalition_block(context, challenge: Challenge) -> SafeString:
    """The coalition's size and the team's role on the challenge page, with a link to build it.

    String formatting rather than a template: on the challenge page, issue 2's slowest
    page, a template for these few lines cost more than the block's query.
    """
    user = context["request"].user
    accepted = getattr(challenge, "coalition_accepted", None)
    open_places = getattr(challenge, "coalition_open", None)
    if accepted is None or open_places is None:  # not read along with the challenge
        accepted = open_places = 0
        for status in Membership.objects.filter(coalition__challenge=challenge).values_list(
            "status", flat=True
        ):
            open_places += status in ACTIVE_STATUSES
            accepted += status == Membership.Status.ACCEPTED
    # Like {% blocktranslate count %}: the translation is ours, the numbers are numbers.
    size = ngettext(
        "%(counter)s lid heeft toegezegd", "%(counter)s leden hebben toegezegd", accepted
    ) % {"counter": accepted}
    if open_places != accepted:
        size += " · " + ngettext(
            "%(counter)s plaats in het voorstel",
            "%(counter)s plaatsen in het voorstel",
            open_places,
        ) % {"counter": open_places}
    link = ""
    if permissions.can_view(user, challenge):
        link = format_html(
            '\n  <p class="utrecht-paragraph"><a class="utrecht-link" href="{}">{}</a></p>',
            reverse("coalitions:detail", args=[challenge.pk]),
            _("Naar de coalitie"),
        )
    return format_html(
        '<section id="coalitie" aria-labelledby="coalitie-kop">\n'
        '  <h2 class="utrecht-heading-2" id="coalitie-kop">{}</h2>\n'
        '  <p class="utrecht-paragraph">{}</p>\n'
        '  <p class="utrecht-paragraph">{}</p>{}\n'
        "</section>",
        _("Coalitie"),
        mark_safe(  # noqa: S308
            _("Rol van het ontwikkelteam: %(role)s")
            % {"role": conditional_escape(challenge.get_team_role_display())}
        ),
        mark_safe(size),  # noqa: S308
        link,
    )
