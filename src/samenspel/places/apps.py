from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "samenspel.places"
    label = "places"
