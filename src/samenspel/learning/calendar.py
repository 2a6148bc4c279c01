"""iCalendar (RFC 5545) export of a cohort's sessions, for Outlook and phone calendars."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

from .models import Cohort


def cohort_calendar(*, cohort: Cohort, host: str, now: datetime | None = None) -> bytes:
    """One VEVENT per session, with a stable UID so a re-import updates instead of doubling."""
    zone = ZoneInfo(settings.TIME_ZONE)
    stamp = (now or timezone.now()).astimezone(ZoneInfo("UTC"))
    domain = host.split(":")[0] or "samenspel"
    calendar = Calendar()
    calendar.add("prodid", "-//Samenspel//Leergang//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{cohort.programme.name}: {cohort.name}")
    sessions = list(cohort.sessions.all())
    for number, session in enumerate(sessions, start=1):
        event = Event()
        event.add("uid", f"learning-session-{session.pk}@{domain}")
        event.add("dtstamp", stamp)
        event.add("dtstart", datetime.combine(session.date, session.start_time, tzinfo=zone))
        event.add("dtend", datetime.combine(session.date, session.end_time, tzinfo=zone))
        event.add("summary", f"{cohort.programme.name}, dag {number}: {session.topic}")
        event.add("location", session.location)
        if cohort.trainer_display:
            event.add("description", f"Trainer: {cohort.trainer_display}")
        calendar.add_component(event)
    if sessions:
        # A VTIMEZONE per TZID used, so clients that do not know Europe/Amsterdam still
        # place the sessions at the right hour (RFC 5545 §3.6.5).
        calendar.add_missing_timezones(
            first_date=sessions[0].date.replace(month=1, day=1),
            last_date=sessions[-1].date.replace(month=12, day=31),
        )
    return calendar.to_ical()
