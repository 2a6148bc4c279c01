"""Tools: written by the team, reviewed by their owner, attachments private, usage recorded."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from freezegun import freeze_time

from samenspel.accounts.roles import Role
from samenspel.knowledge.models import Tool, ToolAttachment, ToolUsage
from samenspel.organisation.models import Employee

from .factories import make_tool

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.SAMENSPEL_PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.SAMENSPEL_PRIVATE_MEDIA_ROOT


def _tool_form(**fields):
    data = {
        "token": "tool-token",
        "title": "Checklist bewonersavond",
        "summary": "",
        "body": "1. Zaal\n2. Koffie",
        "tags": "participatie, Avond, avond",
        "owner": "",
    }
    data.update(fields)
    return data


def test_team_member_writes_a_tool_and_becomes_its_owner(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.post(reverse("knowledge:tool_create"), _tool_form(), follow=True)
    html = response.content.decode()
    assert "Het handvat is opgeslagen." in html
    tool = Tool.objects.get()
    assert tool.owner == Employee.objects.get(user=users[Role.DEVELOPMENT_TEAM])
    assert tool.last_reviewed == date.today()
    assert sorted(t.name for t in tool.tags.all()) == ["Avond", "participatie"]
    assert "<li>Zaal</li>" in html


def test_resent_tool_form_stores_one_tool(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    client.post(reverse("knowledge:tool_create"), _tool_form())
    client.post(reverse("knowledge:tool_create"), _tool_form())
    assert Tool.objects.count() == 1


def test_tool_without_body_is_refused_in_dutch(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    response = client.post(reverse("knowledge:tool_create"), _tool_form(body=""))
    assert response.status_code == 400
    assert "Schrijf de inhoud van het handvat." in response.content.decode()
    assert Tool.objects.count() == 0


def test_tool_turns_stale_after_the_configured_number_of_days(users, settings):
    settings.SAMENSPEL_TOOL_REVIEW_DAYS = 30
    with freeze_time("2025-01-01"):
        tool = make_tool(actor=users[Role.DEVELOPMENT_TEAM])
    with freeze_time("2025-01-31"):
        assert not tool.is_stale
    with freeze_time("2025-02-01"):
        assert tool.is_stale


def test_review_period_defaults_to_a_year(users, settings):
    del settings.SAMENSPEL_TOOL_REVIEW_DAYS
    with freeze_time("2024-01-01"):
        tool = make_tool(actor=users[Role.DEVELOPMENT_TEAM])
    assert tool.review_due == date(2024, 1, 1) + timedelta(days=365)


def test_stale_tool_is_flagged_on_the_index_and_its_page(client, users, settings):
    settings.SAMENSPEL_TOOL_REVIEW_DAYS = 10
    tool = make_tool(actor=users[Role.DEVELOPMENT_TEAM], title="Oude checklist")
    Tool.objects.filter(pk=tool.pk).update(last_reviewed=date.today() - timedelta(days=11))
    client.force_login(users[Role.EMPLOYEE])
    index = client.get(reverse("knowledge:index")).content.decode()
    assert "verouderd" in index
    page = client.get(reverse("knowledge:tool_detail", args=[tool.pk])).content.decode()
    assert "Verouderd: dit handvat is langer dan 10 dagen niet beoordeeld" in page


def test_owner_marks_a_stale_tool_as_reviewed(client, users, make_user, settings):
    settings.SAMENSPEL_TOOL_REVIEW_DAYS = 10
    owner = make_user("eigenaar", Role.EMPLOYEE)
    tool = make_tool(actor=users[Role.DEVELOPMENT_TEAM], owner=Employee.objects.get(user=owner))
    Tool.objects.filter(pk=tool.pk).update(last_reviewed=date(2020, 1, 1))
    client.force_login(owner)
    response = client.post(reverse("knowledge:tool_review", args=[tool.pk]), follow=True)
    html = response.content.decode()
    assert "Het handvat is gemarkeerd als beoordeeld." in html
    assert "Verouderd" not in html
    tool.refresh_from_db()
    assert tool.last_reviewed == date.today()


def test_attachment_is_stored_privately_and_staff_download_it(client, users, private_media):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    upload = SimpleUploadedFile("draaiboek avond.pdf", b"%PDF-1.4 draaiboek", "application/pdf")
    client.post(reverse("knowledge:tool_create"), {**_tool_form(), "attachment": upload})
    attachment = ToolAttachment.objects.get()
    assert attachment.original_name == "draaiboek avond.pdf"
    stored = private_media / attachment.file.name
    assert stored.exists() and "draaiboek" not in stored.name
    client.force_login(users[Role.EMPLOYEE])
    url = reverse("knowledge:tool_attachment", args=[attachment.tool_id, attachment.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 draaiboek"
    assert "attachment" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_attachment_is_not_reachable_for_anonymous_visitors(client, users):
    tool = make_tool(
        actor=users[Role.DEVELOPMENT_TEAM],
        attachment=SimpleUploadedFile("lijst.txt", b"geheim", "text/plain"),
    )
    attachment = tool.attachments.get()
    url = reverse("knowledge:tool_attachment", args=[tool.pk, attachment.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert "/account/inloggen/" in response["Location"]


def test_executable_attachment_is_refused_and_nothing_is_stored(client, users):
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    upload = SimpleUploadedFile("setup.exe", b"MZ", "application/octet-stream")
    response = client.post(reverse("knowledge:tool_create"), {**_tool_form(), "attachment": upload})
    assert response.status_code == 400
    assert "Dit soort bestand kan niet als bijlage." in response.content.decode()
    assert Tool.objects.count() == 0 and ToolAttachment.objects.count() == 0


def test_too_large_attachment_is_refused(client, users, settings):
    settings.SAMENSPEL_UPLOAD_MAX_BYTES = 1024 * 1024
    client.force_login(users[Role.DEVELOPMENT_TEAM])
    upload = SimpleUploadedFile("groot.pdf", b"x" * (1024 * 1024 + 1), "application/pdf")
    response = client.post(reverse("knowledge:tool_create"), {**_tool_form(), "attachment": upload})
    assert "Het bestand is groter dan 1 MB." in response.content.decode()
    assert Tool.objects.count() == 0


def test_opening_using_and_downloading_are_recorded_per_employee(client, users):
    tool = make_tool(
        actor=users[Role.DEVELOPMENT_TEAM],
        attachment=SimpleUploadedFile("lijst.txt", b"stappen", "text/plain"),
    )
    client.force_login(users[Role.EMPLOYEE])
    client.get(reverse("knowledge:tool_detail", args=[tool.pk]))
    client.post(reverse("knowledge:tool_used", args=[tool.pk]))
    attachment = tool.attachments.get()
    response = client.get(reverse("knowledge:tool_attachment", args=[tool.pk, attachment.pk]))
    b"".join(response.streaming_content)
    employee = Employee.objects.get(user=users[Role.EMPLOYEE])
    assert sorted(ToolUsage.objects.filter(employee=employee).values_list("action", flat=True)) == [
        "downloaded",
        "opened",
        "used",
    ]
    assert all(usage.at for usage in ToolUsage.objects.all())


def test_get_on_a_post_only_tool_action_goes_back_to_the_tool(client, users):
    tool = make_tool(actor=users[Role.DEVELOPMENT_TEAM])
    client.force_login(users[Role.EMPLOYEE])
    response = client.get(reverse("knowledge:tool_used", args=[tool.pk]))
    assert response.status_code == 302
    assert ToolUsage.objects.filter(action="used").count() == 0


def test_unknown_tool_or_attachment_is_404(client, users):
    tool = make_tool(actor=users[Role.DEVELOPMENT_TEAM])
    client.force_login(users[Role.EMPLOYEE])
    assert client.get(reverse("knowledge:tool_detail", args=[999999])).status_code == 404
    url = reverse("knowledge:tool_attachment", args=[tool.pk, 999999])
    assert client.get(url).status_code == 404
