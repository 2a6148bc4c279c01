from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "samenspel.intake"
    label = "intake"

    def ready(self) -> None:
        from .inbox_cache import connect_signals

        connect_signals()
