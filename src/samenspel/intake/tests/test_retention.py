from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from freezegun import freeze_time

from samenspel.audit.models import AuditLogEntry
from samenspel.challenges.models import Challenge
from samenspel.challenges.workflow import Status
from samenspel.intake.models import Channel, Reporter, Signal
from samenspel.intake.retention import reporters_anonymise_expired

pytestmark = pytest.mark.django_db

REPORTED = "2025-01-10 09:00:00+01:00"


def report(*, challenge_status: str | None = None, text: str = "Losse stoeptegel") -> Signal:
    """A signal with a reporter who left contact details, made on REPORTED."""
    with freeze_time(REPORTED):
        reporter = Reporter.objects.create(
            name="Kees van Dongen",
            email="kees@example.nl",
            phone="0612345678",
            wants_updates=True,
        )
        challenge = (
            Challenge.objects.create(title="Stoep", status=challenge_status)
            if challenge_status
            else None
        )
        return Signal.objects.create(
            text=text, channel=Channel.WEB, reporter=reporter, challenge=challenge
        )


def days_after_report(days: int):
    return freeze_time(timezone.datetime.fromisoformat(REPORTED) + timedelta(days=days))


def test_reporter_is_anonymised_after_the_retention_period(settings):
    settings.SAMENSPEL_RETENTION_DAYS = 365
    signal = report()

    with days_after_report(366):
        count = reporters_anonymise_expired()

    reporter = Reporter.objects.get(pk=signal.reporter_id)
    assert count == 1
    assert (reporter.name, reporter.email, reporter.phone) == ("", "", "")
    assert reporter.wants_updates is False
    assert reporter.anonymised_at is not None


def test_reporter_within_the_retention_period_is_kept(settings):
    settings.SAMENSPEL_RETENTION_DAYS = 365
    signal = report()

    with days_after_report(364):
        count = reporters_anonymise_expired()

    assert count == 0
    assert Reporter.objects.get(pk=signal.reporter_id).email == "kees@example.nl"


def test_signal_text_stays_when_its_reporter_is_anonymised(settings):
    settings.SAMENSPEL_RETENTION_DAYS = 30
    signal = report(text="Lantaarnpaal bij de kerk in Almkerk is stuk")

    with days_after_report(31):
        reporters_anonymise_expired()

    signal.refresh_from_db()
    assert signal.text == "Lantaarnpaal bij de kerk in Almkerk is stuk"
    assert signal.reporter_id is not None


@pytest.mark.parametrize("status", [Status.NEW, Status.EXPLORING, Status.ACTIVE, Status.ON_HOLD])
def test_reporter_of_an_open_challenge_is_kept_past_the_period(settings, status):
    settings.SAMENSPEL_RETENTION_DAYS = 30
    signal = report(challenge_status=status)

    with days_after_report(400):
        count = reporters_anonymise_expired()

    assert count == 0
    assert Reporter.objects.get(pk=signal.reporter_id).email == "kees@example.nl"


@pytest.mark.parametrize("status", [Status.DONE, Status.DECLINED, Status.EVALUATED])
def test_reporter_of_a_closed_challenge_is_anonymised(settings, status):
    settings.SAMENSPEL_RETENTION_DAYS = 30
    signal = report(challenge_status=status)

    with days_after_report(31):
        count = reporters_anonymise_expired()

    assert count == 1
    assert Reporter.objects.get(pk=signal.reporter_id).email == ""


def test_anonymising_twice_changes_nothing_the_second_time(settings):
    settings.SAMENSPEL_RETENTION_DAYS = 30
    signal = report()
    with days_after_report(31):
        reporters_anonymise_expired()
    first = Reporter.objects.get(pk=signal.reporter_id).anonymised_at

    with days_after_report(60):
        second_count = reporters_anonymise_expired()

    assert second_count == 0
    assert Reporter.objects.get(pk=signal.reporter_id).anonymised_at == first


def test_anonymisation_is_written_to_the_audit_log(settings):
    settings.SAMENSPEL_RETENTION_DAYS = 30
    signal = report()

    with days_after_report(31):
        reporters_anonymise_expired()

    entry = AuditLogEntry.objects.get(action="anonymise_personal_data")
    assert (entry.object_type, entry.object_id) == ("reporter", str(signal.reporter_id))
    assert entry.actor is None


def test_dry_run_prints_the_count_and_changes_nothing(settings):
    settings.SAMENSPEL_RETENTION_DAYS = 30
    report()
    report()
    out = StringIO()

    with days_after_report(31):
        call_command("anonymise_reporters", "--dry-run", stdout=out)

    assert out.getvalue().startswith("2 ")
    assert Reporter.objects.filter(anonymised_at__isnull=True).count() == 2


def test_command_anonymises_and_reports_how_many(settings):
    settings.SAMENSPEL_RETENTION_DAYS = 30
    report()
    out = StringIO()

    with days_after_report(31):
        call_command("anonymise_reporters", stdout=out)

    assert out.getvalue().startswith("1 ")
    assert Reporter.objects.get().email == ""
