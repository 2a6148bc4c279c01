"""Administrators plan programmes, cohorts and session dates here.

Enrolments, attendance and evaluations are read-only: they change only through the
services, which keep the waiting list and the completion rule right.
"""

from django.contrib import admin

from samenspel.accounts.admin_site import AdministratorInline, AdministratorModelAdmin

from .models import Cohort, CohortSession, Enrolment, Programme, SessionTemplate


class SessionTemplateInline(AdministratorInline):
    model = SessionTemplate
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(AdministratorModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)
    inlines = [SessionTemplateInline]


class CohortSessionInline(AdministratorInline):
    model = CohortSession
    extra = 0
    exclude = ("template",)


@admin.register(Cohort)
class CohortAdmin(AdministratorModelAdmin):
    list_display = ("name", "programme", "start_date", "end_date", "capacity")
    list_filter = ("programme",)
    autocomplete_fields = ("trainer",)
    inlines = [CohortSessionInline]


@admin.register(Enrolment)
class EnrolmentAdmin(AdministratorModelAdmin):
    list_display = ("employee", "cohort", "status", "enrolled_at", "completed_at")
    list_filter = ("cohort", "status")
    list_select_related = ("employee", "cohort__programme")

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
