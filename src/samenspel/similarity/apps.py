from django.apps import AppConfig


class SimilarityConfig(AppConfig):
    name = "samenspel.similarity"
    label = "similarity"
