"""Forms of the intake: the public report, staff intake, inbox filters and actions."""

import re
import secrets
import time

from django import forms
from django.core import signing
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from samenspel.places.models import Kern

from . import images, selectors
from .models import Channel, Signal
from .selectors import UNKNOWN_KERN
from .services import CLOCK_SKEW, MAX_TEXT_LENGTH

FORM_TOKEN_SALT = "samenspel.intake.form-token"  # noqa: S105 (a namespace, not a secret)
# A form left open for a day is stale; a new token keeps replays apart from new reports.
FORM_TOKEN_MAX_AGE = 24 * 3600
PHONE_PATTERN = re.compile(r"^[0-9+()\-\s.]{6,30}$")

TEXTBOX = "utrecht-textbox utrecht-textbox--html-input"
TEXTAREA = "utrecht-textarea utrecht-textarea--html-textarea"
SELECT = "utrecht-select utrecht-select--html-select"
CHECKBOX = "utrecht-checkbox utrecht-checkbox--html-input"


def new_form_token() -> str:
    """A signed random submission token with the moment the form was handed out."""
    return signing.dumps(
        {"token": secrets.token_urlsafe(32), "started": time.time()}, salt=FORM_TOKEN_SALT
    )


def read_form_token(value: str) -> tuple[str, float] | None:
    """Return (submission_token, started) or None when the token is missing or forged."""
    try:
        data = signing.loads(value or "", salt=FORM_TOKEN_SALT, max_age=FORM_TOKEN_MAX_AGE)
        return str(data["token"]), float(data["started"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


class AccessibleFormMixin:
    """Utrecht classes on every widget; errors and descriptions linked by aria-describedby."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = CHECKBOX
            elif isinstance(widget, forms.Textarea):
                css = TEXTAREA
            elif isinstance(widget, forms.Select):
                css = SELECT
            elif isinstance(widget, forms.HiddenInput):
                continue
            else:
                css = TEXTBOX
            widget.attrs["class"] = f"{css} {widget.attrs.get('class', '')}".strip()

    def full_clean(self):
        super().full_clean()
        for name, field in self.fields.items():
            bound = self[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}-help")
            if name in self.errors:
                described.append(f"{bound.auto_id}-error")
                field.widget.attrs["aria-invalid"] = "true"
            if described:
                field.widget.attrs["aria-describedby"] = " ".join(described)

    @property
    def fields_with_errors(self) -> list:
        """For the error summary at the top of the form, each linking to its field."""
        return [bound for bound in self.visible_fields() if bound.errors]


class ReporterFieldsMixin(forms.Form):
    """The reporter's optional contact details, shared by the public and the staff form."""

    name = forms.CharField(label=_("Naam"), max_length=150, required=False)
    email = forms.EmailField(
        label=_("E-mailadres"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
    )
    phone = forms.CharField(
        label=_("Telefoonnummer"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
    )
    wants_updates = forms.BooleanField(label=_("Ik wil deze melding volgen"), required=False)
    follow_needs_email_message = _(
        "Vul uw e-mailadres in als u de melding wilt volgen: daar sturen we de link naartoe."
    )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE_PATTERN.match(phone):
            raise ValidationError(
                _("Vul een telefoonnummer in met alleen cijfers, zoals 0183 123456.")
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("wants_updates") and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("wants_updates", self.follow_needs_email_message)
        return cleaned


class SignalFieldsMixin(forms.Form):
    text = forms.CharField(
        label=_("Wat wilt u melden?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=MAX_TEXT_LENGTH,
        help_text=_("Beschrijf wat er speelt en waar. Hoogstens 5000 tekens."),
        error_messages={
            "required": _("Beschrijf wat u wilt melden."),
            "max_length": _(
                "De omschrijving is te lang: hoogstens %(limit_value)d tekens, "
                "u gebruikte er %(show_value)d."
            ),
        },
    )
    kern = forms.ChoiceField(
        label=_("In welke kern?"),
        error_messages={
            "required": _("Kies een kern, of “Weet ik niet”."),
            "invalid_choice": _("Kies een kern uit de lijst, of “Weet ik niet”."),
        },
    )
    photo = forms.FileField(
        label=_("Foto"),
        required=False,
        help_text=_("Een JPG-, PNG- of WEBP-foto. Wij verwijderen locatiegegevens uit de foto."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
        error_messages={
            "invalid": _("Het bestand kon niet worden gelezen. Kies een andere foto."),
            "empty": _("Het gekozen bestand is leeg. Kies een andere foto."),
        },
    )

    # The kern list's first choice; the staff form names it differently.
    unknown_kern_label = _("Weet ik niet")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for the list and, in `clean_kern`, for the chosen kern.
        self._kernen = {str(kern.pk): kern for kern in Kern.objects.order_by("name")}
        self.fields["kern"].choices = [
            (UNKNOWN_KERN, self.unknown_kern_label),
            *((pk, kern.name) for pk, kern in self._kernen.items()),
        ]

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise ValidationError(_("Beschrijf wat u wilt melden."))
        return text

    def clean_kern(self) -> Kern | None:
        value = self.cleaned_data["kern"]
        if value == UNKNOWN_KERN:
            return None
        kern = self._kernen.get(value)
        if kern is None:
            raise ValidationError(_("Kies een kern uit de lijst, of “Weet ik niet”."))
        return kern

    def clean_photo(self):
        upload = self.cleaned_data.get("photo")
        if not upload:
            return None
        return images.clean_photo(upload)


class PublicReportForm(AccessibleFormMixin, SignalFieldsMixin, ReporterFieldsMixin):
    """The resident's report form: no account, works without JavaScript."""

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    # Honeypot: hidden from people by CSS (class samenspel-honeypot), filled in by bots.
    website = forms.CharField(
        label=_("Laat dit veld leeg"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    field_order = ["text", "kern", "photo", "name", "email", "phone", "wants_updates"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Uw naam")
        self.fields["email"].label = _("Uw e-mailadres")
        self.fields["email"].help_text = _(
            "Dan sturen we u een ontvangstbevestiging. Nodig als u de melding wilt volgen."
        )
        self.fields["phone"].label = _("Uw telefoonnummer")
        # WCAG 1.3.5 (identify input purpose): the resident's own details can be autofilled.
        for name, purpose in (("name", "name"), ("email", "email"), ("phone", "tel")):
            self.fields[name].widget.attrs["autocomplete"] = purpose
        self.fields["wants_updates"].help_text = _(
            "U krijgt een persoonlijke link en een e-mail als er nieuws is."
        )
        # While the resident types, htmx asks for public challenges that look alike (issue 3);
        # without JavaScript these attributes do nothing and the form submits as before.
        self.fields["text"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("intake:report_suggestions"),
                "hx-trigger": "keyup changed delay:600ms",
                "hx-target": "#report-suggestions",
                "hx-include": "#id_kern",
                "hx-sync": "this:replace",
            }
        )


class StaffSignalForm(AccessibleFormMixin, SignalFieldsMixin, ReporterFieldsMixin):
    """A signal that reached a staff member: phone, e-mail, council, a talk in the kern."""

    unknown_kern_label = _("Onbekend")
    # Staff wording: it is the reporter's address, not the user's.
    follow_needs_email_message = _(
        "Vul het e-mailadres van de melder in: daar sturen we de link naartoe."
    )

    form_token = forms.CharField(widget=forms.HiddenInput, required=False)
    channel = forms.ChoiceField(
        label=_("Kanaal"),
        choices=[("", _("Kies een kanaal"))]
        + [(value, label) for value, label in Channel.choices if value != Channel.WEB],
        error_messages={
            "required": _("Kies het kanaal waarlangs het signaal binnenkwam."),
            "invalid_choice": _("Kies een kanaal uit de lijst."),
        },
    )
    received_at = forms.DateTimeField(
        label=_("Ontvangen op"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": _("Vul datum en tijd van ontvangst in."),
            "invalid": _("Vul een geldige datum en tijd in, zoals 27-11-2026 14:30."),
        },
    )

    field_order = [
        "text",
        "kern",
        "channel",
        "received_at",
        "photo",
        "name",
        "email",
        "phone",
        "wants_updates",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Signaal")
        self.fields["text"].help_text = _("Wat vertelde de melder? Hoogstens 5000 tekens.")
        self.fields["kern"].label = _("Kern")
        self.fields["name"].label = _("Naam melder")
        self.fields["email"].label = _("E-mailadres melder")
        self.fields["phone"].label = _("Telefoonnummer melder")
        # These are the reporter's details, not the staff member's: no autofill.
        for name in ("name", "email", "phone"):
            self.fields[name].widget.attrs["autocomplete"] = "off"
        self.fields["wants_updates"].label = _("De melder wil dit signaal volgen")
        self.fields["wants_updates"].help_text = _(
            "De melder krijgt een persoonlijke link per e-mail."
        )
        if not self.is_bound:
            self.initial.setdefault(
                "received_at", timezone.localtime().replace(second=0, microsecond=0)
            )

    def clean_received_at(self):
        received_at = self.cleaned_data["received_at"]
        if received_at > timezone.now() + CLOCK_SKEW:
            raise ValidationError(_("Het tijdstip van ontvangst kan niet in de toekomst liggen."))
        return received_at


class OnePassSelect(forms.Select):
    """A select rendered in one pass of string formatting.

    Django renders a select through one template per option; on the inbox, which every
    triage visit opens, the three filters cost more than the fifty rows of signals.
    Same HTML, flat choices only.
    """

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        selected = set(self.format_value(value))
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (option, mark_safe(" selected") if str(option) in selected else "", label)
                for option, label in self.choices
            ),
        )
        final_attrs = flatatt(self.build_attrs(self.attrs, attrs))
        return format_html('<select name="{}"{}>{}</select>', name, final_attrs, options)


class InboxFilterForm(AccessibleFormMixin, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Alle"))] + list(Signal.Status.choices),
        widget=OnePassSelect,
    )
    kern = forms.ChoiceField(label=_("Kern"), required=False, widget=OnePassSelect)
    channel = forms.ChoiceField(
        label=_("Kanaal"),
        required=False,
        choices=[("", _("Alle"))] + list(Channel.choices),
        widget=OnePassSelect,
    )
    date_from = forms.DateField(
        label=_("Ontvangen vanaf"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
    date_to = forms.DateField(
        label=_("Ontvangen tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    def __init__(self, *args, kern_options: list[tuple[str, str]] | None = None, **kwargs):
        """`kern_options`: (id, name) of every kern, when the caller has them cached."""
        super().__init__(*args, **kwargs)
        self.fields["kern"].choices = [
            ("", _("Alle")),
            (UNKNOWN_KERN, _("Onbekend")),
            *(kern_options if kern_options is not None else selectors.kern_options()),
        ]
        for field in self.fields.values():
            field.error_messages["invalid_choice"] = _("Kies een waarde uit de lijst.")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return cleaned


class DismissForm(AccessibleFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Een melder die het signaal volgt, krijgt deze reden te lezen."),
        error_messages={
            "required": _("Geef een reden: de melder krijgt die te lezen."),
            "max_length": _("De reden mag hoogstens %(limit_value)d tekens lang zijn."),
        },
    )


class LinkForm(forms.Form):
    """The inbox selection: link to an existing challenge or start a new one."""

    ACTION_LINK = "link"
    ACTION_CREATE = "create"

    signal = forms.TypedMultipleChoiceField(coerce=int, required=False)
    challenge = forms.CharField(label=_("Opgavenummer"), required=False, max_length=20)
    action = forms.ChoiceField(
        choices=[(ACTION_LINK, ACTION_LINK), (ACTION_CREATE, ACTION_CREATE)], required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The ids are checked against the user's scope in the view, not against a list here.
        values = self.data.getlist("signal") if hasattr(self.data, "getlist") else []
        self.fields["signal"].choices = [(v, v) for v in values if str(v).isdigit()]
