"""Per-role access to the learning pages, including another department's manager."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from samenspel.accounts.roles import Role
from samenspel.learning.models import Enrolment
from samenspel.learning.services import enrolment_create
from samenspel.organisation.tests.factories import DepartmentFactory


@pytest.fixture
def people(make_user, department):
    other = DepartmentFactory(name="Sociaal Domein", slug="sociaal-domein")
    return {
        "participant": make_user("sanne", Role.EMPLOYEE, department=department),
        "colleague": make_user("bas", Role.EMPLOYEE, department=department),
        "manager": make_user("peter", Role.MANAGER, Role.EMPLOYEE, department=department),
        "other_manager": make_user("ilse", Role.MANAGER, Role.EMPLOYEE, department=other),
        "trainer": make_user("joost", Role.EMPLOYEE, department=other),
        "team": make_user("marloes", Role.DEVELOPMENT_TEAM),
        "administrator": make_user("kees", Role.ADMINISTRATOR),
    }


@pytest.fixture
def enrolment(people, make_cohort):
    cohort = make_cohort(first_in_days=-1, trainer=people["trainer"].employee)
    employee = people["participant"].employee
    # Enrolled before the start; the cohort is under way now, so attendance can be taken.
    return enrolment_create(
        cohort=cohort, employee=employee, actor=employee, now=timezone.now() - timedelta(days=5)
    )


ENROLMENT_VIEWERS = {"participant", "manager", "trainer", "team", "administrator"}
ATTENDANCE_TAKERS = {"trainer", "team", "administrator"}
RECORD_VIEWERS = {"manager", "other_manager", "team", "administrator"}


@pytest.mark.parametrize(
    "who",
    ["participant", "colleague", "manager", "other_manager", "trainer", "team", "administrator"],
)
def test_enrolment_record_is_visible_to_owner_manager_trainer_and_team(
    client, people, enrolment, who
):
    client.force_login(people[who])
    response = client.get(reverse("learning:enrolment", args=[enrolment.pk]))
    assert response.status_code == (200 if who in ENROLMENT_VIEWERS else 403)


@pytest.mark.parametrize(
    "who",
    ["participant", "colleague", "manager", "other_manager", "trainer", "team", "administrator"],
)
def test_attendance_is_taken_by_the_trainer_or_the_team(client, people, enrolment, who):
    client.force_login(people[who])
    session = enrolment.cohort.sessions.first()
    response = client.get(reverse("learning:attendance", args=[session.pk]))
    assert response.status_code == (200 if who in ATTENDANCE_TAKERS else 403)


@pytest.mark.parametrize(
    "who",
    ["participant", "colleague", "manager", "other_manager", "trainer", "team", "administrator"],
)
def test_records_overview_is_for_managers_and_the_team(client, people, enrolment, who):
    client.force_login(people[who])
    response = client.get(reverse("learning:records"))
    assert response.status_code == (200 if who in RECORD_VIEWERS else 403)


def test_manager_sees_only_their_own_departments_records(client, people, enrolment):
    client.force_login(people["other_manager"])
    assert "Sanne" not in client.get(reverse("learning:records")).content.decode()
    client.force_login(people["manager"])
    assert "Sanne" in client.get(reverse("learning:records")).content.decode()


def test_anonymous_visitor_is_sent_to_the_login(client, enrolment):
    response = client.get(reverse("learning:index"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_manager_enrols_an_employee_of_their_department(client, people, make_cohort):
    cohort = make_cohort()
    client.force_login(people["manager"])
    response = client.post(
        reverse("learning:enrol", args=[cohort.pk]), {"employee": people["colleague"].employee.pk}
    )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(employee=people["colleague"].employee)
    assert enrolment.enrolled_by == Enrolment.EnrolledBy.MANAGER


def test_other_departments_manager_cannot_enrol_someone_else(client, people, make_cohort):
    cohort = make_cohort()
    client.force_login(people["other_manager"])
    response = client.post(
        reverse("learning:enrol", args=[cohort.pk]), {"employee": people["colleague"].employee.pk}
    )
    assert response.status_code == 400
    assert "Kies een medewerker van uw eigen afdeling." in response.content.decode()
    assert not Enrolment.objects.exists()


def test_only_the_participant_evaluates(client, people, enrolment):
    session = enrolment.cohort.sessions.first()
    url = reverse("learning:evaluate_session", args=[enrolment.pk, session.pk])
    for who in ("manager", "trainer", "team"):
        client.force_login(people[who])
        assert client.post(url, {"score": "5"}).status_code == 403


def test_other_departments_manager_cannot_cancel_an_enrolment(client, people, enrolment):
    client.force_login(people["other_manager"])
    response = client.post(reverse("learning:cancel", args=[enrolment.pk]))
    assert response.status_code == 403
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.ENROLLED
