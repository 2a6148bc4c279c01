"""The completion rule of the learning programme, as plain Python (no Django).

A participant completes the programme when attendance has been recorded for every session
of their cohort, none of it is "absent", and at most one session is "excused" (the
programme builds from day to day, so missing more than one day means missing the thread).
The trainer may also declare completion, for example when someone made up a missed day in
another cohort; that decision is stored separately and overrides this rule.
"""

from collections.abc import Iterable

PRESENT = "present"
ABSENT = "absent"
EXCUSED = "excused"
MAX_EXCUSED = 1


def meets_completion_rule(statuses: Iterable[str | None]) -> bool:
    """`statuses` holds one entry per session of the cohort: its attendance, or None."""
    statuses = list(statuses)
    if not statuses or any(status is None for status in statuses):
        return False
    if any(status not in (PRESENT, ABSENT, EXCUSED) for status in statuses):
        return False
    if ABSENT in statuses:
        return False
    excused = statuses.count(EXCUSED)
    return excused <= MAX_EXCUSED and excused < len(statuses)
