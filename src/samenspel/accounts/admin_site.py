"""The Django admin at /beheer/, open to the administrator role only.

Django's stock admin lets in every `is_staff` user and then asks for model permissions.
Samenspel decides authorisation by role (accounts.roles), so the site and every model
admin ask for the administrator role instead; nobody has to keep `is_staff` flags and
per-model permissions in step with the groups. Other roles are sent to the admin log-in,
where they are told they lack access.
"""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _

from .roles import Role, has_role


def is_administrator(request) -> bool:
    return has_role(request.user, Role.ADMINISTRATOR)


class SamenspelAdminSite(admin.AdminSite):
    site_header = _("Samenspel beheer")
    site_title = _("Samenspel beheer")
    index_title = _("Beheer")

    def has_permission(self, request) -> bool:
        return is_administrator(request)


class SamenspelAdminConfig(AdminConfig):
    """Installed instead of "django.contrib.admin" so that `admin.site` is our site."""

    default_site = "samenspel.accounts.admin_site.SamenspelAdminSite"


class AdministratorModelAdmin(admin.ModelAdmin):
    """A model admin that the administrator role may use fully."""

    def has_module_permission(self, request) -> bool:
        return is_administrator(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return is_administrator(request)

    def has_add_permission(self, request) -> bool:
        return is_administrator(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_administrator(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return is_administrator(request)


class ReadOnlyModelAdmin(AdministratorModelAdmin):
    """A model admin that shows records but never adds, changes or deletes them."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class AdministratorInline(admin.TabularInline):
    def has_view_permission(self, request, obj=None) -> bool:
        return is_administrator(request)

    def has_add_permission(self, request, obj=None) -> bool:
        return is_administrator(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return is_administrator(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return is_administrator(request)
