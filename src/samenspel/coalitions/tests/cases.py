"""Small builders for recommender cases, with defaults that keep each test to what matters."""

from samenspel.coalitions.recommender import Challenge, Employee


def employee(
    id: int | str,
    department: str = "Openbare Ruimte",
    skills: dict[str, int] | None = None,
    *,
    hours: float = 4,
    development_team: bool = False,
    engaged_before: bool = False,
    load: int = 0,
) -> Employee:
    return Employee(
        id=id,
        department=department,
        skills=skills or {},
        available_hours=hours,
        development_team=development_team,
        engaged_before=engaged_before,
        load=load,
    )


def challenge(
    needs: dict[str, float],
    *,
    owner_department: str = "Openbare Ruimte",
    hours_per_member: float = 2,
    min_size: int = 1,
    max_size: int = 4,
    max_per_department: int = 2,
) -> Challenge:
    return Challenge(
        id=1,
        owner_department=owner_department,
        needs=needs,
        hours_per_member=hours_per_member,
        min_size=min_size,
        max_size=max_size,
        max_per_department=max_per_department,
    )


def ids(recommendation) -> set:
    return {pick.id for pick in recommendation.members}
