from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from samenspel.organisation.models import Employee, Partner, Skill

from .models import ChallengeNeeds, Membership

SKILL_ROWS = 6
WEIGHT_CHOICES = [("", "—")] + [(str(i), str(i)) for i in range(1, 6)]

_number = {"class": "utrecht-textbox utrecht-textbox--html-input samenspel-number"}
_select = {"class": "utrecht-select utrecht-select--html-select"}


class NeedsForm(forms.Form):
    """What the challenge needs: up to six skills with a weight, hours and size bounds."""

    hours_per_member = forms.DecimalField(
        label=_("Uren per week per lid"),
        min_value=Decimal("0.5"),
        max_value=Decimal("40"),
        decimal_places=1,
        widget=forms.NumberInput(attrs={**_number, "step": "0.5"}),
    )
    min_size = forms.IntegerField(
        label=_("Minimale omvang"), min_value=1, max_value=30, widget=forms.NumberInput(_number)
    )
    max_size = forms.IntegerField(
        label=_("Maximale omvang"), min_value=1, max_value=30, widget=forms.NumberInput(_number)
    )
    max_per_department = forms.IntegerField(
        label=_("Hoogstens per afdeling"),
        min_value=1,
        max_value=30,
        widget=forms.NumberInput(_number),
    )
    partner_kinds = forms.MultipleChoiceField(
        label=_("Gewenste soorten partners"),
        choices=Partner.Kind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, needs: ChallengeNeeds | None = None, **kwargs):
        if needs is not None and "data" not in kwargs and not args:
            initial = {
                "hours_per_member": needs.hours_per_member,
                "min_size": needs.min_size,
                "max_size": needs.max_size,
                "max_per_department": needs.max_per_department,
                "partner_kinds": needs.partner_kinds,
            }
            for i, need in enumerate(needs.skill_list[:SKILL_ROWS]):
                initial[f"skill_{i}"] = need.skill_id
                initial[f"weight_{i}"] = str(need.weight)
            kwargs["initial"] = initial
        elif needs is None and "data" not in kwargs and not args:
            kwargs["initial"] = {
                "hours_per_member": Decimal("2"),
                "min_size": 3,
                "max_size": 6,
                "max_per_department": 2,
            }
        super().__init__(*args, **kwargs)
        skills = Skill.objects.all()
        for i in range(SKILL_ROWS):
            self.fields[f"skill_{i}"] = forms.ModelChoiceField(
                label=_("Vaardigheid %(n)s") % {"n": i + 1},
                queryset=skills,
                required=False,
                empty_label="—",
                widget=forms.Select(_select),
            )
            self.fields[f"weight_{i}"] = forms.TypedChoiceField(
                label=_("Gewicht %(n)s") % {"n": i + 1},
                choices=WEIGHT_CHOICES,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.Select(_select),
            )

    def skill_rows(self):
        return [(self[f"skill_{i}"], self[f"weight_{i}"]) for i in range(SKILL_ROWS)]

    def clean(self):
        cleaned = super().clean()
        skills: dict[Skill, int] = {}
        for i in range(SKILL_ROWS):
            skill = cleaned.get(f"skill_{i}")
            weight = cleaned.get(f"weight_{i}")
            if skill is None:
                continue
            if skill in skills:
                self.add_error(f"skill_{i}", _("Deze vaardigheid staat er al."))
                continue
            skills[skill] = weight or 1
        if not skills and not self.errors:
            raise forms.ValidationError(
                _("Noem ten minste één vaardigheid die de opgave nodig heeft.")
            )
        low, high = cleaned.get("min_size"), cleaned.get("max_size")
        if low and high and high < low:
            self.add_error(
                "max_size", _("De maximale omvang kan niet kleiner zijn dan de minimale.")
            )
        cleaned["skills"] = skills
        return cleaned


class AddMemberForm(forms.Form):
    employee = forms.ModelChoiceField(
        label=_("Collega"),
        queryset=Employee.objects.filter(active=True).select_related("department"),
        widget=forms.Select(_select),
        error_messages={"invalid_choice": _("Kies een collega uit de lijst.")},
    )
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=[
            (Membership.Role.MEMBER, _("lid")),
            (Membership.Role.OWNER, _("eigenaar")),
            (Membership.Role.COACH, _("coach (ontwikkelteam)")),
        ],
        widget=forms.Select(_select),
    )

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employee"].label_from_instance = lambda e: f"{e.name} ({e.department.name})"
        if candidates is not None:
            self.fields["employee"].choices = [("", "—")] + [
                (c.pk, f"{c.name} ({c.department.name})") for c in candidates
            ]


class PartnerForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Partner"),
        queryset=Partner.objects.all(),
        widget=forms.Select(_select),
        error_messages={"invalid_choice": _("Kies een partner uit de lijst.")},
    )


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        choices=[("accept", _("Ja, ik doe mee")), ("decline", _("Nee, ik doe niet mee"))],
        error_messages={"required": _("Kies ja of nee."), "invalid_choice": _("Kies ja of nee.")},
    )


class ApprovalForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Goedkeuren")), ("refuse", _("Afwijzen"))],
        error_messages={
            "required": _("Kies goedkeuren of afwijzen."),
            "invalid_choice": _("Kies goedkeuren of afwijzen."),
        },
    )
