import re
import secrets

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samenspel.intake.models import Signal
from samenspel.organisation.models import Department, Employee
from samenspel.places.models import Kern

from . import selectors
from .models import Challenge, Theme
from .workflow import BOARD_COLUMNS, REASON_REQUIRED, Status, allowed_transitions

_WIDGET_CLASSES = {
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
}


class UtrechtFormMixin:
    """NL Design System classes on every widget, and errors tied to their field (WCAG 3.3.1)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            widget = form_field.widget
            for widget_class, css in _WIDGET_CLASSES.items():
                if type(widget) is widget_class:
                    widget.attrs.setdefault("class", css)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            described_by = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                described_by.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs.update(
                {"aria-invalid": "true", "aria-describedby": " ".join(described_by)}
            )


def new_submission_token() -> str:
    return secrets.token_urlsafe(24)


class TokenField(forms.CharField):
    """A hidden per-render token: the same form sent twice is stored once."""

    def __init__(self, **kwargs):
        super().__init__(
            widget=forms.HiddenInput, required=False, max_length=64, strip=True, **kwargs
        )


class BoardFilterForm(UtrechtFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort"),
        required=False,
        choices=[("", _("Alle soorten")), *Challenge.Kind.choices],
        error_messages={
            "invalid_choice": _("Deze soort kennen we niet: het filter is niet toegepast.")
        },
    )
    kern = forms.ModelChoiceField(
        label=_("Kern"),
        required=False,
        queryset=selectors.filter_kernen(),
        to_field_name="slug",
        empty_label=_("Alle kernen"),
        error_messages={
            "invalid_choice": _("Deze kern kennen we niet: het filter is niet toegepast.")
        },
    )
    department = forms.ModelChoiceField(
        label=_("Afdeling"),
        required=False,
        queryset=selectors.filter_departments(),
        to_field_name="slug",
        empty_label=_("Alle afdelingen"),
        error_messages={
            "invalid_choice": _("Deze afdeling kennen we niet: het filter is niet toegepast.")
        },
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *((s, Status(s).label) for s in BOARD_COLUMNS)],
        error_messages={"invalid_choice": _("Deze status kennen we niet: u ziet het hele bord.")},
    )
    after = forms.CharField(required=False, widget=forms.HiddenInput, max_length=50)

    def clean_after(self) -> str:
        after = self.cleaned_data["after"]
        if after:
            try:
                selectors.decode_cursor(after)
            except selectors.InvalidCursor:
                raise forms.ValidationError(
                    _("Deze vervolgpagina bestaat niet; u ziet de eerste pagina."),
                    code="invalid_cursor",
                ) from None
        return after

    def filters(self) -> dict:
        """Only the filters that were valid: a wrong value never hides the whole board."""
        data = getattr(self, "cleaned_data", {})
        return {
            "kind": data.get("kind") or None,
            "kern": data.get("kern"),
            "department": data.get("department"),
        }


class PublicFilterForm(UtrechtFormMixin, forms.Form):
    kern = forms.ModelChoiceField(
        label=_("Kern"),
        required=False,
        queryset=selectors.filter_kernen(),
        to_field_name="slug",
        empty_label=_("Alle kernen"),
        error_messages={
            "invalid_choice": _("Deze kern kennen we niet: het filter is niet toegepast.")
        },
    )
    after = forms.CharField(required=False, widget=forms.HiddenInput, max_length=50)

    clean_after = BoardFilterForm.clean_after


class SignalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Signal) -> str:
        # Text, kern and channel only: who reported it is not needed to form a challenge.
        excerpt = obj.text if len(obj.text) <= 140 else obj.text[:139] + "…"
        kern = obj.kern.name if obj.kern_id else _("kern onbekend")
        return f"{obj.reference} · {kern} · {obj.get_channel_display()}: {excerpt}"


def _int_ids(values) -> list[int]:
    return [int(v) for v in values if str(v).isdigit() and len(str(v)) < 19][:100]


class ChallengeCreateForm(UtrechtFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Samenvatting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Zichtbaar op de openbare pagina als de opgave openbaar is."),
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=Challenge.Kind.choices)
    kernen = forms.ModelMultipleChoiceField(
        label=_("Kernen"),
        required=False,
        queryset=Kern.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        required=False,
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    signals = SignalChoiceField(
        label=_("Signalen"),
        required=False,
        queryset=Signal.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    token = TokenField()

    def __init__(self, *args, signal_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        if self.is_bound:
            signal_ids = self.data.getlist(self.add_prefix("signals"))
        ids = _int_ids(signal_ids)
        self.fields["signals"].queryset = selectors.signals_by_ids(ids)
        if not self.is_bound:
            self.initial.setdefault("token", new_submission_token())
            signals = list(self.fields["signals"].queryset)
            self.initial.setdefault("signals", [s.pk for s in signals])
            self.initial.setdefault("kernen", sorted({s.kern_id for s in signals if s.kern_id}))


class ChallengeEditForm(UtrechtFormMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Samenvatting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Zichtbaar op de openbare pagina als de opgave openbaar is."),
    )
    kind = forms.ChoiceField(label=_("Soort"), choices=Challenge.Kind.choices)
    kernen = forms.ModelMultipleChoiceField(
        label=_("Kernen"),
        required=False,
        queryset=Kern.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"),
        required=False,
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    owner_department = forms.ModelChoiceField(
        label=_("Eigenaar (afdeling)"),
        required=False,
        queryset=Department.objects.all(),
        empty_label=_("Nog geen afdeling"),
    )
    owner = forms.ModelChoiceField(
        label=_("Eigenaar (medewerker)"),
        required=False,
        queryset=Employee.objects.none(),
        empty_label=_("Nog geen medewerker"),
        help_text=_("Een medewerker van de lijn; het ontwikkelteam coacht en is nooit eigenaar."),
    )
    government_role = forms.ChoiceField(
        label=_("Rol van de gemeente"),
        required=False,
        choices=[("", _("Nog niet bepaald")), *Challenge.GovernmentRole.choices],
    )
    team_role = forms.ChoiceField(
        label=_("Rol van het ontwikkelteam"), choices=Challenge.TeamRole.choices
    )
    is_public = forms.BooleanField(
        label=_("Openbaar"),
        required=False,
        help_text=_("Openbare opgaven staan zonder persoonsgegevens op de website."),
    )

    @staticmethod
    def initial_from(challenge: Challenge) -> dict:
        return {
            "title": challenge.title,
            "summary": challenge.summary,
            "kind": challenge.kind,
            "kernen": [k.pk for k in challenge.kernen.all()],
            "themes": [t.pk for t in challenge.themes.all()],
            "owner_department": challenge.owner_department_id,
            "owner": challenge.owner_id,
            "government_role": challenge.government_role,
            "team_role": challenge.team_role,
            "is_public": challenge.is_public,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.owner_choices()
        self.fields["owner"].label_from_instance = lambda e: f"{e.name} ({e.department.name})"

    def clean_owner(self):
        owner = self.cleaned_data.get("owner")
        if owner is not None and owner.is_development_team:
            raise forms.ValidationError(
                _(
                    "%(name)s zit in het ontwikkelteam. Het team coacht en neemt het werk niet "
                    "over: kies een medewerker van de afdeling die eigenaar is."
                )
                % {"name": owner.name},
                code="development_team_owner",
            )
        return owner


class TransitionForm(UtrechtFormMixin, forms.Form):
    to = forms.ChoiceField(label=_("Nieuwe status"))
    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Melders die de opgave volgen lezen dit, ook op de openbare pagina. Verplicht bij "
            "afwijzen. Schrijf geen persoonsgegevens."
        ),
    )
    token = TokenField()

    def __init__(self, *args, challenge: Challenge, **kwargs):
        super().__init__(*args, prefix="status", **kwargs)
        allowed = allowed_transitions(challenge.status, challenge.status_before_hold)
        self.fields["to"].choices = [(s, Status(s).label) for s in BOARD_COLUMNS if s in allowed]
        self.fields["to"].error_messages.update(
            {
                "required": _("Kies de nieuwe status."),
                "invalid_choice": _(
                    "Deze stap kan niet vanuit de huidige status “%(status)s”. "
                    "Misschien heeft een collega de status net gewijzigd."
                )
                % {"status": Status(challenge.status).label},
            }
        )
        if not self.is_bound:
            self.initial.setdefault("token", new_submission_token())

    @property
    def has_choices(self) -> bool:
        return bool(self.fields["to"].choices)

    def clean(self):
        data = super().clean()
        if data.get("to") in REASON_REQUIRED and not data.get("reason"):
            self.add_error(
                "reason",
                _("Geef een reden voor het afwijzen: de melders krijgen die te lezen."),
            )
        return data


class _TextEventForm(UtrechtFormMixin, forms.Form):
    # Two of these forms sit empty on one page; a `required` attribute would mark both red.
    use_required_attribute = False
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    token = TokenField()

    form_prefix = ""
    text_label = ""
    text_help = ""
    empty_message = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix=self.form_prefix, **kwargs)
        self.fields["text"].label = self.text_label
        self.fields["text"].help_text = self.text_help
        self.fields["text"].error_messages["required"] = self.empty_message
        if not self.is_bound:
            self.initial.setdefault("token", new_submission_token())


class NoteForm(_TextEventForm):
    form_prefix = "note"
    text_label = _("Interne notitie")
    text_help = _("Alleen zichtbaar voor medewerkers.")
    empty_message = _("Schrijf eerst een notitie.")


class PublicUpdateForm(_TextEventForm):
    form_prefix = "update"
    text_label = _("Openbaar bericht")
    text_help = _(
        "Verschijnt op de openbare pagina en gaat per e-mail naar melders die de opgave volgen. "
        "Schrijf geen persoonsgegevens."
    )
    empty_message = _("Schrijf eerst het bericht.")


_REFERENCE = re.compile(r"^(?:M-?)?0*(\d{1,12})$", re.IGNORECASE)


class LinkSignalsForm(UtrechtFormMixin, forms.Form):
    references = forms.CharField(
        label=_("Signaalnummers"),
        max_length=2000,
        help_text=_("Bijvoorbeeld M-0000123 of 123; meerdere gescheiden door komma's of spaties."),
        error_messages={"required": _("Vul minstens één signaalnummer in.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="link", **kwargs)

    def clean_references(self) -> list[Signal]:
        tokens = [t for t in re.split(r"[\s,;]+", self.cleaned_data["references"]) if t]
        ids, wrong = [], []
        for token in tokens:
            match = _REFERENCE.match(token)
            if match and int(match[1]) > 0:
                ids.append(int(match[1]))
            else:
                wrong.append(token)
        if wrong:
            raise forms.ValidationError(
                _("Dit is geen signaalnummer: %(refs)s. Gebruik de vorm M-0000123 of 123.")
                % {"refs": ", ".join(wrong[:10])}
            )
        if len(ids) > 100:
            raise forms.ValidationError(_("Koppel hoogstens 100 signalen tegelijk."))
        signals = {s.pk: s for s in Signal.objects.filter(pk__in=ids).select_related("kern")}
        missing = [i for i in dict.fromkeys(ids) if i not in signals]
        if missing:
            raise forms.ValidationError(
                ngettext(
                    "Signaal %(refs)s bestaat niet.",
                    "Signalen %(refs)s bestaan niet.",
                    len(missing),
                )
                % {"refs": ", ".join(f"M-{i:07d}" for i in missing[:10])}
            )
        return [signals[i] for i in dict.fromkeys(ids)]
