"""The challenge page's fields, written without templates, are the templates' HTML."""

import pytest
from django.template.loader import render_to_string

from samenspel.challenges.form_html import field_html, form_errors_html, widget_html
from samenspel.challenges.forms import LinkSignalsForm, NoteForm, PublicUpdateForm, TransitionForm
from samenspel.challenges.models import Challenge
from samenspel.challenges.workflow import Status


def _forms():
    challenge = Challenge(status=Status.NEW, title="Speeltuin")
    with_error = TransitionForm({"status-to": "active"}, challenge=challenge)
    with_error.is_valid()
    with_error.add_error(None, "Een collega heeft de status net gewijzigd.")
    declined = TransitionForm(
        {"status-to": Status.DECLINED, "status-reason": "<b>niet</b> & nooit"},
        challenge=challenge,
    )
    declined.is_valid()
    empty_note = NoteForm({"note-text": ""})
    empty_note.is_valid()
    wrong_refs = LinkSignalsForm({"link-references": "M-1 <script>"})
    wrong_refs.is_valid()
    return [
        TransitionForm(challenge=challenge),
        NoteForm(),
        PublicUpdateForm(),
        LinkSignalsForm(),
        with_error,
        declined,
        empty_note,
        wrong_refs,
    ]


@pytest.mark.parametrize("form", _forms(), ids=lambda form: f"{type(form).__name__}")
def test_fields_are_written_as_the_templates_write_them(form):
    for name in form.fields:
        bound = form[name]
        if bound.is_hidden:
            assert widget_html(bound) == str(bound)
        else:
            expected = render_to_string("challenges/_field.html", {"field": bound})
            assert field_html(bound) == expected
    expected = render_to_string("challenges/_form_errors.html", {"form": form})
    assert form_errors_html(form) == expected


def test_values_and_errors_are_escaped():
    form = LinkSignalsForm({"link-references": "<script>alert(1)</script>"})
    form.is_valid()
    html = field_html(form["references"])
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
