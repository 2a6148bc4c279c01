"""The one status workflow of a challenge (design §4). Every transition becomes a ChallengeEvent."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NEW = "new", _("nieuw")
    EXPLORING = "exploring", _("verkennen")
    FORMING = "forming", _("coalitie vormen")
    ACTIVE = "active", _("actief")
    ON_HOLD = "on_hold", _("gepauzeerd")
    HANDED_OVER = "handed_over", _("overgedragen aan de lijn")
    DONE = "done", _("afgerond")
    EVALUATED = "evaluated", _("geëvalueerd")
    DECLINED = "declined", _("afgewezen")


# from-status -> allowed to-statuses. ON_HOLD returns only to the status it came from;
# that rule lives in `allowed_transitions`.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.NEW: frozenset({Status.EXPLORING, Status.DECLINED}),
    Status.EXPLORING: frozenset({Status.FORMING, Status.ON_HOLD, Status.DECLINED}),
    Status.FORMING: frozenset({Status.ACTIVE, Status.ON_HOLD}),
    Status.ACTIVE: frozenset({Status.HANDED_OVER, Status.DONE, Status.ON_HOLD}),
    Status.ON_HOLD: frozenset({Status.EXPLORING, Status.FORMING, Status.ACTIVE}),
    Status.HANDED_OVER: frozenset({Status.EVALUATED}),
    Status.DONE: frozenset({Status.EVALUATED}),
    Status.EVALUATED: frozenset(),
    Status.DECLINED: frozenset(),
}

REASON_REQUIRED = frozenset({Status.DECLINED})
OPEN_STATUSES = (Status.NEW, Status.EXPLORING, Status.FORMING, Status.ACTIVE, Status.ON_HOLD)
BOARD_COLUMNS = (
    Status.NEW,
    Status.EXPLORING,
    Status.FORMING,
    Status.ACTIVE,
    Status.ON_HOLD,
    Status.HANDED_OVER,
    Status.DONE,
    Status.EVALUATED,
    Status.DECLINED,
)


def allowed_transitions(status: str, status_before_hold: str = "") -> frozenset[str]:
    if status == Status.ON_HOLD:
        return frozenset({status_before_hold}) if status_before_hold else TRANSITIONS[status]
    return TRANSITIONS[status]
