"""Challenges, and the signals and reporters that point to them, built as the services do."""

import factory

from samenspel.challenges.models import Challenge, Theme
from samenspel.intake.models import Channel, Reporter, Signal
from samenspel.places.tests.factories import KernFactory


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class ReporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reporter

    name = "Jannie van Wijk"
    email = factory.Sequence(lambda n: f"melder{n}@example.nl")
    phone = "0612345678"
    wants_updates = True


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal

    text = factory.Sequence(lambda n: f"De speeltuin aan de Dorpsstraat is kapot ({n}).")
    kern = factory.SubFactory(KernFactory)
    channel = Channel.WEB


class FollowedSignalFactory(SignalFactory):
    """A signal whose reporter asked to follow it by e-mail."""

    reporter = factory.SubFactory(ReporterFactory)
    follow_token = factory.Sequence(lambda n: f"volg-token-{n}")


class ChallengeFactory(factory.django.DjangoModelFactory):
    """A challenge row without events; use the services when the history matters."""

    class Meta:
        model = Challenge
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Speelplek voor de jeugd {n}")
    summary = "Inwoners willen een veilige plek om te spelen."

    @factory.post_generation
    def kernen(self, create, extracted, **kwargs):
        if create and extracted:
            self.kernen.set(extracted)
