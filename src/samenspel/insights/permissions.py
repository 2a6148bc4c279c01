"""Who sees the insights dashboard, and which departments.

The dashboard holds management information and no individual colleague's data at all: every
figure is a count or share of a group. The development team and administrators see every
department; a manager sees the organisation totals and their own department, not another
department's figures. Employees and area directors get 403: the page is for steering, and
the organisation totals reach everyone through the council report.
"""

from samenspel.accounts.roles import Role, has_role
from samenspel.organisation.models import Department

DASHBOARD_ROLES = frozenset({Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR, Role.MANAGER})
ALL_DEPARTMENTS_ROLES = frozenset({Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR})


def own_department(user) -> Department | None:
    employee = getattr(user, "employee", None)
    return employee.department if employee is not None else None


def visible_departments(user) -> list[Department]:
    """The departments whose figures the user may filter on."""
    if has_role(user, ALL_DEPARTMENTS_ROLES):
        return list(Department.objects.order_by("name"))
    if has_role(user, Role.MANAGER):
        department = own_department(user)
        return [department] if department is not None else []
    return []


def default_department(user) -> Department | None:
    """Managers start on their own department; the team and administrators on the whole."""
    if has_role(user, ALL_DEPARTMENTS_ROLES):
        return None
    return own_department(user)
