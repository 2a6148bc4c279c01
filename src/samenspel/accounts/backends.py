"""Authentication backend that loads a signed-in user together with their roles.

Every staff page needs the user and their roles (Django groups). Django's `ModelBackend`
loads the user, and the first role check then asks for the groups: two queries on every
request. This backend does both in one query (the user joined with the names of their
groups) and hands the roles to `roles.user_roles` through the same per-request attribute it
fills itself, so a change of roles still counts from the very next request.
"""

from django.contrib.auth.backends import ModelBackend
from django.db.models import F

from .models import User
from .roles import remember_roles


class RoleAwareModelBackend(ModelBackend):
    def get_user(self, user_id):
        rows = list(User._default_manager.filter(pk=user_id).annotate(group_name=F("groups__name")))
        if not rows:
            return None
        user = rows[0]
        if not self.user_can_authenticate(user):
            return None
        remember_roles(user, {row.group_name for row in rows if row.group_name})
        return user
