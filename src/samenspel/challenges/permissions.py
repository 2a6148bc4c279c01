"""Who may do what with a challenge. Views ask here; templates only mirror the answers."""

from samenspel.accounts.roles import PERSONAL_DATA_ROLES, STAFF_ROLES, Role, has_role, user_roles

from .models import Challenge

CREATE_ROLES = frozenset({Role.DEVELOPMENT_TEAM, Role.AREA_DIRECTOR, Role.ADMINISTRATOR})
CHANGE_ROLES = frozenset({Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR})
# Triage is the development team's work (design §4.3); administrators keep the criteria sound.
PRIORITY_ROLES = frozenset({Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR})
# Area directors work in the field: they add what they hear, but the owner steers the work.
NOTE_ROLES = CHANGE_ROLES | {Role.AREA_DIRECTOR}


def _employee(user):
    if not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_samenspel_employee"):
        from samenspel.organisation.models import Employee

        user._samenspel_employee = (
            Employee.objects.filter(user=user).only("id", "department_id", "is_manager").first()
        )
    return user._samenspel_employee


def is_owner(user, challenge: Challenge) -> bool:
    employee = _employee(user)
    return bool(employee and challenge.owner_id and challenge.owner_id == employee.pk)


def is_owner_department_manager(user, challenge: Challenge) -> bool:
    if not has_role(user, Role.MANAGER) or not challenge.owner_department_id:
        return False
    employee = _employee(user)
    return bool(employee and employee.department_id == challenge.owner_department_id)


def can_view(user) -> bool:
    return has_role(user, STAFF_ROLES)


def can_create(user) -> bool:
    return has_role(user, CREATE_ROLES)


def can_change(user, challenge: Challenge) -> bool:
    """Status, public updates and the challenge's data: the team, and whoever owns the work."""
    if not can_view(user):
        return False
    return (
        has_role(user, CHANGE_ROLES)
        or is_owner(user, challenge)
        or is_owner_department_manager(user, challenge)
    )


def can_note(user, challenge: Challenge) -> bool:
    """Internal notes and linking signals."""
    return has_role(user, NOTE_ROLES) or can_change(user, challenge)


def can_see_personal_data(user, challenge: Challenge) -> bool:
    # AVG art. 5(1)(c), data minimisation: only those who answer the reporter see who it is.
    if not user_roles(user):
        return False
    return has_role(user, PERSONAL_DATA_ROLES) or is_owner(user, challenge)


def can_prioritise(user) -> bool:
    """Score challenges and configure the criteria; every staff member reads the breakdown."""
    return has_role(user, PRIORITY_ROLES)
