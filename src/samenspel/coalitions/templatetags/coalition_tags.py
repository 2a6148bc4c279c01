from django import template

from samenspel.challenges.models import Challenge

from .. import permissions
from ..models import ACTIVE_STATUSES, Membership

register = template.Library()


@register.inclusion_tag("coalitions/_challenge_block_content.html", takes_context=True)
def coalition_block(context, challenge: Challenge) -> dict:
    """The coalition's size and the team's role on the challenge page, with a link to build it."""
    user = context["request"].user
    counts = {"accepted": 0, "open": 0}
    for status in Membership.objects.filter(coalition__challenge=challenge).values_list(
        "status", flat=True
    ):
        counts["open"] += status in ACTIVE_STATUSES
        counts["accepted"] += status == Membership.Status.ACCEPTED
    return {
        "challenge": challenge,
        "accepted": counts["accepted"],
        "open": counts["open"],
        "can_view": permissions.can_view(user, challenge),
    }
