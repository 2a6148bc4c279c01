from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "samenspel.organisation"
    label = "organisation"
