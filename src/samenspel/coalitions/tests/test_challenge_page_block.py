"""The coalition block on the challenge page counts what members committed and what is open."""

import re

from django.urls import reverse

from samenspel.coalitions import services
from samenspel.coalitions.models import ACTIVE_STATUSES, Membership


def _block(client, challenge) -> str:
    html = client.get(reverse("challenges:detail", args=[challenge.pk])).content.decode()
    start = html.index('id="coalitie"')
    return re.sub(r"\s+", " ", html[start : html.index("</section>", start)])


def test_block_counts_accepted_and_open_places_and_follows_changes(org, client):
    client.force_login(org.team.user)
    assert "0 leden hebben toegezegd" in _block(client, org.challenge)
    services.coalition_propose(challenge=org.challenge, actor=org.team.user)
    memberships = Membership.objects.filter(coalition__challenge=org.challenge)
    proposed = memberships.filter(status__in=ACTIVE_STATUSES).count()
    assert proposed > 1
    block = _block(client, org.challenge)
    assert "0 leden hebben toegezegd" in block
    assert f"{proposed} plaatsen in het voorstel" in block
    first = memberships.filter(status__in=ACTIVE_STATUSES).first()
    first.status = Membership.Status.ACCEPTED
    first.save(update_fields=["status"])  # as the services write it
    block = _block(client, org.challenge)
    assert "1 lid heeft toegezegd" in block
    # An accepted member still holds a place in the proposal.
    still_open = memberships.filter(status__in=ACTIVE_STATUSES).count()
    assert f"· {still_open} plaatsen in het voorstel" in block
