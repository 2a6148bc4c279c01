from django.db import models


class VersionToken(models.Model):
    """One row (id 1) whose token changes with every write that a cached page shows.

    Pages are cached under the token (`core.versions`, ADR 13). It lives in the database, not
    in the cache, so every worker process sees a change at once and a change that is rolled
    back also rolls back its new token. Each page has its own subclass, so that a write to one
    does not empty the caches of the others.
    """

    token = models.CharField(max_length=32)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.token
