"""Every URL × every role: the expected status.

A URL pattern without an entry here fails the suite, so a new page cannot ship without
someone deciding who may open it. "Other" rows request another kern's or another
department's object to prove the object scoping, not just the role check.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge
from samenspel.challenges.services import challenge_create, challenge_transition
from samenspel.intake.tests.factories import AttachmentFactory, ReporterFactory, SignalFactory
from samenspel.organisation.tests.factories import DepartmentFactory, EmployeeFactory
from samenspel.places.tests.factories import KernFactory

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


@pytest.fixture
def world(db, make_user, settings, tmp_path):
    settings.SAMENSPEL_PRIVATE_MEDIA_ROOT = str(tmp_path / "private-media")
    own_dept = DepartmentFactory(name="Openbare Ruimte", slug="openbare-ruimte")
    other_dept = DepartmentFactory(name="Sociaal Domein", slug="sociaal-domein")
    users = {
        TEAM: make_user("team", TEAM, department=own_dept),
        AREA: make_user("regisseur", AREA, department=own_dept),
        EMP: make_user("medewerker", EMP, department=own_dept),
        MGR: make_user("manager", MGR, department=own_dept),
        ADMIN: make_user("beheerder", ADMIN, department=own_dept),
    }
    own_kern = KernFactory(name="Dussen", slug="dussen", area=users[AREA].employee)
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
    other_owner = EmployeeFactory(department=other_dept)
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
    }
    return users, objects


POST_DATA = {
    "intake:dismiss": {"reason": "Dubbele melding, al bekend."},
    "challenges:transition": {"to": "on_hold", "reason": "Wacht op budget."},
    "challenges:public_update": {"text": "We gaan in januari aan de slag."},
    "challenges:note": {"text": "Gebeld met de dorpsraad."},
    "challenges:link_signals": {"signals": ""},
    "set_language": {"language": "en", "next": "/melden/"},
}


def _cases():
    for name, key, method, expected in MATRIX:
        for role in ROLES:
            yield pytest.param(name, key, method, role, expected[role], id=f"{name}-{key}-{role}")


@pytest.mark.parametrize(("name", "key", "method", "role", "status"), list(_cases()))
def test_role_gets_expected_status(client, world, name, key, method, role, status):
    users, objects = world
    if role != ANON:
        client.force_login(users[role])
    url = reverse(name, kwargs=objects[key] if key else None)
    data = POST_DATA.get(name, {})
    response = client.get(url) if method == "GET" else client.post(url, data)
    actual = response.status_code
    # A POST that succeeds redirects back to the page (Post/Redirect/Get): count it as 200.
    if method == "POST" and status == 200 and actual == 302:
        actual = 200
    assert actual == status, f"{role} {method} {url}: {response.status_code}"
