import re
import secrets

from django import forms
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from samenspel.intake.models import Signal
from samenspel.organisation.models import Department, Employee
from samenspel.places.models import Kern

from . import selectors
from .models import Challenge, PriorityCriterion, Theme
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
    sort = forms.ChoiceField(
        label=_("Sorteren op"),
        required=False,
        choices=[
            (selectors.SORT_RECENT, _("laatst gewijzigd")),
            (selectors.SORT_PRIORITY, _("prioriteit")),
        ],
        error_messages={
            "invalid_choice": _("Zo kunnen we niet sorteren: u ziet de laatst gewijzigde eerst.")
        },
    )
    after = forms.CharField(required=False, widget=forms.HiddenInput, max_length=50)

    def clean_after(self) -> str:
        after = self.cleaned_data["after"]
        if after and not selectors.is_valid_cursor(after):
            raise forms.ValidationError(
                _("Deze vervolgpagina bestaat niet; u ziet de eerste pagina."),
                code="invalid_cursor",
            )
        return after

    def clean(self):
        data = super().clean()
        # A cursor only fits the order it was made for; another order starts at page one.
        after, sort = data.get("after"), data.get("sort") or selectors.SORT_RECENT
        if after and after.startswith("p") != (sort == selectors.SORT_PRIORITY):
            self.add_error("after", _("Deze vervolgpagina bestaat niet; u ziet de eerste pagina."))
        return data

    def filters(self) -> dict:
        """Only the filters that were valid: a wrong value never hides the whole board."""
        data = getattr(self, "cleaned_data", {})
        return {
            "kind": data.get("kind") or None,
            "kern": data.get("kern"),
            "department": data.get("department"),
            "sort": data.get("sort") or selectors.SORT_RECENT,
        }

    # The fields `selects` renders; their values decide its HTML.
    selects_names = ("kind", "kern", "department", "sort")

    def selects(self, *, kernen: list[tuple[str, str]], departments: list[tuple[str, str]]):
        """The four filters as ready-made select fields, options given as (slug, name).

        Django's widget templates render every option separately, which cost more than the
        whole cached board; these plain fields render the same HTML in one pass.
        """
        fields = []
        for name, options in (
            ("kind", [(str(v), str(label)) for v, label in self.fields["kind"].choices]),
            ("kern", [("", str(self.fields["kern"].empty_label)), *kernen]),
            ("department", [("", str(self.fields["department"].empty_label)), *departments]),
            ("sort", [(str(v), str(label)) for v, label in self.fields["sort"].choices]),
        ):
            bound = self[name]
            value = bound.value() if self.is_bound else None
            value = "" if value is None else str(value)
            errors = list(bound.errors)
            fields.append(
                {
                    "name": name,
                    "id": bound.auto_id,
                    "label": bound.label,
                    "errors": " ".join(str(e) for e in errors),
                    "options": format_html_join(
                        "",
                        '<option value="{}"{}>{}</option>',
                        (
                            (option, mark_safe(" selected") if option == value else "", text)
                            for option, text in options
                        ),
                    ),
                }
            )
        return fields


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


# --- Prioritisation -------------------------------------------------------------------------


class ScoreForm(UtrechtFormMixin, forms.Form):
    """One score (0..scale) and a required short rationale per criterion the team scores."""

    token = TokenField()

    def __init__(self, *args, criteria, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.criteria = [c for c in criteria if c.kind == PriorityCriterion.Kind.SCORED]
        for criterion in self.criteria:
            score_name, rationale_name = f"score_{criterion.pk}", f"rationale_{criterion.pk}"
            self.fields[score_name] = forms.TypedChoiceField(
                label=_("Score voor “%(name)s”") % {"name": criterion.name},
                coerce=int,
                required=False,
                choices=[("", _("Nog niet gescoord"))]
                + [(str(n), str(n)) for n in range(criterion.scale + 1)],
                help_text=_("0 is het laagst, %(scale)d het hoogst.") % {"scale": criterion.scale},
                error_messages={
                    "invalid_choice": _("Kies een score van 0 tot en met %(scale)d.")
                    % {"scale": criterion.scale}
                },
            )
            self.fields[rationale_name] = forms.CharField(
                label=_("Onderbouwing bij “%(name)s”") % {"name": criterion.name},
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": _("Houd de toelichting onder 500 tekens.")},
            )
            self.fields[score_name].widget.attrs["class"] = (
                "utrecht-select utrecht-select--html-select"
            )
            self.fields[rationale_name].widget.attrs["class"] = (
                "utrecht-textarea utrecht-textarea--html-textarea"
            )
            row = current.get(criterion.pk)
            if row is not None and not self.is_bound:
                self.initial[score_name] = str(int(row.score))
                self.initial[rationale_name] = row.rationale
        if not self.is_bound:
            self.initial.setdefault("token", new_submission_token())

    def rows(self):
        """(criterion, score field, rationale field) for the template."""
        return [(c, self[f"score_{c.pk}"], self[f"rationale_{c.pk}"]) for c in self.criteria]

    def clean(self):
        data = super().clean()
        for criterion in self.criteria:
            score = data.get(f"score_{criterion.pk}")
            rationale = (data.get(f"rationale_{criterion.pk}") or "").strip()
            if score not in (None, "") and not rationale:
                self.add_error(
                    f"rationale_{criterion.pk}",
                    _("Licht de score voor “%(name)s” kort toe.") % {"name": criterion.name},
                )
            if rationale and score in (None, ""):
                self.add_error(
                    f"score_{criterion.pk}",
                    _("Kies een score voor “%(name)s” bij deze toelichting.")
                    % {"name": criterion.name},
                )
        if not self.errors and not self.scores():
            raise forms.ValidationError(
                _("Geef minstens één criterium een score met toelichting."), code="empty"
            )
        return data

    def scores(self) -> dict[int, tuple[int, str]]:
        data = self.cleaned_data
        return {
            c.pk: (data[f"score_{c.pk}"], data.get(f"rationale_{c.pk}", "").strip())
            for c in self.criteria
            if data.get(f"score_{c.pk}") not in (None, "")
        }


class CriterionForm(UtrechtFormMixin, forms.ModelForm):
    reason = forms.CharField(
        label=_("Waarom deze wijziging?"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Komt in de geschiedenis van de criteria."),
    )

    class Meta:
        model = PriorityCriterion
        fields = [
            "name",
            "description",
            "kind",
            "computation",
            "weight",
            "scale",
            "active",
            "order",
        ]
        widgets = {
            "name": forms.TextInput,
            "description": forms.Textarea(attrs={"rows": 3}),
            "weight": forms.TextInput(attrs={"inputmode": "decimal"}),
            "scale": forms.TextInput(attrs={"inputmode": "numeric"}),
            "order": forms.TextInput(attrs={"inputmode": "numeric"}),
        }
        help_texts = {
            "weight": _("0 tot en met 100. Een gewicht van 0 telt niet mee."),
            "scale": _("De hoogste score, bijvoorbeeld 5 voor een schaal van 0 tot en met 5."),
            "computation": _("Alleen voor berekende criteria."),
        }
        error_messages = {
            "name": {"unique": _("Er is al een criterium met deze naam.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["computation"].choices = [
            ("", _("Niet berekend")),
            *PriorityCriterion.Computation.choices,
        ]
        for name in ("weight", "scale", "order"):
            self.fields[name].widget.attrs["class"] = "utrecht-textbox utrecht-textbox--html-input"
        self.fields["weight"].error_messages.update(
            {
                "invalid": _("Vul een getal in, bijvoorbeeld 2 of 1,5."),
                "min_value": _("Kies een gewicht van 0 tot en met 100."),
                "max_value": _("Kies een gewicht van 0 tot en met 100."),
            }
        )
        self.fields["scale"].error_messages.update(
            {
                "invalid": _("Vul een heel getal in van 1 tot en met 10."),
                "min_value": _("Vul een heel getal in van 1 tot en met 10."),
                "max_value": _("Vul een heel getal in van 1 tot en met 10."),
            }
        )
        self.fields["order"].error_messages["invalid"] = _("Vul een heel getal in.")

    def clean(self):
        data = super().clean()
        kind, computation = data.get("kind"), data.get("computation")
        if kind == PriorityCriterion.Kind.COMPUTED and not computation:
            self.add_error("computation", _("Kies hoe dit criterium berekend wordt."))
        if kind == PriorityCriterion.Kind.SCORED:
            data["computation"] = ""
        elif computation:
            taken = PriorityCriterion.objects.filter(computation=computation)
            if self.instance.pk:
                taken = taken.exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("computation", _("Er is al een criterium dat zo berekend wordt."))
        return data

    def criterion_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ReweightForm(UtrechtFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Waarom deze gewichten?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Komt in de geschiedenis: iedereen kan zien waarom de rangorde veranderde."),
        error_messages={"required": _("Leg kort uit waarom de gewichten veranderen.")},
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, prefix="gewichten", **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"weight_{criterion.pk}"] = forms.DecimalField(
                label=_("Gewicht van “%(name)s”") % {"name": criterion.name},
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
                localize=True,
                initial=criterion.weight,
                widget=forms.TextInput(
                    attrs={
                        "class": "utrecht-textbox utrecht-textbox--html-input",
                        "inputmode": "decimal",
                    }
                ),
                error_messages={
                    "required": _("Vul een gewicht in."),
                    "invalid": _("Vul een getal in, bijvoorbeeld 2 of 1,5."),
                    "min_value": _("Kies een gewicht van 0 tot en met 100."),
                    "max_value": _("Kies een gewicht van 0 tot en met 100."),
                    "max_digits": _("Kies een gewicht van 0 tot en met 100."),
                    "max_decimal_places": _("Gebruik hoogstens twee cijfers achter de komma."),
                },
            )

    def rows(self):
        return [(c, self[f"weight_{c.pk}"]) for c in self.criteria]

    def weights(self):
        return {c.pk: self.cleaned_data[f"weight_{c.pk}"] for c in self.criteria}
