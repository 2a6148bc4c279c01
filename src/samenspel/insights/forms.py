import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors

ALL = "alle"


def parse_month(value: str) -> dt.date:
    try:
        year, month = (int(part) for part in value.split("-"))
        return dt.date(year, month, 1)
    except (ValueError, TypeError) as error:
        raise forms.ValidationError(
            _("Geef een maand als jjjj-mm, bijvoorbeeld 2024-03.")
        ) from error


class MonthField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        month = parse_month(value.strip())
        if not dt.date(2000, 1, 1) <= month <= dt.date(2100, 12, 1):
            raise forms.ValidationError(_("Kies een maand tussen 2000 en 2100."))
        return month


class FilterForm(forms.Form):
    """Period and department; every measure on the page follows it."""

    van = MonthField(
        label=_("Van (maand)"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "month", "class": "utrecht-textbox utrecht-textbox--html-input"}
        ),
    )
    tot = MonthField(
        label=_("Tot en met (maand)"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "month", "class": "utrecht-textbox utrecht-textbox--html-input"}
        ),
    )
    afdeling = forms.ChoiceField(
        label=_("Afdeling"),
        required=False,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )

    def __init__(self, *args, departments, default_department=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.departments = {str(d.pk): d for d in departments}
        self.fields["afdeling"].choices = [(ALL, _("Hele organisatie"))] + [
            (str(d.pk), d.name) for d in departments
        ]
        self.default_department = default_department
        self.fields["afdeling"].initial = str(default_department.pk) if default_department else ALL

    def clean(self):
        data = super().clean()
        start, end = data.get("van"), data.get("tot")
        if start and end and start > end:
            self.add_error("tot", _("De eindmaand ligt voor de beginmaand."))
        return data

    def filters(self) -> selectors.Filters:
        """The filters to use: the valid input, the defaults for the rest."""
        default = selectors.default_filters(department=self.default_department)
        if not self.is_bound:
            return default
        data = self.cleaned_data if self.is_valid() else {}
        start = data.get("van") or default.start
        end = data.get("tot") or default.end
        if start > end:
            start, end = default.start, default.end
        choice = data.get("afdeling") or ""
        if choice == ALL:
            department = None
        else:
            department = self.departments.get(choice, self.default_department)
        return selectors.Filters(start=start, end=end, department=department)


class WhatIfForm(forms.Form):
    extra_cohort = forms.BooleanField(
        label=_("Nog een groep van 25 volgt de leergang"), required=False
    )
    min_newcomers = forms.TypedChoiceField(
        label=_("Nieuwkomers per coalitie (minimaal)"),
        choices=[(0, _("geen eis")), (1, "1"), (2, "2")],
        coerce=int,
        initial=0,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    stop_coaching = forms.ChoiceField(
        label=_("Het ontwikkelteam stopt met coachen in"),
        required=False,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    horizon = forms.TypedChoiceField(
        label=_("Vooruitkijken (maanden)"),
        choices=[(12, "12"), (24, "24"), (36, "36")],
        coerce=int,
        initial=24,
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
    )
    seed = forms.IntegerField(
        label=_("Startgetal (seed)"),
        min_value=0,
        max_value=2**31 - 1,
        initial=1,
        widget=forms.NumberInput(attrs={"class": "utrecht-textbox utrecht-textbox--html-input"}),
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stop_coaching"].choices = [("", _("geen afdeling"))] + [
            (str(d.pk), d.name) for d in departments
        ]
