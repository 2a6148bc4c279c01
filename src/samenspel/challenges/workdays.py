"""Working days (Monday to Friday, without Dutch public holidays). Pure, no Django.

The holidays are the generally recognised ones of the Algemene termijnenwet (art. 3):
Nieuwjaarsdag, tweede Paasdag, Koningsdag, Bevrijdingsdag (5 mei), Hemelvaartsdag, tweede
Pinksterdag and both Christmas days. Easter Sunday and Whit Sunday fall on a Sunday anyway.
"""

from datetime import date, timedelta
from functools import cache


def easter_sunday(year: int) -> date:
    """Gregorian Easter (the anonymous Meeus/Jones/Butcher algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    weekday_shift = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday_shift) // 451
    month, day = divmod(h + weekday_shift - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def dutch_public_holidays(year: int) -> frozenset[date]:
    easter = easter_sunday(year)
    kings_day = date(year, 4, 27)
    if kings_day.weekday() == 6:
        # Koningsdag moves to Saturday when 27 April is a Sunday.
        kings_day = date(year, 4, 26)
    return frozenset(
        {
            date(year, 1, 1),
            easter + timedelta(days=1),
            kings_day,
            date(year, 5, 5),
            easter + timedelta(days=39),
            easter + timedelta(days=50),
            date(year, 12, 25),
            date(year, 12, 26),
        }
    )


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in dutch_public_holidays(day.year)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    if end <= start:
        return 0
    # Whole weeks in one step, so a challenge that waited years costs no loop of years.
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    day = start + timedelta(days=weeks * 7)
    for _ in range(rest):
        day += timedelta(days=1)
        if day.weekday() < 5:
            count += 1
    holidays = sum(
        1
        for year in range(start.year, end.year + 1)
        for holiday in dutch_public_holidays(year)
        if start < holiday <= end and holiday.weekday() < 5
    )
    return count - holidays
