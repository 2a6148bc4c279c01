"""Who may see and do what in the learning programme.

Employees see their own record; managers their department's; the development team and
administrators everything; a trainer the participants of the cohorts they train.
"""

from samenspel.accounts.roles import Role, has_role
from samenspel.organisation.models import Employee

from .models import Cohort, Enrolment

SEE_ALL_ROLES = frozenset({Role.DEVELOPMENT_TEAM, Role.ADMINISTRATOR})


def employee_of(user) -> Employee | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.employee
    except Employee.DoesNotExist:
        return None


def sees_all(user) -> bool:
    return has_role(user, SEE_ALL_ROLES)


def managed_department_id(user) -> int | None:
    """The department whose records this user sees as its manager, if any."""
    employee = employee_of(user)
    if employee is None or not employee.is_manager or not has_role(user, Role.MANAGER):
        return None
    return employee.department_id


def is_manager_of(user, employee: Employee) -> bool:
    department_id = managed_department_id(user)
    return department_id is not None and department_id == employee.department_id


def is_trainer_of(user, cohort: Cohort) -> bool:
    employee = employee_of(user)
    return employee is not None and cohort.trainer_id == employee.pk


def can_see_records(user) -> bool:
    """The overview of other people's records: managers (their department) and the team."""
    return sees_all(user) or managed_department_id(user) is not None


def can_enrol(user, employee: Employee) -> bool:
    """An employee enrols themselves, or their manager enrols them."""
    own = employee_of(user)
    if own is None or not employee.active:
        return False
    return own.pk == employee.pk or is_manager_of(user, employee)


def can_view_enrolment(user, enrolment: Enrolment) -> bool:
    own = employee_of(user)
    return (
        sees_all(user)
        or (own is not None and own.pk == enrolment.employee_id)
        or is_manager_of(user, enrolment.employee)
        or is_trainer_of(user, enrolment.cohort)
    )


def can_cancel(user, enrolment: Enrolment) -> bool:
    own = employee_of(user)
    return (
        sees_all(user)
        or (own is not None and own.pk == enrolment.employee_id)
        or is_manager_of(user, enrolment.employee)
    )


def can_take_attendance(user, cohort: Cohort) -> bool:
    """The trainer; the development team records for a trainer from outside."""
    return is_trainer_of(user, cohort) or sees_all(user)


def can_see_participants(user, cohort: Cohort) -> bool:
    return can_take_attendance(user, cohort)


def can_evaluate(user, enrolment: Enrolment) -> bool:
    """Only the participant evaluates: the evaluation is their own voice."""
    own = employee_of(user)
    return own is not None and own.pk == enrolment.employee_id
