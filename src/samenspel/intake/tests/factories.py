"""Factories for intake tests. Kernen and employees come from the shared factories."""

import io
import secrets

import factory
from django.core.files.base import ContentFile
from PIL import Image

from samenspel.intake.models import Attachment, Channel, Reporter, Signal
from samenspel.places.tests.factories import KernFactory

__all__ = ["AttachmentFactory", "KernFactory", "ReporterFactory", "SignalFactory", "jpeg_bytes"]


def jpeg_bytes(width: int = 64, height: int = 48, exif: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", (width, height), (40, 120, 200))
    if exif is None:
        image.save(buffer, format="JPEG")
    else:
        image.save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


class ReporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reporter

    name = "Anneke de Bruijn"
    email = factory.Sequence(lambda n: f"inwoner{n}@example.nl")
    phone = "0183 123456"
    wants_updates = False


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal

    text = factory.Sequence(lambda n: f"Losse stoeptegels bij de bushalte aan de Dijk ({n}).")
    kern = factory.SubFactory(KernFactory)
    channel = Channel.WEB
    submission_token = factory.LazyFunction(lambda: secrets.token_urlsafe(32))


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    signal = factory.SubFactory(SignalFactory)
    image = factory.LazyFunction(lambda: ContentFile(jpeg_bytes(), name="photo.jpg"))
