from django.db import models
from django.utils.translation import gettext_lazy as _


class DemoDataset(models.Model):
    """Marks that the Altena demo has been loaded, so a second load creates nothing twice."""

    key = models.CharField(max_length=50, unique=True)
    anchor = models.DateTimeField(_("peilmoment van de demo"))
    loaded_at = models.DateTimeField(_("geladen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("demodataset")
        verbose_name_plural = _("demodatasets")

    def __str__(self) -> str:
        return self.key
