from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "samenspel.demo"
    label = "demo"
