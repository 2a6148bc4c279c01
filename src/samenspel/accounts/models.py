from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A staff member's log-in. Roles are Django groups (see `accounts.roles`)."""

    class Meta:
        db_table = "accounts_user"
