"""The engagement ledger and the aggregates the dashboard reads (design §5).

The ledger holds one row per engagement fact (joined a coalition, led a challenge, coached,
completed the learning programme, wrote a lesson, used a tool), unique per source record so
a repeated sync never counts a fact twice. The dashboard never reads the ledger row by row:
it reads the monthly aggregates and the network snapshots, which the sync and the worker keep
up to date, so a ten-year history of a million events still renders within a page request.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EngagementKind(models.TextChoices):
    JOINED_COALITION = "joined_coalition", _("nam deel aan een coalitie")
    LED_CHALLENGE = "led_challenge", _("trok een opgave")
    COACHED = "coached", _("coachte")
    COMPLETED_PROGRAMME = "completed_programme", _("rondde de leergang af")
    WROTE_LESSON = "wrote_lesson", _("schreef een geleerde les")
    USED_TOOL = "used_tool", _("gebruikte een handvat")


# The kinds that put an employee in a coalition: the collaboration network and the learning
# effect ("joined a coalition within six months") count these.
COALITION_KINDS = (
    EngagementKind.JOINED_COALITION,
    EngagementKind.LED_CHALLENGE,
    EngagementKind.COACHED,
)


class EngagementEvent(models.Model):
    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.CASCADE, related_name="engagement_events"
    )
    # The department when the fact was recorded, so a later move does not rewrite history.
    department = models.ForeignKey(
        "organisation.Department", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=30, choices=EngagementKind.choices)
    at = models.DateTimeField()
    # "<source>:<id>", e.g. "membership:12": one fact is one row, whatever runs the sync.
    source = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["employee", "at"], name="engagement_employee_at"),
            models.Index(fields=["kind", "at"], name="engagement_kind_at"),
        ]

    def __str__(self) -> str:
        return f"{self.source} ({self.kind})"


class FirstEngagement(models.Model):
    """An employee's first engagement: reach counts employees, not events."""

    employee = models.OneToOneField(
        "organisation.Employee", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    department = models.ForeignKey(
        "organisation.Department", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField()


class MonthlyDepartmentStat(models.Model):
    """Per month and department: engagement events and employees engaged for the first time."""

    month = models.DateField()
    department = models.ForeignKey(
        "organisation.Department", on_delete=models.CASCADE, related_name="+"
    )
    events = models.PositiveIntegerField(default=0)
    first_time = models.IntegerField(default=0)
    coalition_events = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["month", "department"]
        constraints = [
            models.UniqueConstraint(fields=["month", "department"], name="unique_month_department")
        ]


class CoalitionMonth(models.Model):
    """Per employee and month: the first and last fact that put them in a coalition.

    The learning effect asks "who was in a coalition between two moments six months apart";
    with the first and last moment per month that is answered from at most seven rows per
    employee instead of the ledger. Exact for any window longer than a month: only the two
    edge months need the moments, every month in between counts whole.
    """

    employee = models.ForeignKey(
        "organisation.Employee", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField()
    first_at = models.DateTimeField()
    last_at = models.DateTimeField()

    class Meta:
        ordering = ["month", "employee"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "month"], name="unique_coalition_month")
        ]
        indexes = [models.Index(fields=["month", "employee"], name="coalition_month_employee")]


class ResponseMonth(models.Model):
    """Responsiveness per month of receipt and owning department, rebuilt by the sync.

    Holds the distribution rather than single figures, so the page gives the same median and
    share as counting the signals themselves, for any norm: the response times of answered
    signals, their working days, and the receipt days of signals still open (whether those
    count depends on the day the page is read).
    """

    month = models.DateField()
    # The current owner department of the signal's challenge; null without one.
    department = models.ForeignKey(
        "organisation.Department", null=True, on_delete=models.CASCADE, related_name="+"
    )
    received = models.PositiveIntegerField(default=0)
    response_days = models.JSONField(default=list)  # calendar days, answered signals
    working_days = models.JSONField(default=dict)  # {"<working days>": answered signals}
    open_days = models.JSONField(default=dict)  # {"<receipt date>": unanswered signals}

    class Meta:
        ordering = ["month"]
        indexes = [models.Index(fields=["month", "department"], name="response_month_department")]


class ChallengeMonth(models.Model):
    """Challenges started per month and owner department, and how many without coaching.

    Rebuilt by the sync: a challenge's team role and department change without a watermark,
    and grouping by local month costs SQLite a Python call per challenge, too slow per page.
    """

    month = models.DateField()
    department = models.ForeignKey(
        "organisation.Department", null=True, on_delete=models.CASCADE, related_name="+"
    )
    started = models.PositiveIntegerField(default=0)
    self_reliant = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["month"]
        indexes = [models.Index(fields=["month", "department"], name="challenge_month_department")]


class SyncState(models.Model):
    """Watermarks of the incremental sync, one row per source."""

    source = models.CharField(max_length=40, unique=True)
    watermark = models.BigIntegerField(default=0)
    synced_at = models.DateTimeField(null=True, blank=True)


class NetworkSnapshot(models.Model):
    """The collaboration network at the end of one quarter, computed by the worker.

    Betweenness is too costly for a page request on a large organisation, so the worker
    stores one snapshot per quarter and the dashboard draws their history.
    """

    quarter = models.DateField(unique=True)  # first day of the quarter
    computed_at = models.DateTimeField()
    employees = models.PositiveIntegerField()
    engaged = models.PositiveIntegerField()
    links = models.PositiveIntegerField()
    cross_department_share = models.FloatField()
    largest_connected_share = models.FloatField()
    team_betweenness = models.FloatField()
    reproduction = models.FloatField(null=True)
    # {"all": {"0": n, "1": n, ...}, "<department id>": {...}}: employees per generation.
    generations = models.JSONField(default=dict)
    # {"<department id>": {"links": n, "cross_share": x, "largest_share": x}}
    by_department = models.JSONField(default=dict)

    class Meta:
        ordering = ["quarter"]
