from django.conf import settings

from samenspel.accounts.roles import Role, user_roles


def samenspel(request):
    roles = user_roles(request.user)
    return {
        "municipality": settings.SAMENSPEL_MUNICIPALITY,
        "roles": {role.value for role in roles},
        # A stable spelling of the roles, for fragments memoised per role set.
        "roles_key": ",".join(sorted(role.value for role in roles)),
        "is_staff_user": bool(roles),
        "Role": Role,
    }
