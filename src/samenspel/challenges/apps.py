from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "samenspel.challenges"
    label = "challenges"

    def ready(self) -> None:
        from .board_cache import connect_signals

        connect_signals()
