"""Template tags that put "lijkt op" on intake's pages without intake knowing the engine."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from samenspel.accounts.roles import TRIAGE_ROLES, has_role
from samenspel.intake.models import Signal

from .. import selectors

register = template.Library()


@register.inclusion_tag("similarity/_similar_signals.html", takes_context=True)
def similar_signals(context, signal) -> dict:
    """The "lijkt op" block of the signal page, scoped to what the user may open."""
    request = context["request"]
    return {
        "signal": signal,
        "suggestions": selectors.similar_for_signal(user=request.user, signal=signal),
        "may_link": has_role(request.user, TRIAGE_ROLES),
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }


@register.filter
def similar_inbox_url(signals) -> str:
    """Where the inbox loads "lijkt op" for its new, unlinked signals ("" when none)."""
    pks = [s.pk for s in signals if s.status == Signal.Status.NEW and not s.challenge_id]
    if not pks:
        return ""
    return f"{reverse('similarity:inbox')}?{urlencode([('signal', pk) for pk in pks])}"
