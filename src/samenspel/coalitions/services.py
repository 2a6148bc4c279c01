"""Every write to coalitions. Keyword-only, atomic; each membership change leaves an event."""

import secrets
from collections.abc import Iterable, Mapping
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.challenges.models import Challenge
from samenspel.notifications.services import outbox_enqueue
from samenspel.organisation.models import Employee, Partner, Skill

from . import recommender, selectors
from .models import (
    ACTIVE_STATUSES,
    ChallengeNeeds,
    Coalition,
    Membership,
    MembershipEvent,
    NeedSkill,
)

DEFAULT_APPROVAL_HOURS = 4


def approval_threshold() -> Decimal:
    """Commitments above this many hours a week need the invitee's manager's approval."""
    hours = getattr(settings, "SAMENSPEL_COMMITMENT_APPROVAL_HOURS", DEFAULT_APPROVAL_HOURS)
    return Decimal(str(hours))


def recommender_time_limit() -> float:
    return float(
        getattr(settings, "SAMENSPEL_RECOMMENDER_TIME_LIMIT", recommender.DEFAULT_TIME_LIMIT)
    )


def invitation_url(membership: Membership) -> str:
    return settings.SAMENSPEL_BASE_URL + reverse(
        "coalitions:invitation", args=[membership.response_token]
    )


def _event(membership: Membership, kind: str, actor, at=None) -> None:
    MembershipEvent.objects.create(
        membership=membership,
        employee_id=membership.employee_id,
        kind=kind,
        role=membership.role,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=at or timezone.now(),
    )


def _lock_coalition(coalition: Coalition) -> Coalition:
    # Serialises changes to one team, so two clicks never put two owners on it.
    return Coalition.objects.select_for_update().get(pk=coalition.pk)


# --------------------------------------------------------------------------- needs


@transaction.atomic
def needs_save(
    *,
    challenge: Challenge,
    actor,
    hours_per_member: Decimal,
    min_size: int,
    max_size: int,
    max_per_department: int,
    skills: Mapping[Skill, int],
    partner_kinds: Iterable[str] = (),
) -> ChallengeNeeds:
    """Store what a challenge needs, replacing the previous needs as a whole."""
    errors = {}
    if not skills:
        errors["__all__"] = _("Noem ten minste één vaardigheid die de opgave nodig heeft.")
    if min_size < 1:
        errors["min_size"] = _("De minimale omvang is minstens 1.")
    if max_size < min_size:
        errors["max_size"] = _("De maximale omvang kan niet kleiner zijn dan de minimale.")
    if max_per_department < 1:
        errors["max_per_department"] = _("Per afdeling mag er minstens 1 lid zijn.")
    if not Decimal("0.5") <= Decimal(hours_per_member) <= Decimal("40"):
        errors["hours_per_member"] = _("Kies tussen 0,5 en 40 uur per week.")
    if any(not 1 <= weight <= 5 for weight in skills.values()):
        errors["__all__"] = _("Een gewicht is 1, 2, 3, 4 of 5.")
    unknown = set(partner_kinds) - set(Partner.Kind.values)
    if unknown:
        errors["partner_kinds"] = _("Kies soorten partners uit de lijst.")
    if errors:
        raise ValidationError(errors)
    needs, _created = ChallengeNeeds.objects.update_or_create(
        challenge=challenge,
        defaults={
            "hours_per_member": hours_per_member,
            "min_size": min_size,
            "max_size": max_size,
            "max_per_department": max_per_department,
            "partner_kinds": sorted(set(partner_kinds)),
            "updated_by": actor,
        },
    )
    needs.skills.all().delete()
    NeedSkill.objects.bulk_create(
        NeedSkill(needs=needs, skill=skill, weight=weight) for skill, weight in skills.items()
    )
    return needs


def _needs_or_error(challenge: Challenge) -> ChallengeNeeds:
    needs = selectors.needs_for_challenge(challenge=challenge)
    if needs is None or not needs.skill_list:
        raise ValidationError(
            _("Leg eerst vast wat de opgave nodig heeft: vaardigheden, uren en omvang.")
        )
    if challenge.owner_department_id is None:
        raise ValidationError(
            _(
                "Kies eerst de afdeling die eigenaar is van de opgave: de eigenaar van de "
                "coalitie komt uit die afdeling."
            )
        )
    return needs


@transaction.atomic
def coalition_get_or_create(*, challenge: Challenge, actor) -> Coalition:
    coalition, _created = Coalition.objects.get_or_create(
        challenge=challenge, defaults={"created_by": actor}
    )
    return coalition


# --------------------------------------------------------------------------- proposal


@transaction.atomic
def coalition_propose(
    *, challenge: Challenge, actor, time_limit: float | None = None
) -> recommender.Recommendation:
    """Ask the recommender for a team and store it as the proposal (not yet invited).

    A new proposal replaces the previous one; colleagues who declined or whom the team
    removed are left out, so the team's judgement is not overruled by the solver.
    """
    needs = _needs_or_error(challenge)
    coalition = _lock_coalition(coalition_get_or_create(challenge=challenge, actor=actor))
    employee_rows = coalition.memberships.filter(employee__isnull=False)
    if employee_rows.filter(
        status__in=[
            Membership.Status.INVITED,
            Membership.Status.AWAITING_APPROVAL,
            Membership.Status.ACCEPTED,
        ]
    ).exists():
        raise ValidationError(
            _(
                "Er zijn al uitnodigingen verstuurd. Vul afgeslagen plaatsen aan met de "
                "volgende beste kandidaat in plaats van opnieuw voor te stellen."
            )
        )
    employee_rows.filter(status=Membership.Status.PROPOSED).delete()
    excluded = set(employee_rows.values_list("employee_id", flat=True))
    employees = selectors.recommender_employees(coalition=coalition, exclude_ids=excluded)
    case = selectors.recommender_challenge(challenge=challenge, needs=needs)
    limit = recommender_time_limit() if time_limit is None else time_limit
    try:
        result = recommender.recommend(employees, case, time_limit=limit)
    except recommender.RecommenderError as error:
        raise ValidationError(error.message_nl) from error
    hours = needs.hours_per_member
    now = timezone.now()
    for pick in result.members:
        membership = Membership.objects.create(
            coalition=coalition,
            employee_id=pick.id,
            role=pick.role,
            hours_per_week=hours,
            reason=pick.reason,
            reason_en=pick.reason_en,
        )
        _event(membership, MembershipEvent.Kind.PROPOSED, actor, now)
    coalition.last_solver = result.solver
    coalition.last_objective = result.objective
    coalition.last_uncovered = list(result.uncovered)
    coalition.last_proposed_at = now
    coalition.save(
        update_fields=["last_solver", "last_objective", "last_uncovered", "last_proposed_at"]
    )
    return result


# --------------------------------------------------------------------------- adjusting


def _open_members(coalition: Coalition):
    return coalition.memberships.filter(status__in=ACTIVE_STATUSES, employee__isnull=False)


def _check_employee_fits(
    *, coalition: Coalition, employee: Employee, role: str, needs: ChallengeNeeds
) -> None:
    """The recommender's hard rules, applied to a hand-made change of the team."""
    challenge = coalition.challenge
    if not employee.active:
        raise ValidationError(_("Deze medewerker is niet meer in dienst."))
    if role not in (Membership.Role.OWNER, Membership.Role.MEMBER, Membership.Role.COACH):
        raise ValidationError(_("Kies als rol eigenaar, lid of coach."))
    open_members = _open_members(coalition).select_related("employee")
    if any(m.employee_id == employee.pk for m in open_members):
        raise ValidationError(_("%(name)s zit al in deze coalitie.") % {"name": employee.name})
    if employee.is_development_team:
        # Guard against taking over the work: the development team coaches, it never owns.
        if role == Membership.Role.OWNER:
            raise ValidationError(
                _(
                    "%(name)s is lid van het ontwikkelteam en kan geen eigenaar worden: het "
                    "ontwikkelteam coacht, de lijn is eigenaar van het werk."
                )
                % {"name": employee.name}
            )
        if role != Membership.Role.COACH:
            raise ValidationError(_("Een lid van het ontwikkelteam doet alleen mee als coach."))
        if any(m.employee.is_development_team for m in open_members):
            raise ValidationError(
                _("Er zit al een lid van het ontwikkelteam in deze coalitie; één coach is genoeg.")
            )
    elif role == Membership.Role.COACH:
        raise ValidationError(_("De coach komt uit het ontwikkelteam."))
    if role == Membership.Role.OWNER:
        if employee.department_id != challenge.owner_department_id:
            raise ValidationError(
                _("De eigenaar komt uit de afdeling die eigenaar is van de opgave.")
            )
        if any(m.role == Membership.Role.OWNER for m in open_members):
            raise ValidationError(_("Deze coalitie heeft al een eigenaar."))
    if len(open_members) >= needs.max_size:
        raise ValidationError(
            _("De coalitie is vol: hoogstens %(max)s leden.") % {"max": needs.max_size}
        )
    same_department = sum(m.employee.department_id == employee.department_id for m in open_members)
    if same_department >= needs.max_per_department:
        raise ValidationError(
            _("Er zitten al %(count)s leden van deze afdeling in de coalitie (het maximum).")
            % {"count": same_department}
        )
    row = selectors.employee_with_capacity(pk=employee.pk)
    if selectors.remaining_hours(row) < needs.hours_per_member:
        raise ValidationError(
            _("%(name)s heeft nog %(left)s uur per week vrij, en de coalitie vraagt %(hours)s uur.")
            % {
                "name": employee.name,
                "left": floatformat(selectors.remaining_hours(row), -1),
                "hours": floatformat(needs.hours_per_member, -1),
            }
        )


def _describe(coalition: Coalition, employee: Employee, role: str, needs) -> tuple[str, str]:
    case = selectors.recommender_challenge(challenge=coalition.challenge, needs=needs)
    team_ids = list(_open_members(coalition).values_list("employee_id", flat=True))
    people = selectors.recommender_employees(coalition=coalition)
    by_id = {p.id: p for p in people}
    team = [by_id[i] for i in team_ids if i in by_id]
    candidate = by_id.get(employee.pk)
    if candidate is None:
        return "", ""
    return selectors.describe_pick(candidate, team, case, role)


def _place(
    *, coalition: Coalition, employee: Employee, role: str, reason: str, reason_en: str, needs
) -> Membership:
    """Put an employee on the team as proposed, reusing their earlier row if they had one."""
    membership, created = Membership.objects.get_or_create(
        coalition=coalition,
        employee=employee,
        defaults={
            "role": role,
            "hours_per_week": needs.hours_per_member,
            "reason": reason,
            "reason_en": reason_en,
        },
    )
    if not created:
        membership.role = role
        membership.status = Membership.Status.PROPOSED
        membership.hours_per_week = needs.hours_per_member
        membership.reason = reason
        membership.reason_en = reason_en
        membership.invited_at = membership.responded_at = membership.approval_at = None
        membership.response_token = None
        membership.approval = ""
        membership.approval_by = None
        membership.save()
    return membership


@transaction.atomic
def membership_add(
    *, challenge: Challenge, employee: Employee, role: str, actor, reason: str = ""
) -> Membership:
    """The team adds a colleague by hand; the hard rules still hold."""
    needs = _needs_or_error(challenge)
    coalition = _lock_coalition(coalition_get_or_create(challenge=challenge, actor=actor))
    _check_employee_fits(coalition=coalition, employee=employee, role=role, needs=needs)
    auto_nl, auto_en = _describe(coalition, employee, role, needs)
    membership = _place(
        coalition=coalition,
        employee=employee,
        role=role,
        reason=reason or _("toegevoegd door het team") + (f"; {auto_nl}" if auto_nl else ""),
        reason_en="added by the team" + (f"; {auto_en}" if auto_en else ""),
        needs=needs,
    )
    _event(membership, MembershipEvent.Kind.ADDED, actor)
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, actor) -> Membership:
    membership = Membership.objects.select_for_update(of=("self",)).get(pk=membership.pk)
    if not membership.is_open:
        raise ValidationError(_("Deze persoon zit niet (meer) in de coalitie."))
    membership.status = Membership.Status.REMOVED
    membership.response_token = None
    membership.save(update_fields=["status", "response_token", "updated_at"])
    _event(membership, MembershipEvent.Kind.REMOVED, actor)
    return membership


@transaction.atomic
def membership_swap(*, membership: Membership, candidate: Employee, actor) -> Membership:
    """Replace one member by a candidate in the same role (coach if the candidate is team)."""
    if membership.employee_id is None:
        raise ValidationError(_("Alleen collega's kunnen worden gewisseld."))
    challenge = membership.coalition.challenge
    role = membership.role
    if candidate.is_development_team and role != Membership.Role.OWNER:
        role = Membership.Role.COACH
    elif role == Membership.Role.COACH:
        role = Membership.Role.MEMBER
    membership_remove(membership=membership, actor=actor)
    return membership_add(challenge=challenge, employee=candidate, role=role, actor=actor)


@transaction.atomic
def partner_add(*, challenge: Challenge, partner: Partner, actor) -> Membership:
    coalition = _lock_coalition(coalition_get_or_create(challenge=challenge, actor=actor))
    membership, created = Membership.objects.get_or_create(
        coalition=coalition,
        partner=partner,
        defaults={"role": Membership.Role.PARTNER},
    )
    if not created:
        if membership.is_open:
            raise ValidationError(_("%(name)s zit al in deze coalitie.") % {"name": partner.name})
        membership.status = Membership.Status.PROPOSED
        membership.invited_at = membership.responded_at = None
        membership.response_token = None
        membership.save()
    needs = selectors.needs_for_challenge(challenge=challenge)
    wanted = needs is not None and partner.kind in needs.partner_kinds
    membership.reason = (
        _("gevraagde soort partner: %(kind)s") if wanted else _("soort partner: %(kind)s")
    ) % {"kind": partner.get_kind_display()}
    membership.reason_en = ("wanted partner type: " if wanted else "partner type: ") + partner.kind
    membership.save(update_fields=["reason", "reason_en", "updated_at"])
    _event(membership, MembershipEvent.Kind.ADDED, actor)
    return membership


# --------------------------------------------------------------------------- refill


@transaction.atomic
def coalition_refill(*, challenge: Challenge, actor) -> Membership:
    """Fill one place with the next best candidate.

    The pure recommender cannot keep members fixed, so the refill happens here: everyone who
    is on the team stays, everyone who declined or was removed is left out, and the candidate
    with the largest marginal gain on the recommender's own objective joins as proposed.
    If the owner's place is empty, the next owner comes first.
    """
    needs = _needs_or_error(challenge)
    coalition = _lock_coalition(coalition_get_or_create(challenge=challenge, actor=actor))
    rows = list(coalition.memberships.filter(employee__isnull=False))
    team_ids = {m.employee_id for m in rows if m.is_open}
    left_out = {m.employee_id for m in rows if not m.is_open}
    if len(team_ids) >= needs.max_size:
        raise ValidationError(
            _("De coalitie is vol: hoogstens %(max)s leden.") % {"max": needs.max_size}
        )
    people = selectors.recommender_employees(coalition=coalition, exclude_ids=left_out)
    case = selectors.recommender_challenge(challenge=challenge, needs=needs)
    team = [p for p in people if p.id in team_ids]
    pool = [p for p in people if p.id not in team_ids]
    has_owner = any(m.is_open and m.role == Membership.Role.OWNER for m in rows)
    ranked = selectors.rank_candidates(
        pool=pool, team=team, challenge=case, has_owner=has_owner, limit=1
    )
    if not ranked:
        raise ValidationError(
            _(
                "Er is geen geschikte kandidaat meer: niemand anders heeft de uren en een "
                "gevraagde vaardigheid binnen de regels van deze coalitie."
            )
        )
    best = ranked[0]
    membership = _place(
        coalition=coalition,
        employee=Employee.objects.get(pk=best.employee.id),
        role=best.role,
        reason=best.reason,
        reason_en=best.reason_en,
        needs=needs,
    )
    _event(membership, MembershipEvent.Kind.PROPOSED, actor)
    return membership


# --------------------------------------------------------------------------- invitations


def _address(membership: Membership) -> str:
    if membership.employee_id:
        employee = membership.employee
        return employee.email or (employee.user.email if employee.user_id else "")
    return membership.partner.contact_email


@transaction.atomic
def coalition_send_invitations(*, challenge: Challenge, actor) -> list[Membership]:
    """Invite everyone still proposed; each gets an e-mail with a personal answer link."""
    coalition = _lock_coalition(coalition_get_or_create(challenge=challenge, actor=actor))
    proposed = list(
        coalition.memberships.filter(status=Membership.Status.PROPOSED).select_related(
            "employee__user", "partner"
        )
    )
    if not proposed:
        raise ValidationError(_("Er is niemand meer om uit te nodigen."))
    now = timezone.now()
    for membership in proposed:
        membership.status = Membership.Status.INVITED
        membership.invited_at = now
        membership.responded_at = None
        membership.response_token = secrets.token_urlsafe(32)
        membership.save(
            update_fields=["status", "invited_at", "responded_at", "response_token", "updated_at"]
        )
        _event(membership, MembershipEvent.Kind.INVITED, actor, now)
        outbox_enqueue(
            to=_address(membership),
            subject=_("Uitnodiging voor de coalitie: %(title)s") % {"title": challenge.title},
            template="coalitions/email/invitation.txt",
            context={
                "membership": membership,
                "challenge": challenge,
                "name": membership.member_name,
                "role": membership.get_role_display(),
                "url": invitation_url(membership),
            },
            dedupe_key=f"coalition-invitation:{membership.pk}:{membership.response_token[:16]}",
        )
    return proposed


@transaction.atomic
def membership_respond(*, membership: Membership, accept: bool, actor=None) -> Membership:
    """The invitee says yes or no. Above the threshold a yes waits for their manager."""
    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("employee", "coalition__challenge")
        .get(pk=membership.pk)
    )
    answered = {
        True: (Membership.Status.ACCEPTED, Membership.Status.AWAITING_APPROVAL),
        False: (Membership.Status.DECLINED,),
    }
    if membership.status in answered[accept]:
        return membership  # the same answer twice (a resent form): store nothing new
    if membership.status != Membership.Status.INVITED:
        raise ValidationError(_("Deze uitnodiging is al beantwoord of ingetrokken."))
    now = timezone.now()
    membership.responded_at = now
    if not accept:
        membership.status = Membership.Status.DECLINED
        kind = MembershipEvent.Kind.DECLINED
    elif membership.employee_id and membership.hours_per_week > approval_threshold():
        membership.status = Membership.Status.AWAITING_APPROVAL
        kind = MembershipEvent.Kind.APPROVAL_REQUESTED
    else:
        membership.status = Membership.Status.ACCEPTED
        kind = MembershipEvent.Kind.ACCEPTED
    membership.save(update_fields=["status", "responded_at", "updated_at"])
    _event(membership, kind, actor, now)
    if membership.status == Membership.Status.AWAITING_APPROVAL:
        _ask_managers(membership)
    return membership


def _ask_managers(membership: Membership) -> None:
    employee = membership.employee
    managers = Employee.objects.filter(
        department_id=employee.department_id, is_manager=True, active=True
    ).exclude(pk=employee.pk)
    url = settings.SAMENSPEL_BASE_URL + reverse(
        "organisation:capacity_department", args=[employee.department_id]
    )
    for manager in managers:
        outbox_enqueue(
            to=manager.email,
            subject=_("Goedkeuring gevraagd: %(name)s in een coalitie") % {"name": employee.name},
            template="coalitions/email/approval_request.txt",
            context={
                "membership": membership,
                "employee": employee,
                "challenge": membership.coalition.challenge,
                "url": url,
            },
            dedupe_key=f"coalition-approval:{membership.pk}:{manager.pk}:{membership.responded_at}",
        )


@transaction.atomic
def membership_decide_approval(*, membership: Membership, approve: bool, actor) -> Membership:
    """The invitee's own manager approves or refuses a commitment above the threshold."""
    from . import permissions

    membership = (
        Membership.objects.select_for_update(of=("self",))
        .select_related("employee")
        .get(pk=membership.pk)
    )
    if not permissions.can_approve(actor, membership):
        raise ValidationError(_("Alleen de manager van de eigen afdeling beslist hierover."))
    if membership.status != Membership.Status.AWAITING_APPROVAL:
        raise ValidationError(_("Over deze inzet is al beslist."))
    now = timezone.now()
    membership.approval = Membership.Approval.APPROVED if approve else Membership.Approval.REFUSED
    membership.approval_by = actor
    membership.approval_at = now
    membership.status = Membership.Status.ACCEPTED if approve else Membership.Status.DECLINED
    membership.save(
        update_fields=["approval", "approval_by", "approval_at", "status", "updated_at"]
    )
    _event(
        membership,
        MembershipEvent.Kind.APPROVED if approve else MembershipEvent.Kind.REFUSED,
        actor,
        now,
    )
    if approve:
        # The engagement fact insights counts: the employee joined the coalition.
        _event(membership, MembershipEvent.Kind.ACCEPTED, actor, now)
    return membership
