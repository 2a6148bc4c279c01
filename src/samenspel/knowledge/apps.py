from django.apps import AppConfig


class KnowledgeConfig(AppConfig):
    name = "samenspel.knowledge"
    label = "knowledge"
