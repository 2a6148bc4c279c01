from django.urls import reverse

from samenspel.coalitions import services


def test_invitee_finds_the_invitation_on_the_coalitions_page(org, client):
    services.coalition_propose(challenge=org.challenge, actor=org.team.user)
    services.coalition_send_invitations(challenge=org.challenge, actor=org.team.user)
    client.force_login(org.planner.user)

    page = client.get(reverse("coalitions:index"))

    text = page.content.decode()
    assert "Mijn uitnodigingen" in text
    assert "Wateroverlast in de Dorpsstraat" in text
    assert "Ja, ik doe mee" in text


def test_employee_sees_no_coalitions_of_other_challenges(org, client):
    services.coalition_propose(challenge=org.challenge, actor=org.team.user)
    client.force_login(org.gardener.user)

    page = client.get(reverse("coalitions:index"))

    assert list(page.context["coalitions"]) == []


def test_people_page_lists_skills_and_hours_in_a_fixed_number_of_queries(
    org, client, django_assert_max_num_queries
):
    client.force_login(org.team.user)

    with django_assert_max_num_queries(12):
        page = client.get(reverse("organisation:index"), {"afdeling": "sociaal-domein"})

    text = page.content.decode()
    assert "Wijkcoach" in text
    assert "participatie (3)" in text
    assert "Hovenier" not in text


def test_coalition_page_reads_in_english(org, client):
    services.coalition_propose(challenge=org.challenge, actor=org.team.user)
    client.force_login(org.team.user)
    client.cookies["django_language"] = "en"

    page = client.get(
        reverse("coalitions:detail", args=[org.challenge.pk]), HTTP_ACCEPT_LANGUAGE="en"
    )

    text = page.content.decode()
    assert "Propose a coalition" in text
    assert "covers riolering (level 3)" in text
