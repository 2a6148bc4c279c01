"""Who may read and write lessons and tools. Views ask here; templates only mirror it."""

from samenspel.accounts.roles import STAFF_ROLES, Role, has_role
from samenspel.challenges.models import Challenge
from samenspel.challenges.permissions import is_owner
from samenspel.challenges.workflow import Status

from .models import Tool

# The team that gathers knowledge, and the administrator who keeps the house in order.
KNOWLEDGE_ROLES = frozenset({Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR})
# A lesson is written at the end of the work (design §4, step 7).
LESSON_STATUSES = frozenset({Status.HANDED_OVER, Status.DONE, Status.EVALUATED})


def employee_of(user):
    """The Employee behind a user (cached on the user), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_samenspel_knowledge_employee"):
        from samenspel.organisation.models import Employee

        user._samenspel_knowledge_employee = Employee.objects.filter(user=user).first()
    return user._samenspel_knowledge_employee


def can_read(user) -> bool:
    return has_role(user, STAFF_ROLES)


def can_write_lesson(user, challenge: Challenge) -> bool:
    """The challenge's owner, the development team and the administrator."""
    if not can_read(user):
        return False
    return has_role(user, KNOWLEDGE_ROLES) or is_owner(user, challenge)


def lesson_is_due(challenge: Challenge) -> bool:
    return challenge.status in LESSON_STATUSES


def can_create_tool(user) -> bool:
    return has_role(user, KNOWLEDGE_ROLES)


def can_change_tool(user, tool: Tool) -> bool:
    if has_role(user, KNOWLEDGE_ROLES):
        return True
    if not can_read(user) or not tool.owner_id:
        return False
    employee = employee_of(user)
    return bool(employee and employee.pk == tool.owner_id)
