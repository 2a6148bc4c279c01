"""The one status workflow of a participation advice. Every step becomes an AdviceEvent.

The table says, per step, who takes it: the development team writes the advice; the
department that asked for it reads it and, after the decision, records what came of it.
Administrators may act for both.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    REQUESTED = "requested", _("aangevraagd")
    IN_PROGRESS = "in_progress", _("in behandeling")
    GIVEN = "given", _("advies gegeven")
    FOLLOWED_UP = "followed_up", _("opgevolgd")


class Actor(StrEnum):
    TEAM = "team"
    DEPARTMENT = "department"


# from-status -> {to-status: who may take that step}. GIVEN -> IN_PROGRESS lets the team
# revise an advice before the decision; once followed up the record is closed.
TRANSITIONS: dict[str, dict[str, Actor]] = {
    Status.REQUESTED: {Status.IN_PROGRESS: Actor.TEAM},
    Status.IN_PROGRESS: {Status.GIVEN: Actor.TEAM},
    Status.GIVEN: {Status.IN_PROGRESS: Actor.TEAM, Status.FOLLOWED_UP: Actor.DEPARTMENT},
    Status.FOLLOWED_UP: {},
}

# What the button on the advice page says for each step.
STEP_LABELS = {
    (Status.REQUESTED, Status.IN_PROGRESS): _("In behandeling nemen"),
    (Status.IN_PROGRESS, Status.GIVEN): _("Advies uitbrengen"),
    (Status.GIVEN, Status.IN_PROGRESS): _("Advies herzien"),
    (Status.GIVEN, Status.FOLLOWED_UP): _("Opvolging vastleggen"),
}

# Drafts are for the team and the requesting department; a given advice is shared with all
# staff so colleagues learn from it (and the decision must state it anyway, Omgevingswet).
SHARED_STATUSES = frozenset({Status.GIVEN, Status.FOLLOWED_UP})
EDITABLE_STATUSES = frozenset({Status.IN_PROGRESS})
INDEX_ORDER = (Status.REQUESTED, Status.IN_PROGRESS, Status.GIVEN, Status.FOLLOWED_UP)


def allowed_transitions(status: str) -> dict[str, Actor]:
    return TRANSITIONS[status]
