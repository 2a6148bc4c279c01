from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.challenges.forms import UtrechtFormMixin
from samenspel.organisation.models import Employee

from .models import Attendance

SCORE_CHOICES = [
    ("", _("Kies een cijfer")),
    ("5", _("5 – uitstekend")),
    ("4", _("4 – goed")),
    ("3", _("3 – voldoende")),
    ("2", _("2 – matig")),
    ("1", _("1 – slecht")),
]


class EnrolForm(UtrechtFormMixin, forms.Form):
    """A manager picks a colleague of their department; an employee enrols themselves."""

    employee = forms.ModelChoiceField(
        label=_("Medewerker"),
        queryset=Employee.objects.none(),
        required=False,
        empty_label=_("Mijzelf"),
        error_messages={
            "invalid_choice": _("Kies een medewerker van uw eigen afdeling."),
        },
    )

    def __init__(self, *args, department_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if department_id is None:
            del self.fields["employee"]
        else:
            self.fields["employee"].queryset = Employee.objects.filter(
                department_id=department_id, active=True
            ).order_by("name")


class AttendanceForm(UtrechtFormMixin, forms.Form):
    """One choice per participant of the session."""

    def __init__(self, *args, roll: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.roll = roll
        for enrolment in roll:
            self.fields[f"p{enrolment.pk}"] = forms.ChoiceField(
                label=enrolment.employee.name,
                choices=[("", _("Nog niet vastgelegd")), *Attendance.Status.choices],
                initial=enrolment.attendance_status,
                required=True,
                error_messages={
                    "required": _("Kies aanwezig, afwezig of afgemeld met reden."),
                    "invalid_choice": _("Kies aanwezig, afwezig of afgemeld met reden."),
                },
            )

    def statuses(self) -> dict[int, str]:
        return {e.pk: self.cleaned_data[f"p{e.pk}"] for e in self.roll}


class EvaluationForm(UtrechtFormMixin, forms.Form):
    score = forms.TypedChoiceField(
        label=_("Cijfer"),
        choices=SCORE_CHOICES,
        coerce=int,
        error_messages={
            "required": _("Kies een cijfer van 1 tot en met 5."),
            "invalid_choice": _("Kies een cijfer van 1 tot en met 5."),
        },
    )
    text = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat nam u mee, wat kan beter?"),
        error_messages={"max_length": _("Houd de toelichting korter dan 4000 tekens.")},
    )
