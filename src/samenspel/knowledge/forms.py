from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.challenges.forms import TokenField, UtrechtFormMixin, new_submission_token
from samenspel.challenges.models import Challenge, Theme
from samenspel.organisation.models import Employee
from samenspel.places.models import Kern

from .models import SearchDocument, Tool
from .services import parse_tags

_TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
_SELECT = "utrecht-select utrecht-select--html-select"


class SearchForm(UtrechtFormMixin, forms.Form):
    q = forms.CharField(
        label=_("Zoeken in lessen en handvatten"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "class": _TEXTBOX}),
        error_messages={"max_length": _("Gebruik hooguit %(limit_value)d tekens.")},
    )
    kind = forms.ChoiceField(
        label=_("Wat"),
        required=False,
        choices=[
            ("", _("Lessen en handvatten")),
            ("lesson", _("Alleen lessen")),
            ("tool", _("Alleen handvatten")),
        ],
        error_messages={"invalid_choice": _("Kies lessen, handvatten of beide.")},
    )

    def kinds(self) -> list[str] | None:
        kind = self.cleaned_data.get("kind") if hasattr(self, "cleaned_data") else ""
        return [kind] if kind in SearchDocument.Kind.values else None


class LessonForm(UtrechtFormMixin, forms.Form):
    token = TokenField()
    title = forms.CharField(
        label=_("Titel van de les"),
        max_length=200,
        error_messages={"required": _("Geef de les een titel.")},
    )
    what_worked = forms.CharField(
        label=_("Wat werkte"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf op wat werkte.")},
    )
    what_did_not = forms.CharField(
        label=_("Wat werkte niet"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf op wat niet werkte.")},
    )
    next_time = forms.CharField(
        label=_("Wat doen we een volgende keer anders"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf op wat een volgende keer anders moet.")},
    )
    who_to_ask = forms.CharField(
        label=_("Wie kun je ernaar vragen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Collega's of partners die er meer over weten."),
    )
    kernen = forms.ModelMultipleChoiceField(
        label=_("Kernen"),
        queryset=Kern.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": _SELECT, "size": 6}),
        error_messages={"invalid_choice": _("Deze kern kennen we niet.")},
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": _SELECT, "size": 6}),
        error_messages={"invalid_choice": _("Dit thema kennen we niet.")},
    )
    coalition_members = forms.ModelMultipleChoiceField(
        label=_("Leden van de coalitie"),
        queryset=Employee.objects.filter(active=True).order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": _SELECT, "size": 8}),
        help_text=_("Houd Ctrl (of Cmd) ingedrukt om er meer te kiezen."),
        error_messages={"invalid_choice": _("Deze medewerker kennen we niet.")},
    )

    def __init__(self, *args, challenge: Challenge, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", new_submission_token())
            self.initial.setdefault("title", challenge.title)
            self.initial.setdefault("kernen", list(challenge.kernen.all()))
            self.initial.setdefault("themes", list(challenge.themes.all()))


class ToolForm(UtrechtFormMixin, forms.Form):
    token = TokenField()
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={"required": _("Geef het handvat een titel.")},
    )
    summary = forms.CharField(
        label=_("Korte omschrijving"),
        max_length=300,
        required=False,
        error_messages={"max_length": _("Houd de omschrijving korter dan %(limit_value)d tekens.")},
    )
    body = forms.CharField(
        label=_("Inhoud"),
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text=_(
            "In Markdown: # kop, **vet**, *schuin*, - opsomming, [tekst](https://adres). "
            "HTML wordt als tekst getoond."
        ),
        error_messages={"required": _("Schrijf de inhoud van het handvat.")},
    )
    tags = forms.CharField(
        label=_("Trefwoorden"),
        max_length=500,
        required=False,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: participatie, buurtgesprek."),
    )
    owner = forms.ModelChoiceField(
        label=_("Eigenaar"),
        queryset=Employee.objects.filter(active=True).order_by("name"),
        required=False,
        empty_label=_("Ikzelf"),
        help_text=_("Wie het handvat bijhoudt en beoordeelt."),
        error_messages={"invalid_choice": _("Deze medewerker kennen we niet.")},
    )
    attachment = forms.FileField(
        label=_("Bijlage toevoegen"),
        required=False,
        help_text=_(
            "Een sjabloon, checklist of voorbeeld: pdf, Office, OpenDocument, tekst of afbeelding."
        ),
        error_messages={
            "invalid": _("Dit is geen bestand. Kies het opnieuw."),
            "empty": _("Het bestand is leeg."),
            "max_length": _("De bestandsnaam is te lang."),
        },
        max_length=200,
        widget=forms.FileInput,
    )

    def __init__(self, *args, tool: Tool | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", new_submission_token())
            if tool is not None:
                self.initial.update(
                    {
                        "title": tool.title,
                        "summary": tool.summary,
                        "body": tool.body,
                        "tags": ", ".join(t.name for t in tool.tags.all()),
                        "owner": tool.owner_id,
                    }
                )
        if tool is not None:
            # The token only guards against creating the same tool twice.
            del self.fields["token"]

    def clean_tags(self) -> list[str]:
        return parse_tags(self.cleaned_data.get("tags", ""))
