from zoneinfo import ZoneInfo

from django.urls import reverse
from icalendar import Calendar

from samenspel.accounts.roles import Role


def _download(client, user, cohort):
    client.force_login(user)
    response = client.get(reverse("learning:cohort_ics", args=[cohort.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_calendar_download_holds_one_event_per_session(client, make_user, make_cohort):
    cohort = make_cohort()
    calendar = _download(client, make_user("sanne", Role.EMPLOYEE), cohort)
    events = calendar.walk("VEVENT")
    assert len(events) == 4
    assert len({str(event["UID"]) for event in events}) == 4
    assert all(event.get("DTSTAMP") for event in events)
    assert [str(event["LOCATION"]) for event in events] == ["Almkerk"] * 4


def test_calendar_times_are_in_dutch_time_with_a_timezone(client, make_user, make_cohort):
    cohort = make_cohort()
    first = cohort.sessions.first()
    calendar = _download(client, make_user("sanne", Role.EMPLOYEE), cohort)
    start = calendar.walk("VEVENT")[0].decoded("DTSTART")
    assert start.tzinfo is not None
    assert start.astimezone(ZoneInfo("Europe/Amsterdam")).hour == 9
    assert start.date() == first.date
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Amsterdam"]


def test_calendar_uids_stay_the_same_on_a_second_download(client, make_user, make_cohort):
    cohort = make_cohort()
    user = make_user("sanne", Role.EMPLOYEE)
    first = [str(e["UID"]) for e in _download(client, user, cohort).walk("VEVENT")]
    second = [str(e["UID"]) for e in _download(client, user, cohort).walk("VEVENT")]
    assert first == second
