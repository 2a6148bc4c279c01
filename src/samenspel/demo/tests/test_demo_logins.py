import pytest
from django.urls import reverse

from samenspel.accounts.roles import Role, user_roles
from samenspel.demo.data import DEMO_LOGINS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def _log_in(client, username):
    return client.post(reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD})


@pytest.mark.parametrize(("username", "role"), DEMO_LOGINS)
def test_demo_user_logs_in_with_the_shared_password_and_reaches_the_work_page(
    demo, client, username, role
):
    response = _log_in(client, username)
    assert response.status_code == 302
    assert response.url == reverse("challenges:board")
    assert client.get(response.url).status_code == 200
    assert Role(role) in user_roles(response.wsgi_request.user)


def test_beheerder_reaches_the_admin(demo, client):
    _log_in(client, "beheerder")
    assert client.get("/beheer/").status_code == 200


def test_demo_users_are_linked_to_employees_of_the_right_kind(demo, django_user_model):
    users = {u.username: u for u in django_user_model.objects.select_related("employee")}
    assert users["team"].employee.is_development_team
    assert users["regisseur"].employee.kernen.count() >= 7
    assert users["manager"].employee.is_manager
    assert users["manager"].employee.department.name == "Openbare Ruimte"
    assert users["medewerker"].employee.owned_challenges.exists()


def test_colleagues_without_a_demo_login_cannot_log_in(demo, client, django_user_model):
    colleague = django_user_model.objects.exclude(
        username__in=[username for username, _role in DEMO_LOGINS]
    ).first()
    response = _log_in(client, colleague.username)
    assert response.status_code == 200  # the form again, with an error
    assert not response.wsgi_request.user.is_authenticated
