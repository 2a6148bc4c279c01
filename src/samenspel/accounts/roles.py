"""Roles of Samenspel (design §2), kept as Django groups.

Authorisation is decided here and in selectors (object scoping), never in
templates alone. Residents are anonymous and have no role record.
"""

from collections.abc import Iterable
from enum import StrEnum

from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    DEVELOPMENT_TEAM = "development_team"
    AREA_DIRECTOR = "area_director"
    EMPLOYEE = "employee"
    MANAGER = "manager"
    ADMINISTRATOR = "administrator"


ROLE_LABELS = {
    Role.DEVELOPMENT_TEAM: _("Ontwikkelteam"),
    Role.AREA_DIRECTOR: _("Gebiedsregisseur"),
    Role.EMPLOYEE: _("Medewerker"),
    Role.MANAGER: _("Manager"),
    Role.ADMINISTRATOR: _("Beheerder"),
}

STAFF_ROLES = frozenset(Role)
# Who triages incoming signals (the inbox).
TRIAGE_ROLES = frozenset({Role.DEVELOPMENT_TEAM, Role.AREA_DIRECTOR, Role.ADMINISTRATOR})
# AVG: reporters' personal data only for those who need them to answer the reporter.
PERSONAL_DATA_ROLES = frozenset({Role.DEVELOPMENT_TEAM, Role.AREA_DIRECTOR})


def remember_roles(user, group_names: Iterable[str]) -> frozenset[Role]:
    """Keep the roles that these group names give on the user object (one request long)."""
    names = set(group_names)
    roles = frozenset(role for role in Role if role.value in names)
    if user.is_superuser:
        roles = roles | {Role.ADMINISTRATOR}
    user._samenspel_roles = roles
    return roles


def user_roles(user) -> frozenset[Role]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_samenspel_roles", None)
    if cached is None:
        cached = remember_roles(user, user.groups.values_list("name", flat=True))
    return cached


def has_role(user, roles: Iterable[Role] | Role) -> bool:
    wanted = {roles} if isinstance(roles, Role) else set(roles)
    return bool(user_roles(user) & wanted)
