from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "samenspel.learning"
    label = "learning"
