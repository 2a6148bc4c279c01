"""Uploaded photos: accept only real images and store a clean, re-encoded JPEG.

Re-encoding drops every metadata block (EXIF, GPS, XMP, comments): a resident's photo
often carries the location of their home, which we have no reason to keep (AVG art. 5(1)(c),
data minimisation). Photos are never served from /media/; staff see them through a
protected view.
"""

import io
import warnings

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_EDGE = 2048
# A phone photo is about 12-50 megapixels; anything far beyond that is an attack
# (a small file that unpacks into gigabytes of pixels: a decompression bomb).
MAX_PIXELS = 80_000_000
JPEG_QUALITY = 85
ACCEPTED_FORMATS = frozenset({"JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF", "MPO"})


def _not_an_image() -> ValidationError:
    return ValidationError(
        _("Dit bestand is geen foto die wij kunnen lezen. Kies een JPG-, PNG- of WEBP-afbeelding."),
        code="not_an_image",
    )


def _too_large_image() -> ValidationError:
    return ValidationError(
        _("Deze afbeelding heeft te veel beeldpunten. Kies een kleinere foto."),
        code="too_many_pixels",
    )


def clean_photo(upload: UploadedFile) -> ContentFile:
    """Check an uploaded photo and return it as a metadata-free JPEG of at most 2048 px.

    Raises ValidationError with a Dutch message for anything that is not a usable photo.
    """
    max_bytes = settings.SAMENSPEL_UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > max_bytes:
        raise ValidationError(
            _("De foto is te groot. Het maximum is %(max)s.") % {"max": filesizeformat(max_bytes)},
            code="too_large",
        )
    with warnings.catch_warnings():
        # Pillow only warns below twice its own limit; treat the warning as the error it is.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            upload.seek(0)
            with Image.open(upload) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise _not_an_image()
                width, height = probe.size
                if width * height > MAX_PIXELS:
                    raise _too_large_image()
                probe.verify()
            # verify() leaves the image unusable; open it again to decode the pixels.
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                image = _to_rgb(image)
                image.thumbnail((MAX_EDGE, MAX_EDGE), Image.Resampling.LANCZOS)
                buffer = io.BytesIO()
                # No exif= argument: the new file carries no metadata at all.
                image.save(buffer, format="JPEG", quality=JPEG_QUALITY, optimize=True)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise _too_large_image() from error
        except ValidationError:
            raise
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError) as error:
            raise _not_an_image() from error
    return ContentFile(buffer.getvalue(), name="photo.jpg")


def _to_rgb(image: Image.Image) -> Image.Image:
    if image.mode == "RGB":
        return image
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")
