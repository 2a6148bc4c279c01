from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "samenspel.intake"
    label = "intake"
