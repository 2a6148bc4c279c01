from django.apps import AppConfig
from django.db.models.signals import post_migrate


def ensure_role_groups(sender, **kwargs) -> None:
    from django.contrib.auth.models import Group

    from .roles import Role

    for role in Role:
        Group.objects.get_or_create(name=role.value)


class AccountsConfig(AppConfig):
    name = "samenspel.accounts"
    label = "accounts"

    def ready(self) -> None:
        post_migrate.connect(ensure_role_groups, sender=self)
