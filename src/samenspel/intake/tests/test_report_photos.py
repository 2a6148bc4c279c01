"""Photos: only real images, not too big, re-encoded without metadata, never public."""

import io
import os
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image

from samenspel.accounts.roles import Role
from samenspel.intake.models import Attachment, Reporter, Signal

from .factories import AttachmentFactory, KernFactory, jpeg_bytes

pytestmark = pytest.mark.django_db


def _jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Testcamera"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (51.0, 46.0, 12.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (4.0, 59.0, 30.0)
    return jpeg_bytes(exif=exif.tobytes())


def _png_header_only(width: int, height: int) -> bytes:
    """A tiny file that claims to be an enormous image: a decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def _upload(content: bytes, name: str = "foto.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def test_uploaded_photo_loses_its_gps_metadata(client, report_data):
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    response = client.post("/melden/", {**report_data(), "photo": _upload(original)})

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    with attachment.image.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"
        assert len(image.getexif()) == 0
        assert "exif" not in image.info
    assert b"Testcamera" not in attachment.image.open("rb").read()


def test_large_photo_is_scaled_down_to_2048_pixels(client, report_data):
    big = jpeg_bytes(width=3000, height=1500)

    client.post("/melden/", {**report_data(), "photo": _upload(big)})

    attachment = Attachment.objects.get()
    assert (attachment.width, attachment.height) == (2048, 1024)


def test_png_photo_is_stored_as_jpeg(client, report_data):
    buffer = io.BytesIO()
    Image.new("RGBA", (30, 20), (10, 200, 10, 128)).save(buffer, format="PNG")

    client.post("/melden/", {**report_data(), "photo": _upload(buffer.getvalue(), "a.png")})

    with Attachment.objects.get().image.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG"


def test_text_file_renamed_to_jpg_is_refused(client, report_data):
    fake = _upload(b"Dit is geen foto maar een tekstbestand.\n" * 10)

    response = client.post("/melden/", {**report_data(), "photo": fake})

    assert response.status_code == 400
    assert "Dit bestand is geen foto die wij kunnen lezen." in response.content.decode()
    assert Signal.objects.count() == 0
    assert Attachment.objects.count() == 0


def test_truncated_jpeg_is_refused(client, report_data):
    broken = _upload(jpeg_bytes(width=400, height=300)[:200])

    response = client.post("/melden/", {**report_data(), "photo": broken})

    assert response.status_code == 400
    assert "Dit bestand is geen foto die wij kunnen lezen." in response.content.decode()
    assert Signal.objects.count() == 0


def test_photo_over_the_size_limit_is_refused(client, report_data, settings):
    settings.SAMENSPEL_UPLOAD_MAX_BYTES = 2000
    noisy = Image.frombytes("RGB", (100, 100), os.urandom(100 * 100 * 3))
    buffer = io.BytesIO()
    noisy.save(buffer, format="JPEG", quality=95)
    assert len(buffer.getvalue()) > 2000

    response = client.post("/melden/", {**report_data(), "photo": _upload(buffer.getvalue())})

    assert response.status_code == 400
    assert "De foto is te groot. Het maximum is" in response.content.decode()
    assert Signal.objects.count() == 0


@pytest.mark.parametrize("size", [(100_000, 100_000), (10_000, 9_000)])
def test_decompression_bomb_is_refused(client, report_data, size):
    bomb = _upload(_png_header_only(*size), "bom.png", "image/png")

    response = client.post("/melden/", {**report_data(), "photo": bomb})

    assert response.status_code == 400
    assert "Deze afbeelding heeft te veel beeldpunten." in response.content.decode()
    assert Signal.objects.count() == 0


def test_failed_photo_storage_stores_nothing_at_all(client, report_data, private_media):
    # A file where the photo folder should be: saving the photo fails after the signal,
    # the reporter and the mail were written, so all of them must be rolled back.
    private_media.parent.mkdir(parents=True, exist_ok=True)
    private_media.write_text("geen map")

    with pytest.raises(OSError):
        client.post(
            "/melden/",
            {**report_data(email="a@example.nl"), "photo": _upload(jpeg_bytes())},
        )

    assert Signal.objects.count() == 0
    assert Reporter.objects.count() == 0


def test_photos_are_stored_outside_the_public_media_folder(private_media, settings):
    attachment = AttachmentFactory()

    path = attachment.image.path
    assert path.startswith(str(private_media))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        attachment.image.url  # noqa: B018 (no URL exists: that is the point)


def test_staff_who_may_see_the_signal_get_the_photo(client, users):
    attachment = AttachmentFactory()
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.get(f"/werk/signalen/{attachment.signal_id}/foto/{attachment.pk}/")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"


def test_anonymous_visitor_cannot_get_a_photo(client):
    attachment = AttachmentFactory()

    response = client.get(f"/werk/signalen/{attachment.signal_id}/foto/{attachment.pk}/")

    assert response.status_code == 302
    assert "/account/" in response["Location"]


def test_area_director_of_another_kern_cannot_get_the_photo(client, make_user):
    director = make_user("regisseur", Role.AREA_DIRECTOR)
    attachment = AttachmentFactory(signal__kern=KernFactory(name="Rijswijk", slug="rijswijk"))
    client.force_login(director)

    response = client.get(f"/werk/signalen/{attachment.signal_id}/foto/{attachment.pk}/")

    assert response.status_code == 404


def test_photo_of_another_signal_is_not_served_under_this_signal(client, users):
    attachment = AttachmentFactory()
    other = AttachmentFactory()
    client.force_login(users[Role.DEVELOPMENT_TEAM])

    response = client.get(f"/werk/signalen/{other.signal_id}/foto/{attachment.pk}/")

    assert response.status_code == 404
