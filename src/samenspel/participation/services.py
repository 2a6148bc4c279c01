"""Every write to a participation advice. Keyword-only, atomic, and each leaves an AdviceEvent."""

import datetime
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from samenspel.challenges.models import Challenge
from samenspel.notifications.services import outbox_enqueue
from samenspel.organisation.models import Employee

from . import permissions
from .models import AdviceEvent, Duty, DutyCheck, ParticipationAdvice
from .workflow import EDITABLE_STATUSES, Status, allowed_transitions

# The parts of the advice the team must have written before it is given.
REQUIRED_FOR_GIVEN = (
    "affected",
    "ladder_level",
    "ladder_rationale",
    "government_role",
    "timing",
    "feedback",
    "evaluation",
)
CHANGEABLE_FIELDS = (*REQUIRED_FOR_GIVEN, "critical_remarks")


def _advice_url(advice: ParticipationAdvice) -> str:
    return settings.SAMENSPEL_BASE_URL + reverse("participation:detail", args=[advice.pk])


def _requesting_department(*, actor, challenge: Challenge):
    """The department that asks: the policy's owner; people of another one cannot ask for it."""
    own_department_id = permissions.department_id_of(actor)
    if permissions.can_write(actor):
        department = challenge.owner_department
        if department is None and own_department_id is None:
            raise ValidationError(
                {
                    "challenge": _(
                        "Deze opgave heeft nog geen eigenaar-afdeling. Leg eerst vast welke "
                        "afdeling het beleid maakt; die afdeling vraagt het advies aan."
                    )
                }
            )
        return department or permissions.employee_of(actor).department
    if own_department_id is None:
        raise PermissionDenied
    if challenge.owner_department_id and challenge.owner_department_id != own_department_id:
        raise ValidationError(
            {
                "challenge": _(
                    "Deze opgave is van de afdeling %(department)s. Alleen die afdeling (of het "
                    "ontwikkelteam) vraagt er participatieadvies voor aan."
                )
                % {"department": challenge.owner_department.name}
            }
        )
    return permissions.employee_of(actor).department


@transaction.atomic
def advice_request(
    *,
    actor,
    challenge: Challenge,
    question: str,
    decision_date: datetime.date,
    deciding_body: str,
    submission_token: str | None = None,
) -> ParticipationAdvice:
    """A department asks the development team for participation advice on a policy."""
    if not permissions.can_request(actor):
        raise PermissionDenied
    if submission_token:
        existing = ParticipationAdvice.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return existing
    # Lock the challenge so two requests for it at once cannot both pass the check below.
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    if challenge.kind != Challenge.Kind.POLICY:
        raise ValidationError(
            {
                "challenge": _(
                    "Participatieadvies is er voor opgaven van de soort “%(policy)s”. "
                    "“%(title)s” is een %(kind)s; wijzig eerst de soort van de opgave als de "
                    "gemeente hier zelf beleid maakt."
                )
                % {
                    "policy": Challenge.Kind.POLICY.label,
                    "title": challenge.title,
                    "kind": challenge.get_kind_display(),
                }
            }
        )
    existing = ParticipationAdvice.objects.filter(challenge=challenge).first()
    if existing is not None:
        raise ValidationError(
            {
                "challenge": _(
                    "Voor deze opgave is al participatieadvies aangevraagd (%(reference)s)."
                )
                % {"reference": existing.reference}
            }
        )
    question = question.strip()
    errors = {}
    if not question:
        errors["question"] = _("Schrijf de vraag aan het ontwikkelteam.")
    if decision_date < timezone.localdate():
        errors["decision_date"] = _(
            "Deze datum ligt in het verleden. Advies over participatie komt vóór het besluit."
        )
    if deciding_body not in ParticipationAdvice.DecidingBody.values:
        errors["deciding_body"] = _("Kies het college of de gemeenteraad.")
    if errors:
        raise ValidationError(errors)
    advice = ParticipationAdvice.objects.create(
        challenge=challenge,
        requesting_department=_requesting_department(actor=actor, challenge=challenge),
        requested_by=actor,
        question=question,
        decision_date=decision_date,
        deciding_body=deciding_body,
        government_role=challenge.government_role,
        submission_token=submission_token or None,
    )
    advice.kernen.set(challenge.kernen.all())
    DutyCheck.objects.bulk_create(DutyCheck(advice=advice, duty=duty) for duty in Duty.values)
    AdviceEvent.objects.create(
        advice=advice,
        kind=AdviceEvent.Kind.REQUESTED,
        actor=actor,
        to_status=advice.status,
        text=question,
    )
    team = Employee.objects.filter(is_development_team=True, active=True).exclude(email="")
    for member in team:
        outbox_enqueue(
            to=member.email,
            subject=gettext_lazy("Participatieadvies gevraagd: %(title)s")
            % {"title": challenge.title},
            template="participation/email/requested.txt",
            context={"advice": advice, "url": _advice_url(advice)},
            dedupe_key=f"advice-requested:{advice.pk}:{member.pk}",
        )
    return advice


@transaction.atomic
def advice_update(
    *,
    advice: ParticipationAdvice,
    actor,
    kernen: Iterable | None = None,
    duties: Mapping[str, tuple[bool | None, str]] | None = None,
    **fields,
) -> ParticipationAdvice:
    """The team writes the advice, while it is in progress."""
    unknown = set(fields) - set(CHANGEABLE_FIELDS)
    if unknown:
        raise TypeError(f"not changeable: {sorted(unknown)}")
    if not permissions.can_write(actor):
        raise PermissionDenied
    advice = ParticipationAdvice.objects.select_for_update().get(pk=advice.pk)
    if advice.status not in EDITABLE_STATUSES:
        raise ValidationError(
            _("Het advies is “%(status)s”: neem het eerst in behandeling om het te bewerken.")
            % {"status": advice.get_status_display()}
        )
    changed = [name for name, value in fields.items() if getattr(advice, name) != value]
    for name in changed:
        setattr(
            advice, name, fields[name].strip() if isinstance(fields[name], str) else fields[name]
        )
    advice.full_clean(exclude=["kernen", "challenge", "submission_token"])
    advice.save()
    if kernen is not None and set(advice.kernen.all()) != set(kernen):
        advice.kernen.set(kernen)
        changed.append("kernen")
    if duties is not None:
        for check in advice.duties.all():
            if check.duty not in duties:
                continue
            applies, note = duties[check.duty]
            if (check.applies, check.note) != (applies, note.strip()):
                check.applies, check.note = applies, note.strip()
                check.save(update_fields=["applies", "note"])
                if "duties" not in changed:
                    changed.append("duties")
    if changed:
        names = [
            str(ParticipationAdvice._meta.get_field(name).verbose_name)
            if name != "duties"
            else _("plichten")
            for name in changed
        ]
        AdviceEvent.objects.create(
            advice=advice, kind=AdviceEvent.Kind.CHANGED, actor=actor, text=", ".join(names)
        )
    return advice


def missing_for_given(advice: ParticipationAdvice) -> list[str]:
    """What the team has not yet written: an advice is given complete or not at all."""
    missing = [
        str(ParticipationAdvice._meta.get_field(name).verbose_name)
        for name in REQUIRED_FOR_GIVEN
        if not getattr(advice, name)
    ]
    unjudged = [str(check) for check in advice.duties.all() if check.applies is None]
    if unjudged:
        missing.append(
            _("of deze plicht van toepassing is: %(duties)s") % {"duties": "; ".join(unjudged)}
        )
    return missing


@transaction.atomic
def advice_transition(
    *,
    advice: ParticipationAdvice,
    to: str,
    actor,
    followed: str = "",
    result: str = "",
    submission_token: str | None = None,
) -> AdviceEvent:
    """One step of the workflow table; the follow-up step records what came of the advice."""
    advice = ParticipationAdvice.objects.select_for_update().get(pk=advice.pk)
    if submission_token:
        replayed = AdviceEvent.objects.filter(
            advice=advice, submission_token=submission_token
        ).first()
        if replayed is not None:
            return replayed
    allowed = allowed_transitions(advice.status)
    if to not in allowed:
        raise ValidationError(
            _("Van “%(from)s” naar “%(to)s” is geen toegestane stap.")
            % {
                "from": Status(advice.status).label,
                "to": Status(to).label if to in Status.values else to,
            }
        )
    if not permissions.can_act(actor, advice, allowed[to]):
        raise PermissionDenied
    now = timezone.now()
    text = ""
    update_fields = ["status", "updated_at"]
    if to == Status.GIVEN:
        missing = missing_for_given(advice)
        if missing:
            raise ValidationError(
                _("Het advies is nog niet compleet. Vul nog in: %(missing)s.")
                % {"missing": ", ".join(missing)}
            )
        advice.given_at = now
        update_fields.append("given_at")
    elif to == Status.IN_PROGRESS and advice.advisor_id is None:
        employee = permissions.employee_of(actor)
        if employee is not None and employee.is_development_team:
            advice.advisor = employee
            update_fields.append("advisor")
    elif to == Status.FOLLOWED_UP:
        result = result.strip()
        errors = {}
        if followed not in ParticipationAdvice.Followed.values:
            errors["followed"] = _("Geef aan of het advies is opgevolgd: ja, gedeeltelijk of nee.")
        if not result:
            errors["result"] = _(
                "Beschrijf wat het resultaat was van het besluit en de participatie."
            )
        if errors:
            raise ValidationError(errors)
        if timezone.localdate() < advice.decision_date:
            raise ValidationError(
                _(
                    "Het besluit staat gepland op %(date)s. Leg de opvolging vast als het "
                    "besluit is genomen."
                )
                % {"date": date_format(advice.decision_date)}
            )
        advice.followed, advice.result, advice.followed_up_at = followed, result, now
        update_fields += ["followed", "result", "followed_up_at"]
        text = f"{advice.get_followed_display()}: {result}"
    from_status = advice.status
    advice.status = to
    advice.save(update_fields=update_fields)
    event = AdviceEvent.objects.create(
        advice=advice,
        kind=AdviceEvent.Kind.TRANSITION,
        actor=actor,
        from_status=from_status,
        to_status=to,
        text=text,
        submission_token=submission_token or None,
    )
    if to == Status.GIVEN and advice.requested_by and advice.requested_by.email:
        outbox_enqueue(
            to=advice.requested_by.email,
            subject=gettext_lazy("Het participatieadvies voor “%(title)s” is klaar")
            % {"title": advice.challenge.title},
            template="participation/email/given.txt",
            context={"advice": advice, "url": _advice_url(advice)},
            dedupe_key=f"advice-given:{event.pk}",
        )
    return event
