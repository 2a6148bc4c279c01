import datetime as dt
import math

from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def figure(value: object) -> str:
    """A table cell: dates as ISO, shares and numbers with at most three decimals."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        if not math.isfinite(value):
            return "-"
        return f"{value:.3f}".rstrip("0").rstrip(".")
    return str(value)
