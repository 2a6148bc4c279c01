import signal
from datetime import datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

from django.core.management import call_command

from samenspel.learning.services import enrolment_cancel, enrolment_create, learning_queue_reminders
from samenspel.notifications.models import OutboxMessage
from samenspel.notifications.services import outbox_send_due
from samenspel.notifications.tests.test_worker_commands import send_signal_once_handled

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _evening_before(session):
    return datetime.combine(session.date - timedelta(days=1), time(18, 0), tzinfo=AMSTERDAM)


def test_enrolled_participants_get_a_reminder_the_day_before(make_cohort, make_employees):
    cohort = make_cohort(capacity=1)
    seated, waiting = make_employees(2)
    for employee in (seated, waiting):
        enrolment_create(cohort=cohort, employee=employee, actor=employee)
    first = cohort.sessions.first()

    queued = learning_queue_reminders(now=_evening_before(first))

    reminders = OutboxMessage.objects.filter(dedupe_key__startswith="learning:reminder:")
    assert queued == 1
    assert [m.to for m in reminders] == [seated.email]
    assert first.topic in reminders.get().subject


def test_reminders_are_queued_once_however_often_the_job_runs(make_cohort, make_employees):
    cohort = make_cohort()
    for employee in make_employees(3):
        enrolment_create(cohort=cohort, employee=employee, actor=employee)
    moment = _evening_before(cohort.sessions.first())

    assert learning_queue_reminders(now=moment) == 3
    assert learning_queue_reminders(now=moment + timedelta(hours=2)) == 0
    assert OutboxMessage.objects.filter(dedupe_key__startswith="learning:reminder:").count() == 3


def test_no_reminder_two_days_ahead_or_after_cancelling(make_cohort, make_employees):
    cohort = make_cohort()
    (employee,) = make_employees(1)
    enrolment = enrolment_create(cohort=cohort, employee=employee, actor=employee)
    first = cohort.sessions.first()
    assert learning_queue_reminders(now=_evening_before(first) - timedelta(days=1)) == 0
    enrolment_cancel(enrolment=enrolment)
    assert learning_queue_reminders(now=_evening_before(first)) == 0


def test_reminder_reaches_the_participant_over_smtp(make_cohort, make_employees, smtp_settings):
    cohort = make_cohort()
    (employee,) = make_employees(1)
    enrolment_create(cohort=cohort, employee=employee, actor=employee)
    OutboxMessage.objects.all().delete()  # only the reminder matters here
    learning_queue_reminders(now=_evening_before(cohort.sessions.first()))

    outbox_send_due()

    (message,) = smtp_settings.messages
    assert message["To"] == employee.email
    assert "Almkerk" in message.get_content()


def test_worker_queues_reminders_for_tomorrows_session(make_cohort, make_employees, smtp_settings):
    cohort = make_cohort(first_in_days=1)
    (employee,) = make_employees(1)
    enrolment_create(cohort=cohort, employee=employee, actor=employee)
    sender = send_signal_once_handled(signal.SIGTERM)

    call_command("worker", "--interval", "1", stdout=StringIO())
    sender.join()

    # The daily jobs run after the outbox round, so the reminder leaves in the next round.
    reminder = OutboxMessage.objects.get(dedupe_key__startswith="learning:reminder:")
    assert (reminder.to, reminder.subject) == (employee.email, "Morgen: Kerngericht werken")
