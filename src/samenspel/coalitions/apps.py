from django.apps import AppConfig


class CoalitionsConfig(AppConfig):
    name = "samenspel.coalitions"
    label = "coalitions"
