import factory

from samenspel.places.models import Kern


class KernFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Kern
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kern {n}")
    slug = factory.Sequence(lambda n: f"kern-{n}")
    population = 2500
