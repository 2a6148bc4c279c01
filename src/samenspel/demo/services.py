"""Load the Altena demo: a believable municipality with two years of history.

Deterministic: one seeded random generator decides everything, and every time is an
offset from a fixed anchor (today at 09:00 Europe/Amsterdam), so the demo always looks
current and the same day always gives the same content. Idempotent: a DemoDataset row
marks a loaded database, and a second load creates nothing.

Single objects with rules of their own (a challenge: its owner may never be a member
of the development team) go through `challenges.services.challenge_create`. The bulk of
the history (signals, reporters, the timeline events) is written with bulk_create,
because (1) it is hundreds of rows and must load in seconds, (2) history carries past
timestamps, which the services rightly stamp with "now", and (3) the services e-mail
followers, and nobody should be mailed about things that "happened" last year.
"""

import random
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction

from samenspel.accounts.models import User
from samenspel.accounts.roles import Role
from samenspel.challenges.models import Challenge, ChallengeEvent, Theme
from samenspel.challenges.services import challenge_create
from samenspel.challenges.workflow import Status
from samenspel.intake.models import Channel, Reporter, Signal
from samenspel.organisation.models import Department, Employee, EmployeeSkill, Partner, Skill
from samenspel.places.models import Kern

from . import data, texts
from .coalitions_demo import coalitions_demo_load
from .compose import compose_signal, fill
from .knowledge_demo import knowledge_demo_load
from .learning_demo import learning_demo_load
from .models import DemoDataset
from .participation_demo import participation_demo_load
from .priorities_demo import priorities_demo_load

DATASET_KEY = "altena"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")

# How many challenges end in each status: every status of the workflow is shown.
STATUS_PLAN: tuple[tuple[str, int], ...] = (
    (Status.NEW, 6),
    (Status.EXPLORING, 8),
    (Status.FORMING, 7),
    (Status.ACTIVE, 12),
    (Status.ON_HOLD, 4),
    (Status.HANDED_OVER, 6),
    (Status.DONE, 7),
    (Status.EVALUATED, 6),
    (Status.DECLINED, 4),
)
# Age in days of a challenge in each status: closed work is older than new work.
AGE_DAYS: dict[str, tuple[int, int]] = {
    Status.NEW: (1, 20),
    Status.EXPLORING: (12, 110),
    Status.FORMING: (30, 170),
    Status.ACTIVE: (60, 430),
    Status.ON_HOLD: (90, 420),
    Status.HANDED_OVER: (160, 700),
    Status.DONE: (130, 700),
    Status.EVALUATED: (260, 725),
    Status.DECLINED: (25, 700),
}
# The channels residents and staff use, with a realistic share each.
CHANNEL_WEIGHTS: tuple[tuple[str, int], ...] = (
    (Channel.WEB, 30),
    (Channel.EMAIL, 18),
    (Channel.PHONE, 15),
    (Channel.SOCIAL_MEDIA, 12),
    (Channel.CONVERSATION, 8),
    (Channel.PARTNER, 6),
    (Channel.DEPARTMENT, 5),
    (Channel.COUNCIL, 3),
    (Channel.OTHER, 3),
)
LOOSE_NEW_SIGNALS = 45
DISMISSED_SIGNALS = 35
DISMISS_REASONS = (
    "Doorgestuurd naar Waterschap Rivierenland; zij gaan hierover.",
    "Opgelost door de buitendienst; geen opgave nodig.",
    "Vraag beantwoord per e-mail.",
    "Dubbele melding; de eerdere melding is al in behandeling.",
    "Doorverwezen naar de woningcorporatie.",
)


class DemoDataConflict(Exception):
    """The database holds data that is not the demo's: loading would mix the two."""


@dataclass
class DemoLoadResult:
    created: bool
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


def demo_anchor(day: date | None = None) -> datetime:
    """Today at 09:00 in Altena: every demo time is an offset from this moment."""
    day = day or datetime.now(AMSTERDAM).date()
    return datetime.combine(day, clock(9, 0), tzinfo=AMSTERDAM)


def demo_is_loaded() -> bool:
    return DemoDataset.objects.filter(key=DATASET_KEY).exists()


@transaction.atomic
def demo_load(*, anchor: datetime | None = None) -> DemoLoadResult:
    """Load the demo once; stored completely or not at all (one transaction)."""
    started = time.monotonic()
    if demo_is_loaded():
        return DemoLoadResult(created=False)
    usernames = [username for username, _role in data.DEMO_LOGINS]
    if Kern.objects.exists() or User.objects.filter(username__in=usernames).exists():
        raise DemoDataConflict
    anchor = anchor or demo_anchor()
    # The marker first: a second load running at the same time fails on its unique key
    # instead of writing everything twice.
    DemoDataset.objects.create(key=DATASET_KEY, anchor=anchor)
    builder = _Builder(anchor=anchor, rng=random.Random(data.DEMO_SEED))
    builder.build()
    learning_demo_load(anchor=anchor)
    counts = builder.counts()
    counts.update(knowledge_demo_load(anchor=anchor))
    counts.update(participation_demo_load(anchor=anchor))
    counts.update(coalitions_demo_load(anchor=anchor))
    counts.update(priorities_demo_load(anchor=anchor))
    return DemoLoadResult(created=True, seconds=time.monotonic() - started, counts=counts)


@contextmanager
def _given_times(model) -> Iterator[None]:
    """Let bulk_create keep the historical `created_at` we set instead of stamping "now".

    auto_now_add is the right rule for everything that happens in the app; a loaded
    history is the one exception. Switching it off for one bulk insert is much faster
    than rewriting hundreds of rows afterwards. The demo loads before the server starts,
    so no other thread sees the switch.
    """
    field = model._meta.get_field("created_at")
    field.auto_now_add = False
    try:
        yield
    finally:
        field.auto_now_add = True


def _ascii(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum() or ch in ".-")


def _email_local(name: str) -> str:
    first, _space, last = name.partition(" ")
    return f"{_ascii(first)}.{_ascii(last.replace(' ', ''))}"


@dataclass
class _Planned:
    """A challenge as the story needs it, before it is written."""

    challenge: Challenge
    topic: texts.Topic
    status: str
    created: datetime
    street: str
    kernen: list[Kern]
    events: list[ChallengeEvent] = field(default_factory=list)
    times: list[datetime] = field(default_factory=list)
    last: datetime | None = None


class _Builder:
    def __init__(self, *, anchor: datetime, rng: random.Random) -> None:
        self.anchor = anchor
        self.rng = rng
        self.kern_facts = {fact.slug: fact for fact in data.KERNEN}
        self.used_names: set[str] = set()

    # --- helpers -------------------------------------------------------------------
    def at(self, days_ago: float, hour: int | None = None) -> datetime:
        moment = self.anchor - timedelta(days=days_ago)
        if hour is not None:
            moment = moment.replace(hour=hour, minute=self.rng.randrange(60))
        return moment

    @staticmethod
    def office_hours(moment: datetime) -> datetime:
        """Squeeze a time of day into 08:00-17:00 without changing the order of events."""
        local = moment.astimezone(AMSTERDAM)
        midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
        seconds = (local - midnight).total_seconds()
        return midnight + timedelta(hours=8, seconds=seconds * 9 / 24)

    def person_name(self) -> str:
        while True:
            name = f"{self.rng.choice(data.FIRST_NAMES)} {self.rng.choice(data.SURNAMES)}"
            if name not in self.used_names:
                self.used_names.add(name)
                return name

    def kern_weight(self, kern: Kern, power: float) -> float:
        fact = self.kern_facts[kern.slug]
        return (fact.population**power) * fact.activity

    def pick_kern(self, *, days_ago: float, for_challenge: bool = False) -> Kern:
        # Challenges spread more evenly than signals: a small village has its own issues.
        weights = self.challenge_weights if for_challenge else self.kern_weights
        while True:
            kern = self.rng.choices(self.kernen, weights=weights)[0]
            # A kern that has been quiet lately (insights flags it) gets nothing recent.
            if days_ago > self.kern_facts[kern.slug].silent_days:
                return kern

    # --- the build --------------------------------------------------------------------
    def build(self) -> None:
        self.groups = {role: Group.objects.get_or_create(name=role.value)[0] for role in Role}
        self.build_places()
        self.build_organisation()
        self.build_partners()
        themes = Theme.objects.bulk_create([Theme(name=n, slug=s) for n, s in data.THEMES])
        self.themes = {theme.slug: theme for theme in themes}
        self.build_challenges()
        self.build_signals()
        self.write_history()

    def build_places(self) -> None:
        self.kernen = Kern.objects.bulk_create(
            [
                Kern(
                    name=fact.name,
                    slug=fact.slug,
                    population=fact.population,
                    latitude=Decimal(fact.latitude),
                    longitude=Decimal(fact.longitude),
                )
                for fact in data.KERNEN
            ]
        )
        self.kern_by_slug = {kern.slug: kern for kern in self.kernen}
        self.kern_weights = [self.kern_weight(kern, 0.9) for kern in self.kernen]
        self.challenge_weights = [self.kern_weight(kern, 0.7) for kern in self.kernen]

    def build_organisation(self) -> None:
        rng = self.rng
        self.departments = {
            d.slug: d
            for d in Department.objects.bulk_create(
                [Department(name=fact.name, slug=fact.slug) for fact in data.DEPARTMENTS]
            )
        }
        self.skills = {s.name: s for s in Skill.objects.bulk_create(
            [Skill(name=name) for name in data.SKILLS]
        )}  # fmt: skip

        # (employee, roles, skills) before anything is written, so users go in one batch.
        people: list[tuple[Employee, tuple[str, ...], list[tuple[str, int]], str]] = []
        self.named: dict[str, Employee] = {}
        for fact in (*data.DEVELOPMENT_TEAM, *data.DEMO_STAFF):
            self.used_names.add(fact.name)
            employee = Employee(
                name=fact.name,
                email=f"{_email_local(fact.name)}@{data.STAFF_EMAIL_DOMAIN}",
                job_title=fact.job_title,
                department=self.departments[fact.department],
                is_development_team=fact.is_development_team,
                is_manager=fact.is_manager,
                weekly_hours_available=Decimal(fact.hours),
            )
            roles = fact.roles or (
                (Role.DEVELOPMENT_TEAM.value,)
                if not fact.key.startswith("director")
                else (Role.AREA_DIRECTOR.value,)
            )
            self.named[fact.key] = employee
            people.append((employee, roles, list(fact.skills), fact.username))

        for fact in data.DEPARTMENTS:
            jobs = list(fact.jobs.items())
            needs_manager = fact.slug != "openbare-ruimte"  # that manager is a demo log-in
            for index in range(fact.size):
                name = self.person_name()
                if needs_manager and index == 0:
                    title, core = f"manager {fact.name}", ("projectmanagement",)
                else:
                    title, core = rng.choice(jobs)
                skills = [(skill, rng.choice((2, 2, 3))) for skill in core]
                for skill in rng.sample(data.SKILLS, rng.choice((0, 0, 1, 1, 2))):
                    if skill not in core and len(skills) < 5:
                        skills.append((skill, rng.choice((1, 1, 2))))
                manager = needs_manager and index == 0
                employee = Employee(
                    name=name,
                    email=f"{_email_local(name)}@{data.STAFF_EMAIL_DOMAIN}",
                    job_title=title,
                    department=self.departments[fact.slug],
                    is_manager=manager,
                    weekly_hours_available=Decimal(
                        rng.choice(("0", "1", "2", "2", "3", "4", "4", "4", "6", "8"))
                    ),  # fmt: skip
                )
                roles = ("manager", "employee") if manager else ("employee",)
                people.append((employee, roles, skills[:5], ""))

        # One hash for the shared demo password: hashing is slow on purpose, and every
        # demo log-in has the same, printed password anyway.
        demo_hash = make_password(data.DEMO_PASSWORD)
        users = []
        for employee, roles, _skills, username in people:
            first, _space, last = employee.name.partition(" ")
            user = User(
                username=username or employee.email.split("@")[0],
                first_name=first,
                last_name=last,
                email=employee.email,
                is_staff=Role.ADMINISTRATOR.value in roles,
                is_superuser=Role.ADMINISTRATOR.value in roles,
            )
            if username:
                user.password = demo_hash
            else:
                # Colleagues without a demo log-in would sign in through the identity
                # provider; here they cannot sign in at all.
                user.set_unusable_password()
            users.append(user)
        users = User.objects.bulk_create(users)
        memberships = []
        for user, (employee, roles, _skills, _username) in zip(users, people, strict=True):
            employee.user = user
            memberships += [
                User.groups.through(user_id=user.pk, group_id=self.groups[Role(r)].pk)
                for r in roles
            ]
        User.groups.through.objects.bulk_create(memberships)
        self.employees = Employee.objects.bulk_create([p[0] for p in people])
        EmployeeSkill.objects.bulk_create(
            [
                EmployeeSkill(employee=employee, skill=self.skills[skill], level=level)
                for employee, _roles, skills, _username in people
                for skill, level in skills
            ]
        )
        self.users = {p[3]: p[0].user for p in people if p[3]}
        self.user_of = {e.pk: e.user for e in self.employees}
        self.owners_by_department: dict[int, list[Employee]] = {}
        for employee in self.employees:
            if not employee.is_development_team:
                self.owners_by_department.setdefault(employee.department_id, []).append(employee)
        self.team_users = [e.user for e in self.employees if e.is_development_team]
        self.kcc_users = [e.user for e in self.employees if e.department.slug == "dienstverlening"]

        west, east = self.named["director_west"], self.named["director_east"]
        Kern.objects.filter(slug__in=data.AREA_WEST).update(area_director=west)
        Kern.objects.filter(slug__in=data.AREA_EAST).update(area_director=east)
        self.director_user_of_kern = {
            **dict.fromkeys(data.AREA_WEST, west.user),
            **dict.fromkeys(data.AREA_EAST, east.user),
        }

    def build_partners(self) -> None:
        partners = Partner.objects.bulk_create(
            [
                Partner(
                    name=fact.name,
                    kind=fact.kind,
                    contact_name=fact.contact_name,
                    contact_email=f"{_email_local(fact.contact_name)}@{data.PUBLIC_EMAIL_DOMAIN}",
                )
                for fact in data.PARTNERS
            ]
        )
        links = []
        self.partners_of_kern: dict[str, list[Partner]] = {}
        for partner, fact in zip(partners, data.PARTNERS, strict=True):
            slugs = fact.kernen or tuple(self.kern_by_slug)
            for slug in slugs:
                links.append(
                    Partner.kernen.through(
                        partner_id=partner.pk, kern_id=self.kern_by_slug[slug].pk
                    )
                )
                self.partners_of_kern.setdefault(slug, []).append(partner)
        Partner.kernen.through.objects.bulk_create(links)

    # --- challenges and their timelines ----------------------------------------------
    def team_role_for(self, age_days: float) -> str:
        """The snowball: early on the team coaches; later departments manage alone."""
        roles = Challenge.TeamRole
        late = 1 - min(age_days, 730) / 730 + self.rng.uniform(-0.12, 0.12)
        if late < 0.3:
            options = ((roles.COACH, 7), (roles.FACILITATE, 3))
        elif late < 0.55:
            options = ((roles.COACH, 4), (roles.ADVISE, 6))
        elif late < 0.8:
            options = ((roles.ADVISE, 6), (roles.NONE, 4))
        else:
            options = ((roles.NONE, 3), (roles.ADVISE, 1))
        choices, weights = zip(*options, strict=True)
        return self.rng.choices(choices, weights=weights)[0]

    def government_role_for(self, kind: str) -> str:
        roles = Challenge.GovernmentRole
        options = {
            Challenge.Kind.INITIATIVE: (roles.LETTING_GO, roles.FACILITATING, roles.STIMULATING),
            Challenge.Kind.POLICY: (roles.DIRECTING, roles.STIMULATING),
        }.get(kind, (roles.REGULATING, roles.DIRECTING, roles.FACILITATING))
        return self.rng.choice(options)

    def path_to(self, status: str) -> list[str]:
        rng = self.rng
        to_active = [Status.EXPLORING, Status.FORMING, Status.ACTIVE]
        if status == Status.NEW:
            return []
        if status == Status.DECLINED:
            return [Status.DECLINED] if rng.random() < 0.5 else [Status.EXPLORING, Status.DECLINED]
        if status == Status.ON_HOLD:
            return to_active[: rng.randint(1, 3)] + [Status.ON_HOLD]
        if status in (Status.EXPLORING, Status.FORMING, Status.ACTIVE):
            path = to_active[: to_active.index(status) + 1]
        else:
            end = rng.choice((Status.DONE, Status.HANDED_OVER))
            end = status if status != Status.EVALUATED else end
            path = [*to_active, end] + ([Status.EVALUATED] if status == Status.EVALUATED else [])
        if len(path) >= 3 and rng.random() < 0.2:
            # Some work paused once and came back: the timeline shows the detour.
            at = rng.randint(1, 2)
            path = [*path[:at], Status.ON_HOLD, path[at - 1], *path[at:]]
        return path

    def build_challenges(self) -> None:
        rng = self.rng
        plan = [status for status, count in STATUS_PLAN for _ in range(count)]
        rng.shuffle(plan)
        topics = list(texts.TOPICS) * 3
        rng.shuffle(topics)
        seen_titles: set[str] = set()
        # The `medewerker` log-in owns a few traffic challenges, so the demo shows an owner.
        demo_employee = self.named["employee"]
        planned: list[_Planned] = []
        for status in plan:
            low, high = AGE_DAYS[status]
            age = rng.uniform(low, high)
            while True:
                topic = topics.pop()
                kern = self.pick_kern(days_ago=age, for_challenge=True)
                street = rng.choice(self.kern_facts[kern.slug].streets)
                title = fill(topic.title, kern=kern.name, street=street, place="het dorpshuis")
                if title not in seen_titles:
                    seen_titles.add(title)
                    break
                topics.insert(0, topic)
            kernen = [kern]
            if topic.all_kernen:
                kernen += rng.sample(self.kernen, rng.randint(2, 5))
                kernen = list(dict.fromkeys(kernen))
            planned.append(
                _Planned(
                    challenge=Challenge(title=title),
                    topic=topic,
                    status=status,
                    created=self.at(age, hour=rng.randint(9, 16)),
                    street=street,
                    kernen=kernen,
                )
            )
        planned.sort(key=lambda p: p.created)

        demo_owned = 0
        for item in planned:
            topic, kern = item.topic, item.kernen[0]
            age = (self.anchor - item.created).days
            department = self.departments[topic.department]
            owner = None
            if item.status != Status.NEW and not (
                item.status in (Status.EXPLORING, Status.DECLINED) and rng.random() < 0.5
            ):
                if (
                    topic.department == "openbare-ruimte"
                    and topic.theme == "verkeer"
                    and (demo_owned < 4)
                ):
                    owner, demo_owned = demo_employee, demo_owned + 1
                else:
                    owner = rng.choice(self.owners_by_department[department.pk])
            # Later on, colleagues open challenges themselves: that is the snowball too.
            if owner is not None and age < 240 and rng.random() < 0.4:
                creator = owner.user
            elif rng.random() < 0.5:
                creator = self.director_user_of_kern[kern.slug]
            else:
                creator = rng.choice(self.team_users)
            challenge = challenge_create(
                actor=creator,
                title=item.challenge.title,
                summary=fill(topic.summary, kern=kern.name, street=item.street,
                             place="het dorpshuis"),
                kind=topic.kind,
                kernen=item.kernen,
                themes=[self.themes[topic.theme]],
                owner_department=department if item.status != Status.NEW else None,
                owner=owner,
                is_public=rng.random() < 0.9,
            )  # fmt: skip
            item.challenge = challenge
            if item.status != Status.NEW:
                challenge.government_role = self.government_role_for(topic.kind)
                challenge.team_role = self.team_role_for(age)
            self.build_timeline(item, creator)
        self.planned = planned

    def build_timeline(self, item: _Planned, creator: User) -> None:
        rng = self.rng
        challenge = item.challenge
        path = self.path_to(item.status)
        start = item.created
        closed = item.status in (Status.DONE, Status.HANDED_OVER, Status.EVALUATED)
        min_gap = 5 if closed or item.status == Status.DECLINED else 2
        end = self.anchor - timedelta(days=rng.uniform(min_gap, max(min_gap + 1, 25)))
        end = max(end, start + timedelta(days=1))
        span = (end - start).total_seconds()
        cuts = sorted(rng.uniform(0.05, 1.0) for _ in path)
        owner_user = challenge.owner.user if challenge.owner else None
        team_user = rng.choice(self.team_users)
        kern = item.kernen[0]
        partners = self.partners_of_kern.get(kern.slug) or [None]
        partner = rng.choice(partners)
        values = {
            "kern": kern.name,
            "street": item.street,
            "department": challenge.owner_department.name if challenge.owner_department else "",
            "owner": challenge.owner.name if challenge.owner else "de trekker",
            "partner": partner.name if partner else "de dorpsraad",
        }

        def add(moment: datetime, **fields) -> None:
            item.events.append(ChallengeEvent(challenge=challenge, **fields))
            item.times.append(self.office_hours(moment))

        def between(a: datetime, b: datetime) -> datetime:
            return a + (b - a) * rng.uniform(0.2, 0.8)

        previous, status, before_hold = start, Status.NEW, ""
        for step, cut in zip(path, cuts, strict=True):
            moment = start + timedelta(seconds=span * cut)
            moment = max(moment, previous + timedelta(hours=3))
            # Notes and updates that belong to the stage we are leaving.
            self.stage_events(item, status, previous, moment, values, add, between, team_user)
            if step == Status.EXPLORING and challenge.owner_department_id:
                add(previous + (moment - previous) * 0.1, kind=ChallengeEvent.Kind.CHANGED,
                    actor=team_user, text=self.changed_text(challenge))  # fmt: skip
            reason = ""
            if step == Status.DECLINED:
                reason = rng.choice(texts.DECLINE_REASONS)
                challenge.decline_reason = reason
            if step == Status.ON_HOLD:
                before_hold = status
                reason = fill(rng.choice(texts.NOTES_HOLD), **values)
            actor = (
                owner_user
                if owner_user and step in (Status.ACTIVE, Status.DONE, Status.HANDED_OVER)
                else team_user
            )
            add(moment, kind=ChallengeEvent.Kind.TRANSITION, actor=actor, from_status=status,
                to_status=step, text=reason,
                is_public=challenge.is_public or step == Status.DECLINED)  # fmt: skip
            previous, status = moment, step
            if step != Status.ON_HOLD:
                before_hold = ""
        if status not in (Status.DECLINED, Status.EVALUATED, Status.ON_HOLD):
            tail_end = self.anchor - timedelta(hours=rng.uniform(12, 72))
            if tail_end > previous:
                self.stage_events(item, status, previous, tail_end, values, add, between,
                                  team_user)  # fmt: skip
        challenge.status = status
        challenge.status_before_hold = before_hold
        item.last = max(item.times, default=item.created)

    def changed_text(self, challenge: Challenge) -> str:
        names = ["owner_department", "government_role", "team_role"]
        if challenge.owner_id:
            names.insert(1, "owner")
        return ", ".join(str(Challenge._meta.get_field(n).verbose_name) for n in names)

    def stage_events(self, item, status, start, end, values, add, between, team_user) -> None:
        rng = self.rng
        challenge = item.challenge
        owner_user = challenge.owner.user if challenge.owner else None
        notes, updates, count = {
            Status.EXPLORING: (texts.NOTES_EXPLORING, texts.UPDATES_EXPLORING, 2),
            Status.FORMING: (texts.NOTES_FORMING, texts.UPDATES_FORMING, 2),
            Status.ACTIVE: (texts.NOTES_ACTIVE, texts.UPDATES_ACTIVE, 3),
            Status.DONE: ((), texts.UPDATES_CLOSED, 1),
            Status.HANDED_OVER: ((), texts.UPDATES_CLOSED, 1),
        }.get(status, ((), (), 0))
        if status in (Status.DONE, Status.HANDED_OVER) and item.status == Status.EVALUATED:
            notes = texts.LESSONS
        for note in rng.sample(notes, min(len(notes), rng.randint(1, max(count, 1)))):
            add(between(start, end), kind=ChallengeEvent.Kind.NOTE,
                actor=rng.choice([u for u in (owner_user, team_user) if u]),
                text=fill(note, **values))  # fmt: skip
        if updates and challenge.is_public and rng.random() < 0.8:
            add(between(start, end), kind=ChallengeEvent.Kind.PUBLIC_UPDATE,
                actor=owner_user or team_user, text=fill(rng.choice(updates), **values),
                is_public=True)  # fmt: skip

    # --- signals -----------------------------------------------------------------------
    def channel(self) -> str:
        channels, weights = zip(*CHANNEL_WEIGHTS, strict=True)
        return self.rng.choices(channels, weights=weights)[0]

    def received_at(self, days_ago: float, channel: str) -> datetime:
        rng = self.rng
        if channel in (Channel.SOCIAL_MEDIA, Channel.WEB):
            hour = rng.choice((7, 8, 12, 13, 17, 19, 20, 21, 22, 23))
        else:
            hour = rng.randint(8, 16)
        moment = self.at(days_ago, hour=hour)
        # Keep every time before the anchor, also when the demo loads before nine.
        return min(moment, self.anchor - timedelta(hours=12))

    def make_signal(
        self, *, topic, kern, days_ago: float, street: str | None = None, known: bool = False
    ) -> Signal:
        rng = self.rng
        channel = self.channel()
        # Sometimes nobody says where: the kern stays unknown.
        named_kern = kern if known or rng.random() > 0.06 else None
        street = street or rng.choice(self.kern_facts[kern.slug].streets)
        partner = rng.choice(self.partners_of_kern.get(kern.slug) or [None])
        received = self.received_at(days_ago, channel)
        text = compose_signal(
            topic=topic,
            channel=channel,
            kern=kern.name if (named_kern and rng.random() < 0.85) else None,
            street=street,
            partner=partner.name if partner else "de dorpsraad",
            department=self.departments[topic.department].name,
            rng=rng,
        )
        signal = Signal(text=text, kern=named_kern, channel=channel, received_at=received)
        signal.reporter = self.make_reporter(channel, received)
        if signal.reporter and signal.reporter.wants_updates:
            signal.follow_token = f"demo-{rng.getrandbits(128):032x}"
        if channel == Channel.CONVERSATION:
            signal.recorded_by = self.director_user_of_kern[kern.slug]
        elif channel == Channel.DEPARTMENT:
            signal.recorded_by = rng.choice(self.employees).user
        elif channel != Channel.WEB:
            signal.recorded_by = rng.choice(self.kcc_users + self.team_users)
        return signal

    def make_reporter(self, channel: str, received: datetime) -> Reporter | None:
        rng = self.rng
        chance = {
            Channel.WEB: 0.9,
            Channel.EMAIL: 1.0,
            Channel.PHONE: 0.8,
            Channel.SOCIAL_MEDIA: 0.4,
            Channel.OTHER: 0.3,
        }.get(channel, 0.0)
        if rng.random() >= chance:
            return None
        # Fictional residents: reserved example.nl addresses, never real people.
        name = f"{rng.choice(data.FIRST_NAMES)} {rng.choice(data.SURNAMES)}"
        email = ""
        if channel != Channel.PHONE or rng.random() < 0.3:
            email = f"{_email_local(name)}{rng.randint(1, 99)}@{data.PUBLIC_EMAIL_DOMAIN}"
        phone = f"06-{rng.randint(10_000_000, 99_999_999)}" if channel == Channel.PHONE else ""
        follows = bool(email) and rng.random() < {Channel.WEB: 0.45}.get(channel, 0.3)
        return Reporter(
            name=name, email=email, phone=phone, wants_updates=follows, created_at=received
        )

    def build_signals(self) -> None:
        rng = self.rng
        self.signals: list[Signal] = []
        self.link_times: dict[int, datetime] = {}  # id(signal) -> when it was linked
        for item in self.planned:
            count = rng.choice((2, 3, 4, 4, 5, 5, 6, 6, 7, 8, 9, 11, 14))
            created_days = (self.anchor - item.created).total_seconds() / 86400
            last_days = (self.anchor - item.last).total_seconds() / 86400
            for index in range(count):
                if index == 0 or rng.random() < 0.55:
                    days_ago = created_days + rng.uniform(0.2, 40)  # before: what triggered it
                else:
                    days_ago = rng.uniform(max(0.6, last_days - 10), created_days)
                kern = rng.choice(item.kernen) if rng.random() < 0.85 else item.kernen[0]
                if days_ago <= self.kern_facts[kern.slug].silent_days:
                    continue
                signal = self.make_signal(
                    topic=item.topic,
                    kern=kern,
                    days_ago=days_ago,
                    street=item.street if rng.random() < 0.7 else None,
                )
                raw = max(signal.received_at + timedelta(hours=rng.uniform(2, 120)),
                          item.created + timedelta(minutes=rng.randint(5, 90)))  # fmt: skip
                linked = self.office_hours(raw)
                if linked <= signal.received_at:  # an evening message is read the next day
                    linked = self.office_hours(raw + timedelta(days=1))
                if linked < self.anchor - timedelta(hours=1):
                    signal.challenge = item.challenge
                    signal.status = Signal.Status.LINKED
                    signal.first_answered_at = linked
                    self.link_times[id(signal)] = linked
                # else: it arrived after the last look at the inbox, and still waits there.
                self.signals.append(signal)
        for _ in range(LOOSE_NEW_SIGNALS):
            days_ago = rng.uniform(0.6, 21)
            self.signals.append(
                self.make_signal(
                    topic=rng.choice(texts.TOPICS), kern=self.pick_kern(days_ago=days_ago),
                    days_ago=days_ago,
                )
            )  # fmt: skip
        for index in range(DISMISSED_SIGNALS):
            # The first of these go one to every kern: even the smallest village speaks up.
            kern = self.kernen[index] if index < len(self.kernen) else None
            days_ago = rng.uniform(3, 725)
            if kern is not None:
                days_ago = rng.uniform(self.kern_facts[kern.slug].silent_days + 3, 725)
            signal = self.make_signal(
                topic=rng.choice(texts.TOPICS), days_ago=days_ago,
                kern=kern or self.pick_kern(days_ago=days_ago), known=kern is not None,
            )  # fmt: skip
            signal.status = Signal.Status.DISMISSED
            signal.first_answered_at = signal.received_at + timedelta(hours=rng.uniform(3, 96))
            self._dismiss(signal)
            self.signals.append(signal)
        self.signals.sort(key=lambda s: s.received_at)

    def _dismiss(self, signal: Signal) -> None:
        # The reason is what the follow page tells a reporter about a closed signal.
        signal.dismiss_reason = self.rng.choice(DISMISS_REASONS)
        signal.dismissed_at = signal.first_answered_at
        signal.dismissed_by = self.rng.choice(self.team_users)

    # --- writing ------------------------------------------------------------------------
    def write_history(self) -> None:
        reporters = [s.reporter for s in self.signals if s.reporter]
        Reporter.objects.bulk_create(reporters)
        for signal in self.signals:
            signal.created_at = signal.received_at
        with _given_times(Signal):
            Signal.objects.bulk_create(self.signals)

        by_challenge: dict[int, list[Signal]] = {}
        for signal in self.signals:
            if signal.challenge is not None:
                by_challenge.setdefault(signal.challenge.pk, []).append(signal)
        events, times = [], []
        for item in self.planned:
            linked = by_challenge.get(item.challenge.pk, [])
            for signal in linked:
                moment = self.link_times[id(signal)]
                item.events.append(
                    ChallengeEvent(
                        challenge=item.challenge,
                        kind=ChallengeEvent.Kind.SIGNAL_LINKED,
                        actor=self.rng.choice(self.team_users),
                        text=signal.reference,
                    )
                )
                item.times.append(moment)
            challenge = item.challenge
            challenge.signal_count = len(linked)
            challenge.created_at = self.office_hours(item.created)
            challenge.updated_at = max(item.times, default=challenge.created_at)
            events += item.events
            times += item.times
            kern_ids = {s.kern_id for s in linked if s.kern_id} - {k.pk for k in item.kernen}
            if kern_ids:
                challenge.kernen.add(*kern_ids)
        # challenge_create wrote the CREATED event "now"; it gets the time of the story.
        created_at = {p.challenge.pk: self.office_hours(p.created) for p in self.planned}
        created_events = list(
            ChallengeEvent.objects.filter(
                challenge__in=created_at, kind=ChallengeEvent.Kind.CREATED
            )
        )
        for event in created_events:
            event.created_at = created_at[event.challenge_id]
        for event in created_events:
            ChallengeEvent.objects.filter(pk=event.pk).update(created_at=event.created_at)
        for event, moment in zip(events, times, strict=True):
            event.created_at = moment
        events.sort(key=lambda event: event.created_at)
        with _given_times(ChallengeEvent):
            ChallengeEvent.objects.bulk_create(events)
        # One UPDATE per challenge: bulk_update's CASE expressions cost seconds here.
        for item in self.planned:
            c = item.challenge
            Challenge.objects.filter(pk=c.pk).update(
                status=c.status,
                status_before_hold=c.status_before_hold,
                decline_reason=c.decline_reason,
                government_role=c.government_role,
                team_role=c.team_role,
                signal_count=c.signal_count,
                created_at=c.created_at,
                updated_at=c.updated_at,
            )

    def counts(self) -> dict[str, int]:
        models = (Kern, Department, Employee, Partner, Signal, Challenge)
        return {str(m._meta.verbose_name_plural): m.objects.count() for m in models}
