import pytest
from django.urls import reverse

from samenspel.accounts.roles import Role
from samenspel.audit.models import AuditLogEntry
from samenspel.audit.services import audit_personal_data_read
from samenspel.notifications.models import OutboxMessage
from samenspel.notifications.services import outbox_enqueue
from samenspel.organisation.models import Department, Employee, EmployeeSkill, Skill

CHANGELISTS = [
    "admin:places_kern_changelist",
    "admin:organisation_department_changelist",
    "admin:organisation_employee_changelist",
    "admin:organisation_skill_changelist",
    "admin:organisation_partner_changelist",
    "admin:notifications_outboxmessage_changelist",
    "admin:audit_auditlogentry_changelist",
    "admin:accounts_user_changelist",
]
OTHER_ROLES = [role for role in Role if role != Role.ADMINISTRATOR]


@pytest.fixture
def admin_client(client, users):
    client.force_login(users[Role.ADMINISTRATOR])
    return client


@pytest.mark.parametrize("url_name", ["admin:index", *CHANGELISTS])
def test_administrator_can_open_the_admin_page(admin_client, url_name):
    response = admin_client.get(reverse(url_name))

    assert response.status_code == 200


@pytest.mark.parametrize("role", OTHER_ROLES)
@pytest.mark.parametrize("url_name", ["admin:index", *CHANGELISTS])
def test_other_roles_are_sent_to_the_admin_login(client, users, role, url_name):
    client.force_login(users[role])

    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


@pytest.mark.parametrize("url_name", ["admin:index", *CHANGELISTS])
def test_anonymous_visitor_is_sent_to_the_admin_login(client, db, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_administrator_adds_a_kern(admin_client):
    response = admin_client.post(
        reverse("admin:places_kern_add"),
        {"name": "Giessen", "slug": "giessen", "population": "1800"},
    )

    assert response.status_code == 302
    assert admin_client.get(reverse("admin:places_kern_changelist")).content.count(b"Giessen")


def test_employee_page_shows_the_skills_inline(admin_client, users):
    employee = Employee.objects.get(user=users[Role.EMPLOYEE])
    skill = Skill.objects.create(name="Procesbegeleiding")
    EmployeeSkill.objects.create(employee=employee, skill=skill, level=EmployeeSkill.Level.EXPERT)

    response = admin_client.get(reverse("admin:organisation_employee_change", args=[employee.pk]))

    assert response.status_code == 200
    assert b"Procesbegeleiding" in response.content


def test_department_list_counts_employees(admin_client, users):
    department = Department.objects.get(slug="openbare-ruimte")

    response = admin_client.get(reverse("admin:organisation_department_changelist"))

    assert department.employees.count() == len(Role)
    assert f">{len(Role)}<".encode() in response.content


def test_audit_log_entry_cannot_be_added(admin_client):
    response = admin_client.get(reverse("admin:audit_auditlogentry_add"))

    assert response.status_code == 403


def test_audit_log_entry_cannot_be_deleted(admin_client, users):
    audit_personal_data_read(
        actor=users[Role.AREA_DIRECTOR], object_type="reporter", object_ids=[7]
    )
    entry = AuditLogEntry.objects.get()

    changelist = admin_client.get(reverse("admin:audit_auditlogentry_changelist"))
    admin_client.post(
        reverse("admin:audit_auditlogentry_changelist"),
        {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"},
    )
    delete_page = admin_client.get(reverse("admin:audit_auditlogentry_delete", args=[entry.pk]))

    assert b"delete_selected" not in changelist.content
    assert delete_page.status_code == 403
    assert AuditLogEntry.objects.filter(pk=entry.pk).exists()


def test_audit_entry_page_is_read_only(admin_client, users):
    audit_personal_data_read(
        actor=users[Role.AREA_DIRECTOR], object_type="reporter", object_ids=[7], detail="inbox"
    )
    entry = AuditLogEntry.objects.get()
    url = reverse("admin:audit_auditlogentry_change", args=[entry.pk])

    page = admin_client.get(url)
    admin_client.post(url, {"detail": "weggepoetst", "action": "x"})

    assert page.status_code == 200
    assert b'name="detail"' not in page.content
    entry.refresh_from_db()
    assert entry.detail == "inbox"


def test_outbox_message_cannot_be_edited(admin_client, db):
    message = outbox_enqueue(
        to="melder@example.nl",
        subject="Onderwerp",
        template="notifications/email/message.txt",
        context={"text": "Tekst"},
    )

    page = admin_client.get(reverse("admin:notifications_outboxmessage_change", args=[message.pk]))
    add = admin_client.get(reverse("admin:notifications_outboxmessage_add"))

    assert page.status_code == 200
    assert b'name="to"' not in page.content
    assert add.status_code == 403


def test_resend_action_requeues_failed_messages_only(admin_client, db):
    failed, sent = (
        outbox_enqueue(
            to=f"{name}@example.nl",
            subject=name,
            template="notifications/email/message.txt",
            context={"text": name},
        )
        for name in ("mislukt", "verzonden")
    )
    OutboxMessage.objects.filter(pk=failed.pk).update(
        status=OutboxMessage.Status.FAILED, attempts=8
    )
    OutboxMessage.objects.filter(pk=sent.pk).update(status=OutboxMessage.Status.SENT)

    response = admin_client.post(
        reverse("admin:notifications_outboxmessage_changelist"),
        {"action": "requeue", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )

    failed.refresh_from_db()
    sent.refresh_from_db()
    assert (failed.status, failed.attempts) == (OutboxMessage.Status.PENDING, 0)
    assert sent.status == OutboxMessage.Status.SENT
    assert "1 bericht staat weer in de wachtrij." in response.content.decode()
    assert "1 bericht is overgeslagen" in response.content.decode()
