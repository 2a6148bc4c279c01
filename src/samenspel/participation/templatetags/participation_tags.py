from django import template

from samenspel.challenges.models import Challenge

from .. import permissions, selectors

register = template.Library()


@register.inclusion_tag("participation/_challenge_block_content.html", takes_context=True)
def participation_block(context, challenge: Challenge) -> dict:
    """The advice's status on a policy challenge's page, or a link to ask for one."""
    user = context["request"].user
    advice = selectors.advice_for_challenge(challenge=challenge)
    return {
        "challenge": challenge,
        "advice": advice,
        "show": challenge.kind == Challenge.Kind.POLICY or advice is not None,
        "can_view_advice": advice is not None and permissions.can_view(user, advice),
        "can_request": advice is None and permissions.can_request(user),
    }
