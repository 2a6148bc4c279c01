from collections.abc import Iterable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .roles import Role, has_role


def role_required(roles: Iterable[Role]):
    """Anonymous users go to the log-in page; logged-in users without the role get 403."""
    roles = frozenset(roles)

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_roles = roles
        return wrapper

    return decorator
