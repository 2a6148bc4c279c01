from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "samenspel.notifications"
    label = "notifications"
