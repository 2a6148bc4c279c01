from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .admin_site import AdministratorModelAdmin
from .models import User


@admin.register(User)
class SamenspelUserAdmin(AdministratorModelAdmin, UserAdmin):
    # Roles are groups (accounts.roles), so the group list is the role list.
    list_display = ("username", "email", "first_name", "last_name", "is_active", "last_login")
    list_filter = ("groups", "is_active", "is_superuser")
    search_fields = ("username", "email", "first_name", "last_name")
