from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "samenspel.audit"
    label = "audit"
