from django.urls import reverse

from samenspel.coalitions import services
from samenspel.coalitions.models import ChallengeNeeds, Membership
from samenspel.organisation.models import Partner, Skill


def test_team_sets_the_needs_with_the_form(org, client):
    client.force_login(org.team.user)
    groen = Skill.objects.get(name="groen")

    client.post(
        reverse("coalitions:needs", args=[org.challenge.pk]),
        {
            "skill_0": groen.pk,
            "weight_0": "5",
            "hours_per_member": "3",
            "min_size": "2",
            "max_size": "3",
            "max_per_department": "1",
            "partner_kinds": ["school"],
        },
    )

    needs = ChallengeNeeds.objects.get(challenge=org.challenge)
    assert [(n.skill.name, n.weight) for n in needs.skills.all()] == [("groen", 5)]
    assert needs.hours_per_member == 3
    assert needs.partner_kinds == ["school"]


def test_malformed_needs_are_refused_with_a_message_and_nothing_changes(org, client):
    client.force_login(org.team.user)

    page = client.post(
        reverse("coalitions:needs", args=[org.challenge.pk]),
        {
            "skill_0": "x",
            "weight_0": "9",
            "hours_per_member": "veel",
            "min_size": "5",
            "max_size": "2",
            "max_per_department": "0",
        },
        follow=True,
    )

    assert page.status_code == 200
    assert "Uren per week per lid" in page.content.decode()
    assert ChallengeNeeds.objects.get(challenge=org.challenge).skills.count() == 3


def test_swap_replaces_one_member_by_a_candidate_in_the_same_role(org, client):
    services.coalition_propose(challenge=org.challenge, actor=org.team.user)
    gardener = Membership.objects.get(employee=org.gardener)
    client.force_login(org.team.user)

    client.post(
        reverse("coalitions:swap", args=[org.challenge.pk]),
        {"membership": gardener.pk, "candidate": org.social_b.pk},
    )

    gardener.refresh_from_db()
    assert gardener.status == Membership.Status.REMOVED
    new = Membership.objects.get(employee=org.social_b)
    assert (new.status, new.role) == (Membership.Status.PROPOSED, Membership.Role.MEMBER)
    assert new.reason.startswith("toegevoegd door het team")


def test_partner_is_added_from_the_register_with_the_wanted_type_as_reason(org, client):
    council = Partner.objects.create(name="Dorpsraad Almkerk", kind="village_council")
    client.force_login(org.team.user)

    client.post(reverse("coalitions:partner", args=[org.challenge.pk]), {"partner": council.pk})

    membership = Membership.objects.get(partner=council)
    assert membership.role == Membership.Role.PARTNER
    assert "gevraagde soort partner: dorpsraad" in membership.reason


def test_wanted_partner_types_are_suggested_first(org, client):
    Partner.objects.create(name="Aquaverein", kind="association")
    Partner.objects.create(name="Dorpsraad Almkerk", kind="village_council")
    client.force_login(org.team.user)

    page = client.get(reverse("coalitions:detail", args=[org.challenge.pk]))

    choices = [label for _value, label in page.context["partner_form"].fields["partner"].choices]
    assert choices[1].startswith("Dorpsraad Almkerk")


def test_partner_contact_is_shown_and_logged_only_for_roles_that_need_it(org, client):
    from samenspel.audit.models import AuditLogEntry

    partner = Partner.objects.create(
        name="Woonlinie", kind="housing", contact_name="Piet de Wit", contact_email="piet@x.nl"
    )
    url = reverse("organisation:partner_detail", args=[partner.pk])
    client.force_login(org.gardener.user)
    employee_page = client.get(url).content.decode()
    client.force_login(org.team.user)
    team_page = client.get(url).content.decode()

    assert "Piet de Wit" not in employee_page
    assert "Piet de Wit" in team_page
    assert AuditLogEntry.objects.filter(object_type="partner_contact").count() == 1


def test_partner_register_lists_past_coalitions_without_contact_persons(org, client):
    partner = Partner.objects.create(
        name="Woonlinie", kind="housing", contact_name="Piet de Wit", contact_email="piet@x.nl"
    )
    services.partner_add(challenge=org.challenge, partner=partner, actor=org.team.user)
    services.coalition_propose(challenge=org.challenge, actor=org.team.user)
    services.coalition_send_invitations(challenge=org.challenge, actor=org.team.user)
    services.membership_respond(membership=Membership.objects.get(partner=partner), accept=True)
    client.force_login(org.team.user)

    listing = client.get(reverse("organisation:partners"))
    detail = client.get(reverse("organisation:partner_detail", args=[partner.pk]))

    assert "Piet de Wit" not in listing.content.decode()
    assert listing.context["partners"].get(pk=partner.pk).coalition_count == 1
    assert "Wateroverlast in de Dorpsstraat" in detail.content.decode()
