"""Lessons and tools built through the services, so that the search index is filled too."""

from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.challenges.workflow import Status
from samenspel.knowledge import services


def make_challenge(**fields):
    fields.setdefault("status", Status.DONE)
    return ChallengeFactory(**fields)


def make_lesson(*, actor, challenge=None, title="Samen beheren werkt", **fields):
    challenge = challenge or make_challenge()
    values = {
        "what_worked": "Vroeg met de dorpsraad om tafel.",
        "what_did_not": "De planning was te krap.",
        "next_time": "Eerder de kosten bespreken.",
    }
    values.update(fields)
    return services.lesson_create(challenge=challenge, actor=actor, title=title, **values)


def make_tool(*, actor, title="Buurtgesprek organiseren", body="Nodig de buren uit.", **fields):
    return services.tool_create(actor=actor, title=title, body=body, **fields)
