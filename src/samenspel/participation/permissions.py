"""Who may do what with a participation advice. Views and selectors ask here.

Decision: drafts (requested,
in progress) are read by the development team, administrators and the requesting
department; a given advice is read by all staff, because the decision must explain the
participation anyway (Omgevingswet) and colleagues learn from each other's advice.
"""

from samenspel.accounts.roles import STAFF_ROLES, Role, has_role

from .models import ParticipationAdvice
from .workflow import SHARED_STATUSES, Actor

# Who asks for advice: people of the department that owns the policy, or the team for them.
REQUEST_ROLES = frozenset({Role.EMPLOYEE, Role.MANAGER, Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR})
WRITE_ROLES = frozenset({Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR})
DEPARTMENT_ROLES = frozenset({Role.EMPLOYEE, Role.MANAGER})


def employee_of(user):
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_samenspel_employee"):
        from samenspel.organisation.models import Employee

        user._samenspel_employee = (
            Employee.objects.filter(user=user).only("id", "department_id", "is_manager").first()
        )
    return user._samenspel_employee


def department_id_of(user) -> int | None:
    """The department a user speaks for as employee or manager, if any."""
    if not has_role(user, DEPARTMENT_ROLES):
        return None
    employee = employee_of(user)
    return employee.department_id if employee else None


def can_view_index(user) -> bool:
    return has_role(user, STAFF_ROLES)


def can_request(user) -> bool:
    return has_role(user, REQUEST_ROLES)


def can_write(user) -> bool:
    return has_role(user, WRITE_ROLES)


def is_requesting_department(user, advice: ParticipationAdvice) -> bool:
    department_id = department_id_of(user)
    return department_id is not None and department_id == advice.requesting_department_id


def can_view(user, advice: ParticipationAdvice) -> bool:
    if not has_role(user, STAFF_ROLES):
        return False
    return (
        advice.status in SHARED_STATUSES
        or can_write(user)
        or is_requesting_department(user, advice)
    )


def can_act(user, advice: ParticipationAdvice, actor: Actor) -> bool:
    if has_role(user, Role.ADMINISTRATOR):
        return True
    if actor == Actor.TEAM:
        return has_role(user, Role.DEVELOPMENT_TEAM)
    return is_requesting_department(user, advice)


def can_edit(user, advice: ParticipationAdvice) -> bool:
    return can_write(user)


def can_follow_up(user, advice: ParticipationAdvice) -> bool:
    return can_act(user, advice, Actor.DEPARTMENT)
