from django.apps import AppConfig


class ParticipationConfig(AppConfig):
    name = "samenspel.participation"
    label = "participation"
