"""The collaboration network and the snowball's generations (design §5).

A pure module (no Django). Employees are linked when they served in the same coalition; the
measures say whether the way of working spreads beyond the development team:

* ``cross_department_link_share``: share of distinct links that join two departments;
* ``largest_component_share``: share of employees in the largest connected group;
* ``betweenness``: Brandes's (2001) exact betweenness centrality, normalised to 0..1 for an
  undirected graph, for the nodes asked (the development team's should fall over time);
* ``generations``: the development team is generation 0; an employee's generation is one more
  than the lowest generation among the colleagues in the first coalition they joined;
* ``reproduction``: R, the mean number of first-time colleagues an engaged employee brings
  into coalitions (R > 1: the snowball grows).

Exact betweenness costs O(nodes x links); it runs as blocked sparse-matrix products (numpy and
scipy), and ``max_sources`` estimates it from a seeded sample of sources (Brandes & Pich 2007)
when a large organisation must answer within a page request.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy import sparse

NodeId = Hashable


@dataclass(frozen=True)
class CoalitionRecord:
    """One coalition: when it started (for the order of first coalitions) and its members."""

    started: date | int | float
    members: Sequence[NodeId]


Graph = dict[NodeId, set[NodeId]]


def collaboration_graph(
    coalitions: Iterable[Sequence[NodeId] | CoalitionRecord],
    employees: Iterable[NodeId] = (),
) -> Graph:
    """Adjacency sets: two employees are linked when they shared at least one coalition.

    ``employees`` adds people without any coalition as isolated nodes, so that shares count
    the whole organisation and not only those already engaged.
    """
    graph: Graph = {node: set() for node in employees}
    for coalition in coalitions:
        members = coalition.members if isinstance(coalition, CoalitionRecord) else coalition
        unique = list(dict.fromkeys(members))
        for member in unique:
            graph.setdefault(member, set())
        for i, a in enumerate(unique):
            for b in unique[i + 1 :]:
                graph[a].add(b)
                graph[b].add(a)
    return graph


def links(graph: Graph) -> list[tuple[NodeId, NodeId]]:
    """Every undirected link once."""
    order = {node: index for index, node in enumerate(graph)}
    return [(a, b) for a in graph for b in graph[a] if order[a] < order[b]]


def cross_department_link_share(graph: Graph, departments: Mapping[NodeId, str]) -> float:
    """Share of links between colleagues of different departments (0.0 without links)."""
    pairs = links(graph)
    if not pairs:
        return 0.0
    crossing = sum(1 for a, b in pairs if departments.get(a) != departments.get(b))
    return crossing / len(pairs)


def components(graph: Graph) -> list[set[NodeId]]:
    """Connected components, largest first."""
    seen: set[NodeId] = set()
    found: list[set[NodeId]] = []
    for start in graph:
        if start in seen:
            continue
        part = {start}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for neighbour in graph[node]:
                if neighbour not in part:
                    part.add(neighbour)
                    queue.append(neighbour)
        seen |= part
        found.append(part)
    return sorted(found, key=len, reverse=True)


def largest_component_share(graph: Graph, population: int | None = None) -> float:
    """Share of ``population`` (default: the nodes of the graph) in the largest component."""
    total = population if population is not None else len(graph)
    if total <= 0 or not graph:
        return 0.0
    return len(components(graph)[0]) / total


def betweenness(
    graph: Graph,
    nodes: Iterable[NodeId] | None = None,
    *,
    normalized: bool = True,
    max_sources: int | None = None,
    seed: int = 0,
    block: int = 256,
) -> dict[NodeId, float]:
    """Betweenness centrality (Brandes 2001), unweighted and undirected.

    Normalised by the number of pairs that do not include the node, ``(n-1)(n-2)/2``, so a
    hub through which every shortest path runs scores 1. With ``max_sources`` the sum runs
    over a seeded sample of sources and is scaled up by ``n / sample`` (an unbiased estimate,
    Brandes & Pich 2007).

    Brandes's two passes run for a block of sources at once as sparse-matrix products
    (breadth-first levels forward counting shortest paths, dependencies backward), which is
    what makes the 5,000-employee organisation feasible without a C extension.
    """
    vertices = list(graph)
    n = len(vertices)
    wanted = vertices if nodes is None else list(nodes)
    if n < 3:
        return dict.fromkeys(wanted, 0.0)
    index = {node: i for i, node in enumerate(vertices)}
    rows = [index[a] for a in vertices for _ in graph[a]]
    cols = [index[b] for a in vertices for b in graph[a]]
    adjacency = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(n, n), dtype=np.float64
    )
    sources = np.arange(n)
    if max_sources is not None and max_sources < n:
        sources = np.sort(np.random.default_rng(seed).choice(n, size=max_sources, replace=False))
    score = np.zeros(n)
    for begin in range(0, sources.size, block):
        chunk = sources[begin : begin + block]
        score += _dependencies(adjacency, chunk)
    # Each unordered pair was counted from both ends.
    scale = 0.5 * n / sources.size
    if normalized:
        scale /= (n - 1) * (n - 2) / 2
    return {node: float(score[index[node]] * scale) if node in index else 0.0 for node in wanted}


def _dependencies(adjacency: sparse.csr_matrix, sources: np.ndarray) -> np.ndarray:
    """Sum over ``sources`` of Brandes's dependency of each node (sources themselves excluded)."""
    count, n = sources.size, adjacency.shape[0]
    rows = np.arange(count)
    distance = np.full((count, n), -1, dtype=np.int32)
    paths = np.zeros((count, n))
    distance[rows, sources] = 0
    paths[rows, sources] = 1.0
    level = 0
    while True:
        frontier = np.where(distance == level, paths, 0.0)
        reached = np.asarray((adjacency @ frontier.T).T)
        new = (reached > 0) & (distance < 0)
        if not new.any():
            break
        level += 1
        distance[new] = level
        paths[new] = reached[new]
    dependency = np.zeros((count, n))
    with np.errstate(divide="ignore", invalid="ignore"):
        for depth in range(level, 0, -1):
            children = np.where(distance == depth, (1.0 + dependency) / paths, 0.0)
            pulled = np.asarray((adjacency @ children.T).T)
            parents = distance == depth - 1
            dependency[parents] += paths[parents] * pulled[parents]
    dependency[rows, sources] = 0.0
    return dependency.sum(axis=0)


def generations(
    coalitions: Sequence[CoalitionRecord], development_team: Iterable[NodeId]
) -> dict[NodeId, int]:
    """Generation per employee who joined a coalition, and 0 for the development team.

    Coalitions are taken in start order (ties in the given order). A newcomer's generation is
    one more than the lowest generation among the colleagues in that coalition who already had
    one. A coalition of newcomers only had nobody to bring them: they count as generation 1,
    as if the team had, because the design knows no other origin.
    """
    generation: dict[NodeId, int] = dict.fromkeys(development_team, 0)
    for coalition in sorted(coalitions, key=lambda c: c.started):
        members = list(dict.fromkeys(coalition.members))
        known = [generation[m] for m in members if m in generation]
        parent = min(known) if known else 0
        for member in members:
            if member not in generation:
                generation[member] = parent + 1
    return generation


@dataclass(frozen=True)
class Reproduction:
    """R overall and per generation, with the numbers behind it."""

    r: float
    engaged: int
    brought: float
    by_generation: dict[int, float]
    generation_sizes: dict[int, int]


def reproduction(
    coalitions: Sequence[CoalitionRecord],
    development_team: Iterable[NodeId],
    *,
    engaged_before: date | int | float | None = None,
) -> Reproduction:
    """R: the mean number of first-time colleagues an engaged employee brings in.

    Every newcomer in a coalition is credited in equal parts to the colleagues in it who were
    already engaged (the development team included, since it brings people too). R averages
    the credit over engaged employees outside the team; ``engaged_before`` limits the average
    to employees whose first coalition started before that moment, so that recent colleagues,
    who have had no time to bring anyone, do not pull R down. ``by_generation[g]`` is the
    number of generation g+1 employees per generation g employee.
    """
    team = set(development_team)
    generation: dict[NodeId, int] = dict.fromkeys(team, 0)
    first_start: dict[NodeId, date | int | float] = {}
    credit: dict[NodeId, float] = {}
    for coalition in sorted(coalitions, key=lambda c: c.started):
        members = list(dict.fromkeys(coalition.members))
        veterans = [m for m in members if m in generation]
        newcomers = [m for m in members if m not in generation]
        parent = min((generation[m] for m in veterans), default=0)
        for member in newcomers:
            generation[member] = parent + 1
            first_start[member] = coalition.started
            credit.setdefault(member, 0.0)
        if veterans and newcomers:
            share = len(newcomers) / len(veterans)
            for member in veterans:
                credit[member] = credit.get(member, 0.0) + share
    counted = [
        member
        for member in first_start
        if engaged_before is None or first_start[member] < engaged_before  # type: ignore[operator]
    ]
    brought = sum(credit.get(member, 0.0) for member in counted)
    sizes: dict[int, int] = {}
    for value in generation.values():
        sizes[value] = sizes.get(value, 0) + 1
    by_generation = {
        g: sizes.get(g + 1, 0) / sizes[g] for g in sorted(sizes) if sizes[g] and g + 1 in sizes
    }
    return Reproduction(
        r=brought / len(counted) if counted else 0.0,
        engaged=len(counted),
        brought=brought,
        by_generation=by_generation,
        generation_sizes=dict(sorted(sizes.items())),
    )
