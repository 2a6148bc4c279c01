import pytest
from django.core.management import call_command

from samenspel.demo.data import DEMO_LOGINS, DEMO_PASSWORD
from samenspel.places.models import Kern


@pytest.mark.django_db
def test_demo_without_serving_sets_up_and_prints_the_logins(capsys):
    call_command("demo", "--no-serve", "--port", "8123")
    out = capsys.readouterr().out
    assert Kern.objects.count() == 19
    assert "http://127.0.0.1:8123/" in out
    assert DEMO_PASSWORD in out
    for username, _role in DEMO_LOGINS:
        assert username in out


@pytest.mark.django_db
def test_demo_rejects_a_port_that_is_not_a_number():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Ongeldige poort"):
        call_command("demo", "--no-serve", "--port", "acht")
