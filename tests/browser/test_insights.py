"""Issue 6 in Chromium: open the dashboard, change the period, download a CSV and the report."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from samenspel.accounts.roles import Role
from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.coalitions.models import Coalition, Membership, MembershipEvent

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_team_member_changes_the_period_and_downloads_csv_and_report(checked_page, make_user):
    user = make_user("team", Role.DEVELOPMENT_TEAM)
    colleague = make_user("collega", Role.EMPLOYEE)
    when = dt.datetime(2024, 3, 15, 12, tzinfo=ZoneInfo("Europe/Amsterdam"))
    coalition = Coalition.objects.create(challenge=ChallengeFactory())
    for employee in (user.employee, colleague.employee):
        membership = Membership.objects.create(
            coalition=coalition,
            employee=employee,
            role=Membership.Role.MEMBER,
            status=Membership.Status.ACCEPTED,
            responded_at=when,
        )
        MembershipEvent.objects.create(
            membership=membership, employee=employee, kind="accepted", role="member", at=when
        )
    log_in(checked_page, "team", "samenspel-test")

    page = checked_page.goto("/werk/inzicht/")
    assert page.get_by_role("heading", name="Bereik", exact=True).is_visible()
    page.get_by_label("Van (maand)").fill("2024-01")
    page.get_by_label("Tot en met (maand)").fill("2024-06")
    page.get_by_role("button", name="Toon cijfers").click()
    checked_page.check()
    assert "01-2024 t/m 06-2024" in page.locator("#insights-period").inner_text()

    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download als CSV: Bereik per maand").click()
    lines = Path(csv_download.value.path()).read_text(encoding="utf-8").splitlines()
    assert lines[0] == "maand,bereik"
    assert lines[-1] == "2024-06-01,1.0"

    with page.expect_download() as report:
        page.get_by_role("link", name="Kwartaalrapportage voor de raad (PDF)").click()
    assert report.value.suggested_filename == "raadsrapportage-2024-06.pdf"
    assert Path(report.value.path()).read_bytes().startswith(b"%PDF-")
