from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "samenspel.challenges"
    label = "challenges"

    def ready(self) -> None:
        from . import board_cache, page_cache

        board_cache.connect_signals()
        page_cache.connect_signals()
