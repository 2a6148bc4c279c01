from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """A line department (afdeling) that owns the work."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("afdeling")
        verbose_name_plural = _("afdelingen")

    def __str__(self) -> str:
        return self.name


class Skill(models.Model):
    name = models.CharField(_("naam"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("vaardigheid")
        verbose_name_plural = _("vaardigheden")

    def __str__(self) -> str:
        return self.name


class Employee(models.Model):
    """A staff member (medewerker), with skills and capacity for coalitions."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee",
    )
    name = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"), blank=True)
    job_title = models.CharField(_("functie"), max_length=150, blank=True)
    department = models.ForeignKey(
        Department,
        verbose_name=_("afdeling"),
        on_delete=models.PROTECT,
        related_name="employees",
    )
    is_development_team = models.BooleanField(_("lid ontwikkelteam"), default=False)
    is_manager = models.BooleanField(_("manager"), default=False)
    weekly_hours_available = models.DecimalField(
        _("uren per week beschikbaar voor coalities"), max_digits=4, decimal_places=1, default=0
    )
    skills = models.ManyToManyField(Skill, through="EmployeeSkill", related_name="employees")
    active = models.BooleanField(_("in dienst"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("medewerker")
        verbose_name_plural = _("medewerkers")

    def __str__(self) -> str:
        return self.name


class EmployeeSkill(models.Model):
    class Level(models.IntegerChoices):
        BASIC = 1, _("basis")
        GOOD = 2, _("goed")
        EXPERT = 3, _("expert")

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="skill_levels")
    skill = models.ForeignKey(Skill, on_delete=models.CASCADE, related_name="employee_levels")
    level = models.PositiveSmallIntegerField(choices=Level.choices, default=Level.BASIC)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["employee", "skill"], name="unique_employee_skill"),
        ]


class Partner(models.Model):
    """An outside organisation that works with the municipality in coalitions."""

    class Kind(models.TextChoices):
        VILLAGE_COUNCIL = "village_council", _("dorpsraad")
        HOUSING = "housing", _("woningcorporatie")
        WELFARE = "welfare", _("welzijnsorganisatie")
        SCHOOL = "school", _("school")
        WATER_BOARD = "water_board", _("waterschap")
        ASSOCIATION = "association", _("vereniging")
        BUSINESS = "business", _("ondernemers")
        OTHER = "other", _("anders")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    kernen = models.ManyToManyField("places.Kern", blank=True, related_name="partners")
    # Contact person: personal data, shown only to staff.
    contact_name = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def __str__(self) -> str:
        return self.name
