"""Network measures on small graphs whose answers are worked out by hand."""

import random

import pytest

from samenspel.insights.network import (
    CoalitionRecord,
    betweenness,
    collaboration_graph,
    cross_department_link_share,
    generations,
    largest_component_share,
    reproduction,
)


def test_the_middle_of_a_path_carries_the_only_shortest_path():
    graph = collaboration_graph([["a", "b"], ["b", "c"]])
    assert betweenness(graph) == {"a": 0.0, "b": 1.0, "c": 0.0}


def test_the_centre_of_a_star_scores_one_and_its_leaves_zero():
    graph = collaboration_graph([["hub", leaf] for leaf in "wxyz"])
    scores = betweenness(graph)
    assert scores["hub"] == pytest.approx(1.0)
    assert all(scores[leaf] == 0.0 for leaf in "wxyz")


def test_two_equal_shortest_paths_share_the_credit_in_a_square():
    # a-b-c-d-a: the pair (b, d) has two shortest paths, one through a; 3 pairs exclude a.
    graph = collaboration_graph([["a", "b"], ["b", "c"], ["c", "d"], ["d", "a"]])
    assert betweenness(graph, ["a"]) == {"a": pytest.approx(0.5 / 3)}


def test_the_colleague_linking_two_coalitions_lies_between_them():
    # c sits on the paths a-d and b-d: 2 of the 3 pairs without c.
    graph = collaboration_graph([["a", "b", "c"], ["c", "d"]])
    assert betweenness(graph, ["c", "a"]) == {"c": pytest.approx(2 / 3), "a": 0.0}


def test_sampling_every_source_gives_the_exact_betweenness():
    graph = collaboration_graph([["a", "b", "c"], ["c", "d"], ["d", "e"]])
    assert betweenness(graph, max_sources=5) == pytest.approx(betweenness(graph))


def test_links_between_departments_count_once_per_pair():
    departments = {"a": "wonen", "b": "wonen", "c": "groen"}
    graph = collaboration_graph([["a", "b", "c"], ["a", "b"]])
    assert cross_department_link_share(graph, departments) == pytest.approx(2 / 3)


def test_largest_component_counts_colleagues_without_coalitions():
    graph = collaboration_graph([["a", "b", "c"], ["d", "e"]], employees=["f", "g", "h"])
    assert largest_component_share(graph) == pytest.approx(3 / 8)
    assert largest_component_share(graph, population=10) == pytest.approx(0.3)


def _history() -> list[CoalitionRecord]:
    # Given out of order on purpose: generations follow the start of the coalitions.
    return [
        CoalitionRecord(started=3, members=["c", "d", "team"]),
        CoalitionRecord(started=1, members=["team", "a", "b"]),
        CoalitionRecord(started=4, members=["e", "f"]),
        CoalitionRecord(started=2, members=["a", "c"]),
    ]


def test_generation_is_one_more_than_the_lowest_colleague_in_the_first_coalition():
    assert generations(_history(), ["team"]) == {
        "team": 0,
        "a": 1,
        "b": 1,
        "c": 2,
        "d": 1,  # joined with c (2) and the team (0)
        "e": 1,  # nobody engaged brought them
        "f": 1,
    }


def test_r_credits_newcomers_to_the_colleagues_already_engaged():
    # a brings c (1); c and the team share d (0.5 each); the team's credit is not in R.
    result = reproduction(_history(), ["team"])
    assert result.engaged == 6
    assert result.brought == pytest.approx(1.5)
    assert result.r == pytest.approx(0.25)


def test_r_leaves_out_colleagues_who_had_no_time_to_bring_anyone():
    result = reproduction(_history(), ["team"], engaged_before=3)
    assert result.engaged == 3  # a, b, c
    assert result.r == pytest.approx(0.5)


def test_generation_sizes_give_r_per_generation():
    result = reproduction(_history(), ["team"])
    assert result.generation_sizes == {0: 1, 1: 5, 2: 1}
    assert result.by_generation == {0: 5.0, 1: pytest.approx(0.2)}


def _brute_force_betweenness(graph, node):
    """Count shortest paths pair by pair: sigma_st(v) = sigma_sv * sigma_vt on a shortest path."""

    def bfs(source):
        distance, paths, queue = {source: 0}, {source: 1}, [source]
        for current in queue:
            for neighbour in graph[current]:
                if neighbour not in distance:
                    distance[neighbour], paths[neighbour] = distance[current] + 1, 0
                    queue.append(neighbour)
                if distance[neighbour] == distance[current] + 1:
                    paths[neighbour] += paths[current]
        return distance, paths

    others = [v for v in graph if v != node]
    total = 0.0
    from_node = bfs(node)
    for i, s in enumerate(others):
        distance, paths = bfs(s)
        for t in others[i + 1 :]:
            reachable = t in distance and node in distance and t in from_node[0]
            if reachable and distance[node] + from_node[0][t] == distance[t]:
                total += paths[node] * from_node[1][t] / paths[t]
    n = len(graph)
    return total / ((n - 1) * (n - 2) / 2)


def test_betweenness_agrees_with_counting_every_pair_on_a_random_network():
    rnd = random.Random(5)
    coalitions = [rnd.sample(range(14), rnd.randint(2, 4)) for _ in range(9)]
    graph = collaboration_graph(coalitions, employees=range(16))  # two colleagues isolated
    scores = betweenness(graph, block=4)  # several blocks of sources
    for node in graph:
        assert scores[node] == pytest.approx(_brute_force_betweenness(graph, node), abs=1e-12)
