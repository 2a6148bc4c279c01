"""Translated labels of a model field's choices, once per language and process.

`get_FOO_display` and `str(label)` per row translate on every call, which on a busy page
with many rows costs more than its queries. The labels are constants of the code, so a memo
per language can never go stale.
"""

from functools import cache

from django.db.models import Model
from django.utils.translation import get_language


@cache
def _labels_in(model: type[Model], name: str, language: str) -> dict[str, str]:
    return {value: str(label) for value, label in model._meta.get_field(name).flatchoices}


def choice_labels(model: type[Model], name: str) -> dict[str, str]:
    """{stored value: label in the active language} for the field `name` of `model`."""
    return _labels_in(model, name, get_language() or "")
