from django.db import models
from django.utils.translation import gettext_lazy as _


class Kern(models.Model):
    """A village or town (woonplaats) of the municipality."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    population = models.PositiveIntegerField(_("inwoners"), default=0)
    latitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(max_digits=8, decimal_places=5, null=True, blank=True)
    area_director = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("gebiedsregisseur"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kernen",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("kern")
        verbose_name_plural = _("kernen")

    def __str__(self) -> str:
        return self.name
