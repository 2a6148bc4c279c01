"""Every write to signals. Keyword-only, atomic: a signal is stored completely or not at all."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from samenspel.notifications.services import outbox_enqueue

from .models import Attachment, Channel, Reporter, Signal, new_follow_token

MAX_TEXT_LENGTH = 5000
# A phone's clock may run a little ahead of the server's.
CLOCK_SKEW = timedelta(minutes=5)


def follow_url(signal: Signal) -> str:
    return settings.SAMENSPEL_BASE_URL + reverse("intake:follow", args=[signal.follow_token])


def _validate(*, text: str, email: str, wants_updates: bool) -> str:
    text = (text or "").strip()
    errors = {}
    if not text:
        errors["text"] = _("Beschrijf wat u wilt melden.")
    elif len(text) > MAX_TEXT_LENGTH:
        errors["text"] = _("De omschrijving mag hoogstens %(max)d tekens lang zijn.") % {
            "max": MAX_TEXT_LENGTH
        }
    if wants_updates and not email:
        errors["wants_updates"] = _(
            "Vul uw e-mailadres in als u de melding wilt volgen: daar sturen we de link naartoe."
        )
    if errors:
        raise ValidationError(errors)
    return text


def _create_signal(
    *,
    submission_token: str,
    text: str,
    kern,
    channel: str,
    received_at: datetime,
    name: str,
    email: str,
    phone: str,
    wants_updates: bool,
    photo: ContentFile | None,
    recorded_by,
) -> tuple[Signal, bool]:
    """Store signal, reporter, photo and confirmation together; a replayed token finds the row.

    Returns (signal, created). The unique submission_token is what makes a double click,
    a retry or a reloaded POST store one signal: the second insert fails and we return the
    row the first one made.
    """
    name, email, phone = (name or "").strip(), (email or "").strip(), (phone or "").strip()
    text = _validate(text=text, email=email, wants_updates=wants_updates)
    try:
        # One transaction, no savepoint inside another: a signal with its reporter, photo
        # and confirmation is stored completely or not at all.
        with transaction.atomic():
            reporter = None
            # AVG data minimisation: no Reporter row at all for an anonymous signal.
            if name or email or phone:
                reporter = Reporter(
                    name=name, email=email, phone=phone, wants_updates=bool(wants_updates)
                )
                reporter.full_clean()
                reporter.save()
            signal = Signal(
                text=text,
                kern=kern,
                channel=channel,
                received_at=received_at,
                reporter=reporter,
                recorded_by=recorded_by,
                submission_token=submission_token,
                follow_token=new_follow_token() if wants_updates and email else None,
            )
            signal.save()
            if photo is not None:
                attachment = Attachment(signal=signal)
                attachment.image.save(photo.name or "photo.jpg", photo, save=False)
                attachment.save()
            if email:
                outbox_enqueue(
                    to=email,
                    subject=_("Uw melding %(ref)s is ontvangen") % {"ref": signal.reference},
                    template="intake/email/received.txt",
                    context={
                        "signal": signal,
                        "follow_url": follow_url(signal) if signal.follow_token else "",
                    },
                    dedupe_key=f"signal-received:{signal.pk}",
                )
    except IntegrityError:
        existing = Signal.objects.filter(submission_token=submission_token).first()
        if existing is None:
            raise
        return existing, False
    return signal, True


def signal_submit_public(
    *,
    submission_token: str,
    text: str,
    kern=None,
    name: str = "",
    email: str = "",
    phone: str = "",
    wants_updates: bool = False,
    photo: ContentFile | None = None,
) -> tuple[Signal, bool]:
    """A resident's report through the public form (channel web)."""
    return _create_signal(
        submission_token=submission_token,
        text=text,
        kern=kern,
        channel=Channel.WEB,
        received_at=timezone.now(),
        name=name,
        email=email,
        phone=phone,
        wants_updates=wants_updates,
        photo=photo,
        recorded_by=None,
    )


def signal_record_by_staff(
    *,
    actor,
    submission_token: str,
    text: str,
    channel: str,
    received_at: datetime | None = None,
    kern=None,
    name: str = "",
    email: str = "",
    phone: str = "",
    wants_updates: bool = False,
    photo: ContentFile | None = None,
) -> tuple[Signal, bool]:
    """A signal that reached a staff member: a call, an e-mail, a talk in the kern."""
    if channel == Channel.WEB or channel not in Channel.values:
        raise ValidationError({"channel": _("Kies het kanaal waarlangs het signaal binnenkwam.")})
    received_at = received_at or timezone.now()
    if received_at > timezone.now() + CLOCK_SKEW:
        raise ValidationError({"received_at": _("Het tijdstip van ontvangst ligt in de toekomst.")})
    return _create_signal(
        submission_token=submission_token,
        text=text,
        kern=kern,
        channel=channel,
        received_at=received_at,
        name=name,
        email=email,
        phone=phone,
        wants_updates=wants_updates,
        photo=photo,
        recorded_by=actor,
    )


@transaction.atomic
def signal_dismiss(*, signal: Signal, actor, reason: str) -> Signal:
    """Close a signal without a challenge; a following reporter is told why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Geef een reden: de melder krijgt die te lezen.")})
    if len(reason) > 2000:
        raise ValidationError({"reason": _("De reden mag hoogstens 2000 tekens lang zijn.")})
    signal = Signal.objects.select_for_update().get(pk=signal.pk)
    if signal.status == Signal.Status.LINKED:
        raise ValidationError(
            _("Dit signaal is al gekoppeld aan opgave %(ref)s en kan niet worden afgehandeld.")
            % {"ref": f"O-{signal.challenge_id:06d}" if signal.challenge_id else "?"}
        )
    if signal.status == Signal.Status.DISMISSED:
        return signal
    now = timezone.now()
    signal.status = Signal.Status.DISMISSED
    signal.dismiss_reason = reason
    signal.dismissed_at = now
    signal.dismissed_by = actor
    if signal.first_answered_at is None:
        signal.first_answered_at = now
    signal.save(
        update_fields=[
            "status",
            "dismiss_reason",
            "dismissed_at",
            "dismissed_by",
            "first_answered_at",
        ]
    )
    reporter = signal.reporter
    if (
        signal.follow_token
        and reporter
        and reporter.wants_updates
        and reporter.email
        and not reporter.anonymised_at
    ):
        outbox_enqueue(
            to=reporter.email,
            subject=_("Uw melding %(ref)s is afgehandeld") % {"ref": signal.reference},
            template="intake/email/dismissed.txt",
            context={"signal": signal, "follow_url": follow_url(signal)},
            dedupe_key=f"signal-dismissed:{signal.pk}",
        )
    return signal
