from django.contrib import admin

from samenspel.accounts.admin_site import ReadOnlyModelAdmin

from .models import AuditLogEntry
from .selectors import audit_log_for_administrator


@admin.register(AuditLogEntry)
class AuditLogEntryAdmin(ReadOnlyModelAdmin):
    """The audit log can be read here, never edited: it must prove what happened (AVG art. 5(2))."""

    list_display = ("created_at", "actor", "action", "object_type", "object_id", "detail")
    list_filter = ("action", "object_type", "created_at")
    search_fields = ("object_id", "actor__username", "detail")
    date_hierarchy = "created_at"
    # Counting a large log for every page is slow; the log only grows.
    show_full_result_count = False

    def get_queryset(self, request):
        return audit_log_for_administrator()
