from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.challenges.forms import TokenField, UtrechtFormMixin, new_submission_token
from samenspel.challenges.models import Challenge
from samenspel.organisation.models import Department
from samenspel.places.models import Kern

from . import selectors
from .models import Duty, ParticipationAdvice
from .workflow import INDEX_ORDER, Status

_DATE_INPUT = forms.DateInput(
    format="%Y-%m-%d",
    attrs={"type": "date", "class": "utrecht-textbox utrecht-textbox--html-input"},
)


class IndexFilterForm(UtrechtFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle statussen")), *((s, Status(s).label) for s in INDEX_ORDER)],
        error_messages={
            "invalid_choice": _("Deze status kennen we niet: het filter is niet toegepast.")
        },
    )
    department = forms.ModelChoiceField(
        label=_("Aanvragende afdeling"),
        required=False,
        queryset=Department.objects.all(),
        to_field_name="slug",
        empty_label=_("Alle afdelingen"),
        error_messages={
            "invalid_choice": _("Deze afdeling kennen we niet: het filter is niet toegepast.")
        },
    )
    deciding_body = forms.ChoiceField(
        label=_("Besluit door"),
        required=False,
        choices=[("", _("College en raad")), *ParticipationAdvice.DecidingBody.choices],
        error_messages={
            "invalid_choice": _("Dit orgaan kennen we niet: het filter is niet toegepast.")
        },
    )
    kern = forms.ModelChoiceField(
        label=_("Kern"),
        required=False,
        queryset=Kern.objects.all(),
        to_field_name="slug",
        empty_label=_("Alle kernen"),
        error_messages={
            "invalid_choice": _("Deze kern kennen we niet: het filter is niet toegepast.")
        },
    )

    def filters(self) -> dict:
        """Only the filters that were valid: a wrong value never hides the whole list."""
        data = getattr(self, "cleaned_data", {})
        return {
            "status": data.get("status") or None,
            "department": data.get("department"),
            "deciding_body": data.get("deciding_body") or None,
            "kern": data.get("kern"),
        }


class RequestForm(UtrechtFormMixin, forms.Form):
    challenge = forms.CharField(
        label=_("Opgave"),
        help_text=_("Een opgave van de soort “beleid met participatie”."),
        widget=forms.Select(attrs={"class": "utrecht-select utrecht-select--html-select"}),
        error_messages={"required": _("Kies de opgave waarover u advies vraagt.")},
    )
    question = forms.CharField(
        label=_("Uw vraag aan het ontwikkelteam"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Schrijf de vraag aan het ontwikkelteam.")},
    )
    decision_date = forms.DateField(
        label=_("Datum van het besluit"),
        widget=_DATE_INPUT,
        help_text=_("Wanneer het college of de raad naar verwachting besluit."),
        error_messages={
            "required": _("Vul de datum van het besluit in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 2026-03-31."),
        },
    )
    deciding_body = forms.ChoiceField(
        label=_("Wie besluit"),
        choices=[("", _("Kies…")), *ParticipationAdvice.DecidingBody.choices],
        error_messages={
            "required": _("Kies het college of de gemeenteraad."),
            "invalid_choice": _("Kies het college of de gemeenteraad."),
        },
    )
    token = TokenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (str(c.pk), f"{c.reference} · {c.title}") for c in selectors.requestable_challenges()
        ]
        self.fields["challenge"].widget.choices = [("", _("Kies een opgave…")), *choices]
        if not self.is_bound:
            self.initial.setdefault("token", new_submission_token())

    def clean_challenge(self) -> Challenge:
        value = self.cleaned_data["challenge"]
        challenge = None
        if value.isdigit() and len(value) < 19:
            challenge = Challenge.objects.filter(pk=int(value)).first()
        if challenge is None:
            raise forms.ValidationError(_("Deze opgave bestaat niet."), code="unknown_challenge")
        return challenge


class DutyField:
    """Names of the two checklist fields of one duty."""

    @staticmethod
    def applies(duty: str) -> str:
        return f"duty_{duty}_applies"

    @staticmethod
    def note(duty: str) -> str:
        return f"duty_{duty}_note"


_APPLIES_CHOICES = [("", _("nog niet beoordeeld")), ("yes", _("ja")), ("no", _("nee"))]
_APPLIES_VALUES = {"": None, "yes": True, "no": False}


class AdviceEditForm(UtrechtFormMixin, forms.Form):
    affected = forms.CharField(
        label=_("Wie worden geraakt"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Inwoners, ondernemers, verenigingen, partners: wie merkt dit besluit?"),
    )
    kernen = forms.ModelMultipleChoiceField(
        label=_("In welke kernen"),
        required=False,
        queryset=Kern.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    ladder_level = forms.ChoiceField(
        label=_("Beoogde trede op de participatieladder"),
        required=False,
        choices=[("", _("Nog niet bepaald")), *ParticipationAdvice.LadderLevel.choices],
    )
    ladder_rationale = forms.CharField(
        label=_("Waarom deze trede"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    government_role = forms.ChoiceField(
        label=_("Rol van de gemeente"),
        required=False,
        choices=[("", _("Nog niet bepaald")), *Challenge.GovernmentRole.choices],
        help_text=_("Rob (2012): loslaten, faciliteren, stimuleren, regisseren of reguleren."),
    )
    timing = forms.CharField(
        label=_("Planning ten opzichte van het besluit"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wanneer wie meedoet, en hoe lang vóór het besluit."),
    )
    feedback = forms.CharField(
        label=_("Terugkoppeling aan deelnemers"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hoe deelnemers horen wat er met hun inbreng is gedaan."),
    )
    evaluation = forms.CharField(
        label=_("Evaluatie"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hoe en wanneer de participatie wordt geëvalueerd."),
    )
    critical_remarks = forms.CharField(
        label=_("Kritische kanttekeningen van het team"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for duty in Duty:
            applies = forms.ChoiceField(
                label=_("Van toepassing"),
                required=False,
                choices=_APPLIES_CHOICES,
                error_messages={"invalid_choice": _("Kies ja, nee of nog niet beoordeeld.")},
            )
            applies.widget.attrs["class"] = "utrecht-select utrecht-select--html-select"
            note = forms.CharField(
                label=_("Toelichting"),
                required=False,
                max_length=5000,
                widget=forms.Textarea(
                    attrs={"rows": 2, "class": "utrecht-textarea utrecht-textarea--html-textarea"}
                ),
            )
            self.fields[DutyField.applies(duty)] = applies
            self.fields[DutyField.note(duty)] = note

    @staticmethod
    def initial_from(advice: ParticipationAdvice, duties) -> dict:
        initial = {
            name: getattr(advice, name)
            for name in (
                "affected",
                "ladder_level",
                "ladder_rationale",
                "government_role",
                "timing",
                "feedback",
                "evaluation",
                "critical_remarks",
            )
        }
        initial["kernen"] = [k.pk for k in advice.kernen.all()]
        for check in duties:
            initial[DutyField.applies(check.duty)] = {None: "", True: "yes", False: "no"}[
                check.applies
            ]
            initial[DutyField.note(check.duty)] = check.note
        return initial

    def duty_rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (duty.label, self[DutyField.applies(duty)], self[DutyField.note(duty)]) for duty in Duty
        ]

    def service_arguments(self) -> dict:
        data = dict(self.cleaned_data)
        duties = {
            duty: (
                _APPLIES_VALUES[data.pop(DutyField.applies(duty))],
                data.pop(DutyField.note(duty)),
            )
            for duty in Duty.values
        }
        return {"duties": duties, "kernen": data.pop("kernen"), **data}


class TransitionForm(forms.Form):
    to = forms.ChoiceField(choices=Status.choices)
    token = TokenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="status", **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", new_submission_token())


class FollowUpForm(UtrechtFormMixin, forms.Form):
    followed = forms.ChoiceField(
        label=_("Is het advies opgevolgd?"),
        choices=[("", _("Kies…")), *ParticipationAdvice.Followed.choices],
        error_messages={
            "required": _("Geef aan of het advies is opgevolgd: ja, gedeeltelijk of nee."),
            "invalid_choice": _("Geef aan of het advies is opgevolgd: ja, gedeeltelijk of nee."),
        },
    )
    result = forms.CharField(
        label=_("Resultaat"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat besloot het college of de raad, en wat kwam er uit de participatie?"),
        error_messages={
            "required": _("Beschrijf wat het resultaat was van het besluit en de participatie.")
        },
    )
    token = TokenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="followup", **kwargs)
        if not self.is_bound:
            self.initial.setdefault("token", new_submission_token())
