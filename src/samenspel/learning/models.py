"""The learning programme (leergang): programmes, cohorts, sessions, enrolments, attendance.

Times that insights reads as engagement facts (enrolled_at, completed_at, recorded_at,
created_at) use `default=timezone.now` instead of auto_now_add, so a loaded history (the
demo's 2019 cohort) keeps its own dates.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_CAPACITY = 25


class Programme(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    description = models.TextField(_("beschrijving"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("leergang")
        verbose_name_plural = _("leergangen")

    def __str__(self) -> str:
        return self.name


class SessionTemplate(models.Model):
    """One day of a programme as designed; a cohort plans its own dates for it."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="days")
    day_number = models.PositiveSmallIntegerField(_("dag"))
    topic = models.CharField(_("onderwerp"), max_length=200)
    description = models.TextField(_("beschrijving"), blank=True)

    class Meta:
        ordering = ["programme", "day_number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "day_number"], name="unique_programme_day")
        ]
        verbose_name = _("dag van de leergang")
        verbose_name_plural = _("dagen van de leergang")

    def __str__(self) -> str:
        return f"{self.day_number}. {self.topic}"


class Cohort(models.Model):
    """A group that follows the programme together, with a fixed number of seats."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("leergang"), on_delete=models.PROTECT, related_name="cohorts"
    )
    name = models.CharField(_("naam"), max_length=200)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"))
    capacity = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), default=DEFAULT_CAPACITY, validators=[MinValueValidator(1)]
    )
    # The trainer is a colleague (who then takes attendance) or somebody from outside.
    trainer = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("trainer (medewerker)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cohorts_trained",
    )
    trainer_name = models.CharField(_("trainer (extern)"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    class Meta:
        ordering = ["start_date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="unique_cohort_name"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")), name="cohort_ends_after_start"
            ),
        ]
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")

    def __str__(self) -> str:
        return f"{self.programme.name}: {self.name}"

    @property
    def trainer_display(self) -> str:
        if self.trainer_id:
            return self.trainer.name
        return self.trainer_name


class CohortSession(models.Model):
    """One day of one cohort: when, where and about what."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("groep"), on_delete=models.CASCADE, related_name="sessions"
    )
    template = models.ForeignKey(
        SessionTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    date = models.DateField(_("datum"))
    start_time = models.TimeField(_("begintijd"))
    end_time = models.TimeField(_("eindtijd"))
    location = models.CharField(_("locatie"), max_length=200)
    topic = models.CharField(_("onderwerp"), max_length=200)

    class Meta:
        ordering = ["date", "start_time", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=models.F("start_time")), name="session_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["date"], name="learning_session_date")]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def __str__(self) -> str:
        return f"{self.topic} ({self.date:%d-%m-%Y})"


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ENROLLED = "enrolled", _("ingeschreven")
        WAITING = "waiting", _("op de wachtlijst")
        CANCELLED = "cancelled", _("afgemeld")
        COMPLETED = "completed", _("afgerond")

    class EnrolledBy(models.TextChoices):
        SELF = "self", _("zelf")
        MANAGER = "manager", _("manager")

    employee = models.ForeignKey(
        "organisation.Employee",
        verbose_name=_("medewerker"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("groep"), on_delete=models.CASCADE, related_name="enrolments"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    enrolled_by = models.CharField(_("ingeschreven door"), max_length=10, choices=EnrolledBy)
    # Who pressed the button: the employee or their manager.
    enrolled_by_employee = models.ForeignKey(
        "organisation.Employee", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Also the place in the waiting list: first come, first served.
    enrolled_at = models.DateTimeField(_("ingeschreven op"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("afgemeld op"), null=True, blank=True)
    completed_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    # True when the trainer declared completion, instead of the attendance rule.
    completed_by_trainer = models.BooleanField(_("afgerond verklaard door trainer"), default=False)

    class Meta:
        ordering = ["enrolled_at", "id"]
        constraints = [
            # One record per person per cohort: enrolling again re-uses it (never twice).
            models.UniqueConstraint(fields=["employee", "cohort"], name="unique_enrolment"),
        ]
        indexes = [
            models.Index(fields=["cohort", "status", "enrolled_at"], name="learning_enrol_queue"),
            models.Index(fields=["completed_at"], name="learning_enrol_completed"),
        ]
        verbose_name = _("inschrijving")
        verbose_name_plural = _("inschrijvingen")

    def __str__(self) -> str:
        return f"{self.employee} · {self.cohort}"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_STATUSES


SEAT_STATUSES = (Enrolment.Status.ENROLLED, Enrolment.Status.COMPLETED)


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("aanwezig")
        ABSENT = "absent", _("afwezig")
        EXCUSED = "excused", _("afgemeld met reden")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    session = models.ForeignKey(CohortSession, on_delete=models.CASCADE, related_name="attendance")
    status = models.CharField(_("aanwezigheid"), max_length=10, choices=Status.choices)
    recorded_by = models.ForeignKey(
        "organisation.Employee", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    class Meta:
        ordering = ["session__date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "session"], name="unique_attendance"),
        ]
        verbose_name = _("aanwezigheid")
        verbose_name_plural = _("aanwezigheid")


_SCORE_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]
_SCORE_RANGE = Q(score__gte=1) & Q(score__lte=5)


class SessionEvaluation(models.Model):
    """A participant's short evaluation of one session they attended."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="evaluations")
    session = models.ForeignKey(CohortSession, on_delete=models.CASCADE, related_name="evaluations")
    score = models.PositiveSmallIntegerField(_("cijfer"), validators=_SCORE_VALIDATORS)
    text = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("ingevuld op"), default=timezone.now)

    class Meta:
        ordering = ["session__date", "id"]
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "session"], name="unique_evaluation"),
            models.CheckConstraint(condition=_SCORE_RANGE, name="evaluation_score_1_to_5"),
        ]
        verbose_name = _("evaluatie van een bijeenkomst")
        verbose_name_plural = _("evaluaties van bijeenkomsten")


class FinalEvaluation(models.Model):
    """A participant's evaluation of the whole programme, after the last session."""

    enrolment = models.OneToOneField(
        Enrolment, on_delete=models.CASCADE, related_name="final_evaluation"
    )
    score = models.PositiveSmallIntegerField(_("cijfer"), validators=_SCORE_VALIDATORS)
    text = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("ingevuld op"), default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=_SCORE_RANGE, name="final_evaluation_score_1_to_5"),
        ]
        verbose_name = _("eindevaluatie")
        verbose_name_plural = _("eindevaluaties")
