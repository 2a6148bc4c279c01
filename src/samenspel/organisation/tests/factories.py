import factory

from samenspel.organisation.models import Department, Employee


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Afdeling {n}")
    slug = factory.Sequence(lambda n: f"afdeling-{n}")


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    name = factory.Sequence(lambda n: f"Medewerker {n}")
    email = factory.LazyAttribute(lambda e: f"{e.name.lower().replace(' ', '.')}@altena.test")
    department = factory.SubFactory(DepartmentFactory)
