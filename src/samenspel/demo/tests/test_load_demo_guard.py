import pytest
from django.core.management import CommandError, call_command

from samenspel.organisation.models import Employee
from samenspel.places.models import Kern


@pytest.mark.django_db
def test_load_refuses_a_database_that_holds_other_data():
    Kern.objects.create(name="Ergens", slug="ergens")
    with pytest.raises(CommandError, match="lege database"):
        call_command("load_demo")
    assert Kern.objects.count() == 1
    assert not Employee.objects.exists()
