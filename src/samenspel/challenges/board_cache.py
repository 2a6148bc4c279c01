"""The board's rendered columns, cached until something the board shows changes.

Rendering nine columns of cards costs far more than the queries behind them (issue 2's
speed goal), while the board changes only when a challenge, its kernen, a kern or a
department changes. So the columns' HTML is cached under a token that every such write
replaces (`board_changed`). The token lives in the database (`BoardVersion`): every worker
process sees a change at once, and a write that is rolled back rolls its token back too.

Model signals replace the token: saves and deletes of `Challenge`, `Kern` and `Department`,
changes to a challenge's kernen, and the records that the services write together with a
`QuerySet.update()` or raw SQL on challenges in the same transaction: a `ChallengeEvent`
(a public update moves the challenge up), a `PriorityRecord` (a new score) and a
`CriteriaChange` (re-ranking every challenge). The cache timeout is only a safety net for
writes outside all of these (a bulk data load); it does not make a change wait.
"""

from collections.abc import Callable

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from samenspel.core import fragments, versions

from .models import BoardVersion, Challenge, ChallengeEvent, CriteriaChange, PriorityRecord


def board_version() -> str:
    """The current token: one indexed single-row query."""
    return versions.current(BoardVersion)


def board_changed() -> None:
    """Make every cached board stale; part of the caller's transaction."""
    versions.replace(BoardVersion)


def filter_options(*, version: str) -> dict[str, list[tuple[str, str]]]:
    """(slug, name) of every kern and department for the board's filters; a renamed kern or
    department replaces the token too."""

    def build() -> dict[str, list[tuple[str, str]]]:
        from samenspel.organisation.models import Department
        from samenspel.places.models import Kern

        return {
            "kernen": list(Kern.objects.order_by("name").values_list("slug", "name")),
            "departments": list(Department.objects.order_by("name").values_list("slug", "name")),
        }

    return versions.cached("challenges:board-filters", ("filters", version), build)


def filters_html(form, *, status: str, version: str) -> SafeString:
    """The board's filter form. Without errors its HTML follows from the kern and department
    options, the filtered values and the column, so each process renders it once per
    combination (`core.fragments`); the options come from the cache under the board token."""
    options = filter_options(version=version)

    def render() -> str:
        return render_to_string(
            "challenges/_board_filters.html",
            {"filter_fields": form.selects(**options), "status": status},
        )

    if form.errors:
        return mark_safe(render())  # noqa: S308 (our own template's output)
    key = (
        "challenges:board-filters",
        tuple(options["kernen"]),
        tuple(options["departments"]),
        status,
        tuple((name, tuple(form.data.getlist(name))) for name in form.selects_names),
    )
    return fragments.memoised(key, render)


def cached_board(*, version: str, filters: dict[str, str], render: Callable[[], str]) -> str:
    """The columns' HTML for these filters, rendered by `render()` when not cached."""
    parts = (
        version,
        translation.get_language() or "",
        # "Waiting for priority" counts working days, so a card can change overnight.
        timezone.localdate().isoformat(),
        *(f"{name}={filters[name]}" for name in sorted(filters)),
    )
    return versions.cached("challenges:board", parts, render)


_on_change = versions.receiver(BoardVersion)


def connect_signals() -> None:
    from samenspel.organisation.models import Department
    from samenspel.places.models import Kern

    for model in (Challenge, Kern, Department):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"board-save-{model.__name__}")
        post_delete.connect(_on_change, sender=model, dispatch_uid=f"board-delete-{model.__name__}")
    for model in (ChallengeEvent, PriorityRecord, CriteriaChange):
        post_save.connect(_on_change, sender=model, dispatch_uid=f"board-save-{model.__name__}")
    m2m_changed.connect(
        _on_change, sender=Challenge.kernen.through, dispatch_uid="board-challenge-kernen"
    )
