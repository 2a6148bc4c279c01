from django.db import models
from django.utils import timezone


class OutboxMessage(models.Model):
    """An e-mail written in the same transaction as the change that caused it.

    The worker (`samenspel send-outbox`) sends it afterwards; a failed send is
    retried with back-off and the row is never deleted, so nothing is lost.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        SENT = "sent", "sent"
        FAILED = "failed", "failed"

    to = models.EmailField()
    subject = models.CharField(max_length=255)
    body = models.TextField()
    # Prevents the same notification being queued twice (for example a retried request).
    dedupe_key = models.CharField(max_length=200, unique=True, null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self) -> str:
        return f"{self.subject} → {self.to}"
