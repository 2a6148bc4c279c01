from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from samenspel.accounts.admin_site import AdministratorInline, AdministratorModelAdmin

from .models import Department, Employee, EmployeeSkill, Partner, Skill


@admin.register(Department)
class DepartmentAdmin(AdministratorModelAdmin):
    list_display = ("name", "employee_count")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_employee_count=Count("employees"))

    @admin.display(description=_("medewerkers"), ordering="_employee_count")
    def employee_count(self, department: Department) -> int:
        return department._employee_count


@admin.register(Skill)
class SkillAdmin(AdministratorModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)


class EmployeeSkillInline(AdministratorInline):
    model = EmployeeSkill
    extra = 1
    autocomplete_fields = ("skill",)


@admin.register(Employee)
class EmployeeAdmin(AdministratorModelAdmin):
    list_display = (
        "name",
        "department",
        "job_title",
        "is_development_team",
        "is_manager",
        "weekly_hours_available",
        "active",
    )
    list_filter = ("department", "is_development_team", "is_manager", "active")
    search_fields = ("name", "email", "job_title", "user__username")
    list_select_related = ("department",)
    autocomplete_fields = ("user",)
    inlines = (EmployeeSkillInline,)


@admin.register(Partner)
class PartnerAdmin(AdministratorModelAdmin):
    list_display = ("name", "kind", "contact_name")
    list_filter = ("kind", "kernen")
    search_fields = ("name", "contact_name", "contact_email")
    filter_horizontal = ("kernen",)
