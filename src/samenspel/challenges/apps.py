from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "samenspel.challenges"
    label = "challenges"
