"""Who may do what with coalitions. Views ask here; templates only mirror the answers."""

from samenspel.accounts.roles import STAFF_ROLES, Role, has_role
from samenspel.challenges import permissions as challenge_permissions
from samenspel.challenges.models import Challenge
from samenspel.organisation.models import Employee

from .models import Membership

# The development team builds coalitions (and the administrator can step in); they coach,
# the line owns the work.
BUILD_ROLES = frozenset({Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR})
# Partner contact persons are personal data (AVG art. 5(1)(c), data minimisation): only the
# roles that contact partners to form coalitions or work with them in the kernen see them.
PARTNER_CONTACT_ROLES = frozenset({Role.DEVELOPMENT_TEAM, Role.AREA_DIRECTOR, Role.ADMINISTRATOR})


def employee_of(user) -> Employee | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_samenspel_coalition_employee"):
        user._samenspel_coalition_employee = (
            Employee.objects.filter(user=user).select_related("department").first()
        )
    return user._samenspel_coalition_employee


def can_build(user) -> bool:
    """Set needs, ask for a proposal, send invitations, refill places."""
    return has_role(user, BUILD_ROLES)


def can_view(user, challenge: Challenge) -> bool:
    """See the coalition page and adjust the team (add, remove, swap, partners)."""
    if not has_role(user, STAFF_ROLES):
        return False
    return (
        can_build(user)
        or challenge_permissions.is_owner(user, challenge)
        or challenge_permissions.is_owner_department_manager(user, challenge)
    )


can_adjust = can_view


def can_answer(user, membership: Membership) -> bool:
    """Only the invitee answers their own invitation in the app."""
    employee = employee_of(user)
    return bool(employee and membership.employee_id == employee.pk)


def is_manager_of(user, employee: Employee) -> bool:
    """A manager decides for the colleagues of their own department only."""
    manager = employee_of(user)
    return bool(
        has_role(user, Role.MANAGER)
        and manager is not None
        and manager.is_manager
        and manager.department_id == employee.department_id
    )


def can_approve(user, membership: Membership) -> bool:
    return membership.employee_id is not None and is_manager_of(user, membership.employee)


def can_see_capacity_of(user, department_id: int) -> bool:
    if can_build(user):
        return True
    manager = employee_of(user)
    return bool(
        has_role(user, Role.MANAGER)
        and manager is not None
        and manager.is_manager
        and manager.department_id == department_id
    )


def can_see_partner_contact(user) -> bool:
    return has_role(user, PARTNER_CONTACT_ROLES)
