from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samenspel.accounts.admin_site import ReadOnlyModelAdmin

from .models import OutboxMessage
from .services import outbox_requeue


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyModelAdmin):
    """Read-only: a message is written by the change that caused it and sent by the worker."""

    list_display = ("created_at", "to", "subject", "status", "attempts", "next_attempt_at")
    list_filter = ("status", "created_at")
    search_fields = ("to", "subject")
    date_hierarchy = "created_at"
    actions = ("requeue",)

    @admin.action(description=_("Opnieuw versturen"))
    def requeue(self, request, queryset) -> None:
        # Only failed messages are requeued: a sent message is never sent a second time.
        count = outbox_requeue(ids=list(queryset.values_list("pk", flat=True)))
        skipped = queryset.count() - count
        self.message_user(
            request,
            ngettext(
                "%(count)d bericht staat weer in de wachtrij.",
                "%(count)d berichten staan weer in de wachtrij.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d bericht is overgeslagen: het is niet mislukt.",
                    "%(count)d berichten zijn overgeslagen: ze zijn niet mislukt.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )
