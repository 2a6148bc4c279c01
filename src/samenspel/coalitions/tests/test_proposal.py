from samenspel.coalitions import recommender, services
from samenspel.coalitions.models import Coalition, Membership


def test_proposal_stores_the_team_with_reasons_and_the_solver(org):
    result = services.coalition_propose(challenge=org.challenge, actor=org.team.user)

    coalition = Coalition.objects.get(challenge=org.challenge)
    memberships = {m.employee: m for m in coalition.memberships.all()}
    assert result.solver == recommender.SOLVER_OPTIMAL
    assert coalition.last_solver == recommender.SOLVER_OPTIMAL
    # Worked by hand: riolering 3 (owner), participatie 3 and groen 3 cover every need at the
    # top level; the fourth place goes to a newcomer (100 points), and of the equal
    # newcomers the one with the earliest id wins the tie.
    assert set(memberships) == {org.owner, org.social_a, org.planner, org.gardener}
    assert memberships[org.owner].role == Membership.Role.OWNER
    assert all(m.status == Membership.Status.PROPOSED for m in memberships.values())
    assert "dekt riolering (niveau 3)" in memberships[org.owner].reason
    assert "nog niet eerder in een coalitie" in memberships[org.social_a].reason
    assert memberships[org.planner].hours_per_week == 2


def test_new_proposal_replaces_the_old_one_and_leaves_out_removed_colleagues(org):
    services.coalition_propose(challenge=org.challenge, actor=org.team.user)
    planner = Membership.objects.get(employee=org.planner)
    services.membership_remove(membership=planner, actor=org.team.user)

    services.coalition_propose(challenge=org.challenge, actor=org.team.user)

    open_members = set(
        Membership.objects.filter(status=Membership.Status.PROPOSED).values_list(
            "employee", flat=True
        )
    )
    assert org.planner.pk not in open_members
    assert org.gardener.pk in open_members
    assert Membership.objects.filter(employee=org.owner).count() == 1


def test_proposal_without_an_owner_department_explains_what_to_do(org):
    org.challenge.owner_department = None
    org.challenge.save()

    try:
        services.coalition_propose(challenge=org.challenge, actor=org.team.user)
    except services.ValidationError as error:
        assert "afdeling die eigenaar is" in error.messages[0]
    else:
        raise AssertionError("a proposal without owner department must be refused")


def test_infeasible_proposal_gives_the_recommenders_dutch_explanation(org):
    for employee in (org.owner, org.gardener, org.manager.employee, org.admin.employee):
        employee.weekly_hours_available = 1
        employee.save()

    try:
        services.coalition_propose(challenge=org.challenge, actor=org.team.user)
    except services.ValidationError as error:
        assert "Niemand van de eigenaarsafdeling" in error.messages[0]
    else:
        raise AssertionError("an infeasible case must be refused")
    assert not Membership.objects.exists()
