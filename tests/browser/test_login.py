import pytest

from samenspel.accounts.roles import Role

from .conftest import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_staff_member_logs_in_and_reaches_the_board(checked_page, make_user):
    make_user("team", Role.DEVELOPMENT_TEAM)
    log_in(checked_page, "team", "samenspel-test")
    assert checked_page.page.url.endswith("/werk/")


def test_resident_switches_the_interface_to_english(checked_page):
    page = checked_page.goto("/account/inloggen/")
    page.get_by_label("Taal").select_option("en")
    page.get_by_role("button", name="Wijzig taal").click()
    checked_page.check()
    assert page.locator("html").get_attribute("lang") == "en"
