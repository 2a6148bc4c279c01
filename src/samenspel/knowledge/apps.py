from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "samenspel.knowledge"
    label = "knowledge"

    def ready(self) -> None:
        from .relevance_cache import connect_signals

        connect_signals()
