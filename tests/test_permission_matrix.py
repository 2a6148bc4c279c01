"""Every URL × every role: the expected status.

A URL pattern without an entry here fails the suite, so a new page cannot ship without
someone deciding who may open it. "Other" rows request another kern's or another
department's object to prove the object scoping, not just the role check.
"""

from datetime import time, timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from samenspel.accounts.models import User
from samenspel.accounts.roles import Role
from samenspel.challenges import services as challenge_services
from samenspel.challenges.models import Challenge, PriorityCriterion
from samenspel.challenges.services import challenge_create, challenge_transition
from samenspel.challenges.tests.factories import ChallengeFactory
from samenspel.coalitions import services as coalition_services
from samenspel.coalitions.models import Membership
from samenspel.intake.tests.factories import AttachmentFactory, ReporterFactory, SignalFactory
from samenspel.knowledge.tests.factories import make_challenge, make_lesson, make_tool
from samenspel.learning import services as learning_services
from samenspel.organisation.models import Employee, Partner, Skill
from samenspel.organisation.tests.factories import DepartmentFactory, EmployeeFactory
from samenspel.participation import services as participation_services
from samenspel.participation.tests.conftest import write_complete_advice
from samenspel.places.tests.factories import KernFactory
from samenspel.similarity import services as similarity_services
from samenspel.similarity.index_store import store as similarity_store

ANON = "anonymous"
TEAM, AREA, EMP, MGR, ADMIN = (
    Role.DEVELOPMENT_TEAM,
    Role.AREA_DIRECTOR,
    Role.EMPLOYEE,
    Role.MANAGER,
    Role.ADMINISTRATOR,
)
ROLES = (ANON, TEAM, AREA, EMP, MGR, ADMIN)
LOGIN = 302  # anonymous users are sent to the log-in page


def everyone(status: int) -> dict:
    return dict.fromkeys(ROLES, status)


SHORT = {"team": TEAM, "area": AREA, "emp": EMP, "mgr": MGR, "admin": ADMIN}


ALL_STAFF = dict.fromkeys(SHORT, 200)
ALL_STAFF_404 = dict.fromkeys(SHORT, 404)


def staff(**statuses: int) -> dict:
    """Anonymous → log-in; the given roles (team, area, emp, mgr, admin) as stated; others 403."""
    expected = {ANON: LOGIN, **dict.fromkeys(SHORT.values(), 403)}
    for short, status in statuses.items():
        expected[SHORT[short]] = status
    return expected


# (url name, object key for the kwargs, method, expected status per role)
MATRIX = [
    ("intake:home", None, "GET", everyone(302)),
    ("intake:report", None, "GET", everyone(200)),
    ("intake:receipt", "receipt", "GET", everyone(200)),
    ("intake:receipt", "unknown_token", "GET", everyone(404)),
    ("intake:follow", "follow", "GET", everyone(200)),
    ("intake:follow", "unknown_token", "GET", everyone(404)),
    ("intake:inbox", None, "GET", staff(team=200, area=200, admin=200)),
    (
        "intake:staff_create",
        None,
        "GET",
        staff(team=200, area=200, emp=200, mgr=200, admin=200),
    ),
    ("intake:link", None, "POST", staff(team=200, area=200, admin=200)),
    # Own kern: area director sees it; employees and managers have no triage scope (404).
    (
        "intake:signal_detail",
        "signal_own_kern",
        "GET",
        staff(team=200, area=200, emp=404, mgr=404, admin=200),
    ),
    (
        "intake:signal_detail",
        "signal_other_kern",
        "GET",
        staff(team=200, area=404, emp=404, mgr=404, admin=200),
    ),
    # The owner of the linked challenge (the employee) may open its signals.
    (
        "intake:signal_detail",
        "signal_owned",
        "GET",
        staff(team=200, area=404, emp=200, mgr=404, admin=200),
    ),
    (
        "intake:dismiss",
        "signal_own_kern",
        "POST",
        staff(team=200, area=200, admin=200),
    ),
    (
        "intake:dismiss",
        "signal_other_kern",
        "POST",
        staff(team=200, area=404, admin=200),
    ),
    (
        "intake:photo",
        "photo_own_kern",
        "GET",
        staff(team=200, area=200, emp=404, mgr=404, admin=200),
    ),
    (
        "intake:photo",
        "photo_other_kern",
        "GET",
        staff(team=200, area=404, emp=404, mgr=404, admin=200),
    ),
    (
        "challenges:board",
        None,
        "GET",
        staff(team=200, area=200, emp=200, mgr=200, admin=200),
    ),
    (
        "challenges:create",
        None,
        "GET",
        staff(team=200, area=200, admin=200),
    ),
    (
        "challenges:detail",
        "challenge_own_dept",
        "GET",
        staff(team=200, area=200, emp=200, mgr=200, admin=200),
    ),
    (
        "challenges:detail",
        "challenge_missing",
        "GET",
        staff(team=404, area=404, emp=404, mgr=404, admin=404),
    ),
    # Change rights: the team, administrators, the owner (employee) and the owner
    # department's manager; the manager of another department may not.
    (
        "challenges:edit",
        "challenge_own_dept",
        "GET",
        staff(team=200, area=403, emp=200, mgr=200, admin=200),
    ),
    (
        "challenges:edit",
        "challenge_other_dept",
        "GET",
        staff(team=200, area=403, emp=403, mgr=403, admin=200),
    ),
    (
        "challenges:transition",
        "challenge_own_dept",
        "POST",
        staff(team=200, area=403, emp=200, mgr=200, admin=200),
    ),
    (
        "challenges:transition",
        "challenge_other_dept",
        "POST",
        staff(team=200, area=403, emp=403, mgr=403, admin=200),
    ),
    (
        "challenges:public_update",
        "challenge_other_dept",
        "POST",
        staff(team=200, area=403, emp=403, mgr=403, admin=200),
    ),
    (
        "challenges:note",
        "challenge_other_dept",
        "POST",
        staff(team=200, area=200, emp=403, mgr=403, admin=200),
    ),
    (
        "challenges:link_signals",
        "challenge_other_dept",
        "POST",
        staff(team=200, area=200, emp=403, mgr=403, admin=200),
    ),
    ("challenges:public_list", None, "GET", everyone(200)),
    ("challenges:public_detail", "challenge_own_dept", "GET", everyone(200)),
    ("challenges:public_detail", "challenge_other_dept", "GET", everyone(404)),
    (
        "challenges:score",
        "challenge_own_dept",
        "GET",
        staff(team=200, admin=200),
    ),
    # An empty score form is answered with the form again, never a 500.
    (
        "challenges:score",
        "challenge_other_dept",
        "POST",
        staff(team=200, admin=200),
    ),
    (
        "challenges:score",
        "challenge_missing",
        "GET",
        staff(team=404, admin=404),
    ),
    # Everyone reads why a challenge ranks where it does; only triage re-weighs.
    (
        "challenges:criteria",
        None,
        "GET",
        staff(team=200, area=200, emp=200, mgr=200, admin=200),
    ),
    ("challenges:criteria", None, "POST", staff(team=200, admin=200)),
    ("challenges:criterion_create", None, "GET", staff(team=200, admin=200)),
    ("challenges:criterion_edit", "criterion", "GET", staff(team=200, admin=200)),
    ("challenges:criterion_edit", "criterion_missing", "GET", staff(team=404, admin=404)),
    # Coalitions: the team builds; the owner and the owner department's manager adjust.
    (
        "coalitions:index",
        None,
        "GET",
        staff(team=200, area=200, emp=200, mgr=200, admin=200),
    ),
    (
        "coalitions:detail",
        "challenge_own_dept",
        "GET",
        staff(team=200, emp=200, mgr=200, admin=200),
    ),
    ("coalitions:detail", "challenge_other_dept", "GET", staff(team=200, admin=200)),
    ("coalitions:needs", "challenge_own_dept", "POST", staff(team=200, admin=200)),
    ("coalitions:propose", "challenge_own_dept", "POST", staff(team=200, admin=200)),
    ("coalitions:invite", "challenge_own_dept", "POST", staff(team=200, admin=200)),
    ("coalitions:refill", "challenge_own_dept", "POST", staff(team=200, admin=200)),
    (
        "coalitions:add",
        "challenge_own_dept",
        "POST",
        staff(team=200, emp=200, mgr=200, admin=200),
    ),
    ("coalitions:add", "challenge_other_dept", "POST", staff(team=200, admin=200)),
    (
        "coalitions:remove",
        "challenge_own_dept",
        "POST",
        staff(team=200, emp=200, mgr=200, admin=200),
    ),
    ("coalitions:remove", "challenge_other_dept", "POST", staff(team=200, admin=200)),
    (
        "coalitions:swap",
        "challenge_own_dept",
        "POST",
        staff(team=200, emp=200, mgr=200, admin=200),
    ),
    ("coalitions:swap", "challenge_other_dept", "POST", staff(team=200, admin=200)),
    (
        "coalitions:partner",
        "challenge_own_dept",
        "POST",
        staff(team=200, emp=200, mgr=200, admin=200),
    ),
    ("coalitions:partner", "challenge_other_dept", "POST", staff(team=200, admin=200)),
    # Only the invitee answers their own invitation in the app.
    ("coalitions:respond", "membership_invited_emp", "POST", staff(emp=200)),
    ("coalitions:respond", "membership_awaiting_own_dept", "POST", staff()),
    # Only the invitee's own manager approves a commitment above the threshold.
    ("coalitions:approval", "membership_awaiting_own_dept", "POST", staff(mgr=200)),
    ("coalitions:approval", "membership_awaiting_other_dept", "POST", staff()),
    ("coalitions:invitation", "invitation", "GET", everyone(200)),
    ("coalitions:invitation", "unknown_token", "GET", everyone(404)),
    # Insights: management information for the team, administrators and managers.
    ("insights:index", None, "GET", staff(team=200, mgr=200, admin=200)),
    ("insights:what_if", None, "GET", staff(team=200, mgr=200, admin=200)),
    ("insights:report_pdf", None, "GET", staff(team=200, mgr=200, admin=200)),
    ("insights:report_xlsx", None, "GET", staff(team=200, mgr=200, admin=200)),
    ("insights:report_ods", None, "GET", staff(team=200, mgr=200, admin=200)),
    # Knowledge: every colleague reads; the team and administrators write; owners keep
    # their own tool up to date.
    ("knowledge:index", None, "GET", staff(**ALL_STAFF)),
    ("knowledge:search", None, "GET", staff(**ALL_STAFF)),
    ("knowledge:lesson_detail", "lesson", "GET", staff(**ALL_STAFF)),
    (
        "knowledge:lesson_create",
        "done_challenge_owned_by_emp",
        "GET",
        staff(team=200, emp=200, admin=200),
    ),
    ("knowledge:lesson_create", "done_challenge_other_dept", "GET", staff(team=200, admin=200)),
    ("knowledge:tool_create", None, "GET", staff(team=200, admin=200)),
    ("knowledge:tool_detail", "tool_not_owned", "GET", staff(**ALL_STAFF)),
    ("knowledge:tool_edit", "tool_not_owned", "GET", staff(team=200, admin=200)),
    ("knowledge:tool_edit", "tool_owned_by_emp", "GET", staff(team=200, emp=200, admin=200)),
    ("knowledge:tool_review", "tool_not_owned", "POST", staff(team=200, admin=200)),
    (
        "knowledge:tool_review",
        "tool_owned_by_emp",
        "POST",
        staff(team=200, emp=200, admin=200),
    ),
    ("knowledge:tool_used", "tool_not_owned", "POST", staff(**ALL_STAFF)),
    ("knowledge:tool_attachment", "tool_attachment", "GET", staff(**ALL_STAFF)),
    # Learning: own record, the manager's department, the team and administrators all.
    ("learning:index", None, "GET", staff(**ALL_STAFF)),
    ("learning:records", None, "GET", staff(team=200, mgr=200, admin=200)),
    ("learning:cohort", "cohort", "GET", staff(**ALL_STAFF)),
    ("learning:cohort_ics", "cohort", "GET", staff(**ALL_STAFF)),
    ("learning:enrol", "cohort", "GET", staff(**ALL_STAFF)),
    # The trainer is from outside: the team records attendance for them.
    ("learning:attendance", "session", "GET", staff(team=200, admin=200)),
    (
        "learning:attendance",
        "session_trained_by_area",
        "GET",
        staff(team=200, area=200, admin=200),
    ),
    (
        "learning:enrolment",
        "enrolment_trained_by_area",
        "GET",
        staff(team=200, area=200, admin=200),
    ),
    (
        "learning:complete",
        "enrolment_trained_by_area",
        "POST",
        staff(team=200, area=200, admin=200),
    ),
    (
        "learning:enrolment",
        "enrolment_own_dept",
        "GET",
        staff(team=200, emp=200, mgr=200, admin=200),
    ),
    ("learning:enrolment", "enrolment_other_dept", "GET", staff(team=200, admin=200)),
    (
        "learning:cancel",
        "enrolment_own_dept",
        "POST",
        staff(team=200, emp=200, mgr=200, admin=200),
    ),
    ("learning:cancel", "enrolment_other_dept", "POST", staff(team=200, admin=200)),
    ("learning:complete", "enrolment_own_dept", "POST", staff(team=200, admin=200)),
    # The evaluation is the participant's own voice: nobody else fills it in.
    ("learning:evaluate_session", "enrolment_own_dept_session", "GET", staff(emp=200)),
    ("learning:evaluate_session", "enrolment_other_dept_session", "GET", staff()),
    ("learning:evaluate_final", "enrolment_own_dept", "GET", staff(emp=200)),
    ("learning:evaluate_final", "enrolment_other_dept", "GET", staff()),
    # Organisation: colleagues and partners for all staff; capacity per own department.
    ("organisation:index", None, "GET", staff(**ALL_STAFF)),
    ("organisation:employee_detail", "employee_own_dept", "GET", staff(**ALL_STAFF)),
    ("organisation:employee_detail", "employee_other_dept", "GET", staff(**ALL_STAFF)),
    # A manager lands on their own department (302); the team chooses one.
    ("organisation:capacity", None, "GET", staff(team=200, mgr=302, admin=200)),
    (
        "organisation:capacity_department",
        "department_own",
        "GET",
        staff(team=200, mgr=200, admin=200),
    ),
    ("organisation:capacity_department", "department_other", "GET", staff(team=200, admin=200)),
    ("organisation:partners", None, "GET", staff(**ALL_STAFF)),
    ("organisation:partner_detail", "partner", "GET", staff(**ALL_STAFF)),
    # Participation: drafts for the team and the requesting department, a given advice
    # for all staff; the team writes, the requesting department follows up.
    ("participation:index", None, "GET", staff(**ALL_STAFF)),
    ("participation:request", None, "GET", staff(team=200, emp=200, mgr=200, admin=200)),
    (
        "participation:detail",
        "advice_draft_own_dept",
        "GET",
        staff(team=200, emp=200, mgr=200, admin=200),
    ),
    ("participation:detail", "advice_draft_other_dept", "GET", staff(team=200, admin=200)),
    ("participation:detail", "advice_given_other_dept", "GET", staff(**ALL_STAFF)),
    ("participation:detail", "advice_missing", "GET", staff(**ALL_STAFF_404)),
    (
        "participation:print",
        "advice_draft_own_dept",
        "GET",
        staff(team=200, emp=200, mgr=200, admin=200),
    ),
    ("participation:print", "advice_draft_other_dept", "GET", staff(team=200, admin=200)),
    (
        "participation:pdf",
        "advice_draft_own_dept",
        "GET",
        staff(team=200, emp=200, mgr=200, admin=200),
    ),
    ("participation:pdf", "advice_draft_other_dept", "GET", staff(team=200, admin=200)),
    ("participation:edit", "advice_draft_own_dept", "GET", staff(team=200, admin=200)),
    ("participation:edit", "advice_draft_other_dept", "GET", staff(team=200, admin=200)),
    # An incomplete advice cannot be given: the team gets the page with the reason.
    ("participation:transition", "advice_draft_own_dept", "POST", staff(team=200, admin=200)),
    (
        "participation:transition",
        "advice_draft_other_dept",
        "POST",
        staff(team=200, admin=200),
    ),
    (
        "participation:follow_up",
        "advice_draft_own_dept",
        "POST",
        staff(emp=200, mgr=200, admin=200),
    ),
    ("participation:follow_up", "advice_given_other_dept", "POST", staff(admin=200)),
    ("intake:report_suggestions", None, "GET", everyone(200)),
    # Grouping the backlog is triage; "lijkt op" in the inbox is for whoever triages.
    ("similarity:index", None, "GET", staff(team=200, admin=200)),
    ("similarity:inbox", None, "GET", staff(team=200, area=200, admin=200)),
    ("similarity:refresh", None, "POST", staff(team=200, admin=200)),
    ("similarity:accept", "proposal", "POST", staff(team=200, admin=200)),
    ("similarity:accept", "proposal_missing", "POST", staff(team=404, admin=404)),
    ("similarity:split", "proposal", "POST", staff(team=200, admin=200)),
    ("similarity:merge", "proposal", "POST", staff(team=200, admin=200)),
    ("accounts:login", None, "GET", everyone(200)),
    ("accounts:logout", None, "POST", everyone(302)),
    ("set_language", None, "POST", everyone(302)),
    ("admin:index", None, "GET", {**everyone(302), ADMIN: 200}),
]


def _url_names(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                yield "admin:index"
                continue
            yield from _url_names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_an_entry_in_the_matrix():
    covered = {name for name, *_ in MATRIX}
    missing = sorted(set(_url_names(get_resolver().url_patterns)) - covered)
    assert missing == [], f"URLs without a row in the permission matrix: {missing}"


HOURS = Decimal("8")


def _priority_objects() -> dict:
    challenge_services.criteria_ensure_defaults()
    criterion = PriorityCriterion.objects.order_by("pk").first()
    return {
        "criterion": {"criterion_pk": criterion.pk},
        "criterion_missing": {"criterion_pk": criterion.pk + 1000},
    }


def _coalition_objects(challenge, users, own_dept, other_dept) -> dict:
    """The employee invited; a colleague of each department waiting for their manager."""
    team = users[TEAM]
    skill = Skill.objects.create(name="participatie")
    coalition_services.needs_save(
        challenge=challenge,
        actor=team,
        # Above the approval threshold, so a yes waits for the manager.
        hours_per_member=Decimal("6"),
        min_size=1,
        max_size=4,
        max_per_department=2,
        skills={skill: 2},
    )
    colleague_own = EmployeeFactory(department=own_dept, weekly_hours_available=HOURS)
    colleague_other = EmployeeFactory(department=other_dept, weekly_hours_available=HOURS)
    memberships = {
        employee.pk: coalition_services.membership_add(
            challenge=challenge, employee=employee, role="member", actor=team
        )
        for employee in (users[EMP].employee, colleague_own, colleague_other)
    }
    coalition_services.coalition_send_invitations(challenge=challenge, actor=team)
    awaiting = {
        employee: coalition_services.membership_respond(
            membership=memberships[employee.pk], accept=True
        )
        for employee in (colleague_own, colleague_other)
    }
    invited = Membership.objects.get(pk=memberships[users[EMP].employee.pk].pk)
    return {
        "membership_invited_emp": {"membership_id": invited.pk},
        "membership_awaiting_own_dept": {"membership_id": awaiting[colleague_own].pk},
        "membership_awaiting_other_dept": {"membership_id": awaiting[colleague_other].pk},
        "invitation": {"token": invited.response_token},
    }


def _knowledge_objects(users, other_owner) -> dict:
    team, employee = users[TEAM], users[EMP].employee
    done_own = make_challenge(owner=employee, owner_department=employee.department)
    done_other = make_challenge(owner=other_owner, owner_department=other_owner.department)
    lesson = make_lesson(actor=team, challenge=done_other)
    not_owned = make_tool(
        actor=team,
        owner=other_owner,
        attachment=SimpleUploadedFile("draaiboek.txt", b"Stap 1: buren uitnodigen.", "text/plain"),
    )
    owned = make_tool(actor=team, title="Straatgesprek", owner=employee)
    return {
        "done_challenge_owned_by_emp": {"challenge_pk": done_own.pk},
        "done_challenge_other_dept": {"challenge_pk": done_other.pk},
        "lesson": {"pk": lesson.pk},
        "tool_not_owned": {"pk": not_owned.pk},
        "tool_owned_by_emp": {"pk": owned.pk},
        "tool_attachment": {
            "pk": not_owned.pk,
            "attachment_pk": not_owned.attachments.get().pk,
        },
    }


def _learning_objects(users, other_dept) -> dict:
    programme = learning_services.programme_create(
        name="Het nieuwe samenspel",
        days=[(f"Dag {day}", "") for day in range(1, 5)],
    )
    first = timezone.localdate() + timedelta(days=14)

    def cohort_with(name, **trainer):
        return learning_services.cohort_create(
            programme=programme,
            name=name,
            sessions=[
                (first + timedelta(weeks=week), time(9, 0), time(16, 30), "Almkerk")
                for week in range(4)
            ],
            **trainer,
        )

    cohort = cohort_with("Groep 1", trainer_name="Trainer van buiten")
    # A colleague trains the second group: the trainer's rights follow the cohort, not a role.
    trained = cohort_with("Groep 2", trainer=users[AREA].employee)
    session = cohort.sessions.order_by("date").first()
    own = users[EMP].employee
    other = EmployeeFactory(department=other_dept)
    enrolments = {
        key: learning_services.enrolment_create(cohort=cohort, employee=person, actor=person)
        for key, person in (("own_dept", own), ("other_dept", other))
    }
    objects = {
        "cohort": {"pk": cohort.pk},
        "session": {"pk": session.pk},
        "session_trained_by_area": {"pk": trained.sessions.order_by("date").first().pk},
        "enrolment_trained_by_area": {
            "pk": learning_services.enrolment_create(cohort=trained, employee=other, actor=other).pk
        },
    }
    for key, enrolment in enrolments.items():
        objects[f"enrolment_{key}"] = {"pk": enrolment.pk}
        objects[f"enrolment_{key}_session"] = {"pk": enrolment.pk, "session_pk": session.pk}
    return objects


def _participation_objects(make_user, users, own_dept, other_dept) -> dict:
    team = users[TEAM]
    other_requester = make_user("medewerker_elders", EMP, department=other_dept)

    def advice(department, requester, title):
        challenge = ChallengeFactory(
            title=title, kind=Challenge.Kind.POLICY, owner_department=department
        )
        requested = participation_services.advice_request(
            actor=requester,
            challenge=challenge,
            question="Hoe betrekken we de kernen hierbij?",
            decision_date=timezone.localdate() + timedelta(days=90),
            deciding_body="council",
        )
        participation_services.advice_transition(advice=requested, to="in_progress", actor=team)
        return requested

    draft_own = advice(own_dept, users[EMP], "Omgevingsvisie")
    draft_other = advice(other_dept, other_requester, "Beleid mantelzorg")
    given_other = advice(other_dept, other_requester, "Beleid sportaccommodaties")
    write_complete_advice(given_other, team)
    participation_services.advice_transition(advice=given_other, to="given", actor=team)
    return {
        "advice_draft_own_dept": {"pk": draft_own.pk},
        "advice_draft_other_dept": {"pk": draft_other.pk},
        "advice_given_other_dept": {"pk": given_other.pk},
        "advice_missing": {"pk": given_other.pk + 1000},
    }


def _similarity_objects(users, kern) -> dict:
    """Two signals about the same broken street light: the backlog proposes them as a group."""
    SignalFactory(kern=kern, text="Lantaarnpaal in de Kerkstraat is kapot")
    SignalFactory(kern=kern, text="Straatverlichting Kerkstraat kapot, lantaarnpaal doet het niet")
    proposal_set = similarity_services.proposals_refresh(actor=users[TEAM])
    proposal = proposal_set.proposals.order_by("pk").first()
    assert proposal is not None, "the matrix needs one proposed group"
    return {
        "proposal": {"pk": proposal.pk},
        "proposal_missing": {"pk": proposal.pk + 1000},
    }


def _make_user(username: str, role: Role, *, department, **employee_fields):
    """A user with one role and their Employee, as the shared `make_user` fixture makes them.

    The shared fixture is function-scoped; the world below is built once per module.
    """
    user = User.objects.create_user(username=username, email=f"{username}@altena.test")
    user.groups.add(Group.objects.get_or_create(name=Role(role).value)[0])
    Employee.objects.create(
        user=user,
        name=username.title(),
        email=user.email,
        department=department,
        is_development_team=role == TEAM,
        is_manager=role == MGR,
        **employee_fields,
    )
    return user


@pytest.fixture(scope="module")
def _world(django_db_setup, django_db_blocker, tmp_path_factory):
    """Built once for the whole matrix and rolled back at the end.

    Every request runs in its own savepoint (see `_status_as`), so no row sees another's
    changes and building the world once per row (about 2 s each) is not needed.
    """
    private = tmp_path_factory.mktemp("private-media")
    with (
        django_db_blocker.unblock(),
        override_settings(
            SAMENSPEL_PRIVATE_MEDIA_ROOT=str(private),
            SAMENSPEL_SIMILARITY_INDEX_PATH=str(private / "similarity-index.npz"),
        ),
        transaction.atomic(),
    ):
        yield _build_world(_make_user)
        transaction.set_rollback(True)


@pytest.fixture
def world(db, _world):
    # The similarity index lives in memory: start each row from the database, not from what
    # an earlier (rolled back) request put in it.
    similarity_store.reset()
    yield _world
    similarity_store.reset()


def _build_world(make_user):
    own_dept = DepartmentFactory(name="Openbare Ruimte", slug="openbare-ruimte")
    other_dept = DepartmentFactory(name="Sociaal Domein", slug="sociaal-domein")
    users = {
        TEAM: make_user("team", TEAM, department=own_dept),
        AREA: make_user("regisseur", AREA, department=own_dept),
        # Hours to spare, so the employee can be invited into a coalition.
        EMP: make_user("medewerker", EMP, department=own_dept, weekly_hours_available=HOURS),
        MGR: make_user("manager", MGR, department=own_dept),
        ADMIN: make_user("beheerder", ADMIN, department=own_dept),
    }
    own_kern = KernFactory(name="Dussen", slug="dussen", area_director=users[AREA].employee)
    other_kern = KernFactory(name="Andel", slug="andel")
    signal_own = SignalFactory(kern=own_kern, reporter=ReporterFactory(wants_updates=True))
    signal_own.follow_token = "volg-mij"
    signal_own.save()
    signal_other = SignalFactory(kern=other_kern)
    signal_owned = SignalFactory(kern=other_kern)
    owner = users[EMP].employee
    team = users[TEAM]
    challenge_own = challenge_create(
        actor=team,
        title="Hardrijders in de Kerkstraat",
        owner_department=own_dept,
        owner=owner,
        signals=[signal_owned],
    )
    challenge_transition(challenge=challenge_own, to="exploring", actor=team)
    other_owner = EmployeeFactory(department=other_dept, weekly_hours_available=HOURS)
    challenge_other = challenge_create(
        actor=team,
        title="Zorgbuurthuis",
        owner_department=other_dept,
        owner=other_owner,
        is_public=False,
    )
    objects = {
        "receipt": {"token": signal_own.submission_token},
        "follow": {"token": "volg-mij"},
        "unknown_token": {"token": "bestaat-niet"},
        "signal_own_kern": {"pk": signal_own.pk},
        "signal_other_kern": {"pk": signal_other.pk},
        "signal_owned": {"pk": signal_owned.pk},
        "photo_own_kern": {
            "pk": signal_own.pk,
            "attachment_pk": AttachmentFactory(signal=signal_own).pk,
        },
        "photo_other_kern": {
            "pk": signal_other.pk,
            "attachment_pk": AttachmentFactory(signal=signal_other).pk,
        },
        "challenge_own_dept": {"pk": challenge_own.pk},
        "challenge_other_dept": {"pk": challenge_other.pk},
        "challenge_missing": {"pk": Challenge.objects.order_by("-pk").first().pk + 1000},
        **_priority_objects(),
        **_similarity_objects(users, own_kern),
        **_coalition_objects(challenge_own, users, own_dept, other_dept),
        **_knowledge_objects(users, other_owner),
        **_learning_objects(users, other_dept),
        **_participation_objects(make_user, users, own_dept, other_dept),
        "employee_own_dept": {"pk": owner.pk},
        "employee_other_dept": {"pk": other_owner.pk},
        "department_own": {"department_id": own_dept.pk},
        "department_other": {"department_id": other_dept.pk},
        "partner": {
            "pk": Partner.objects.create(name="Dorpsraad Dussen", kind="village_council").pk
        },
    }
    return users, objects


POST_DATA = {
    "intake:dismiss": {"reason": "Dubbele melding, al bekend."},
    "challenges:transition": {"to": "on_hold", "reason": "Wacht op budget."},
    "challenges:public_update": {"text": "We gaan in januari aan de slag."},
    "challenges:note": {"text": "Gebeld met de dorpsraad."},
    "challenges:link_signals": {"signals": ""},
    "set_language": {"language": "en", "next": "/melden/"},
    "coalitions:respond": {"answer": "accept"},
    "coalitions:approval": {"decision": "approve"},
    "participation:transition": {"status-to": "given"},
    "participation:follow_up": {
        "followup-followed": "yes",
        "followup-result": "De raad nam het advies over.",
    },
}


def _rows():
    for name, key, method, expected in MATRIX:
        yield pytest.param(name, key, method, expected, id=f"{name}-{key}-{method}")


def _status_as(user, method: str, url: str, data: dict) -> int | str:
    """One request as one user, rolled back afterwards so every role meets the same world."""
    client = Client()
    try:
        with transaction.atomic():
            if user is not None:
                client.force_login(user)
            response = client.get(url) if method == "GET" else client.post(url, data)
            transaction.set_rollback(True)
    except Exception as error:  # a 500 is a finding too: report it with the others
        return f"{type(error).__name__}: {error}"
    return response.status_code


# Building the world once per URL row (not once per role) keeps the run short; each role's
# request runs in its own savepoint, and the failure message still names every wrong role.
@pytest.mark.parametrize(("name", "key", "method", "expected"), list(_rows()))
def test_each_role_gets_the_expected_status(world, name, key, method, expected):
    users, objects = world
    url = reverse(name, kwargs=objects[key] if key else None)
    data = POST_DATA.get(name, {})
    wrong = []
    for role in ROLES:
        actual = _status_as(users.get(role), method, url, data)
        # A POST that succeeds redirects back to the page (Post/Redirect/Get): count it as 200.
        if method == "POST" and expected[role] == 200 and actual == 302:
            actual = 200
        if actual != expected[role]:
            wrong.append(f"{role} {method} {url}: {actual}, expected {expected[role]}")
    assert wrong == [], "\n".join(wrong)
