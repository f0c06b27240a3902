"""The pure solver on hand-checked cases."""

import numpy as np
import pytest

from sanshe.matching import engine


def served_pairs(result):
    return {n: int(s) for n, s in enumerate(result.service_of) if s != engine.UNASSIGNED}


def test_greedy_nearest_first_serves_fewer_than_the_optimum():
    # Need 0 is nearest to service 0 but could also go to service 1; need 1 can only go to service 0.
    # Greedy gives service 0 to need 0, leaving need 1 unserved; the optimum serves both.
    edges = ([0, 0, 1], [0, 1, 0], [1, 5, 2])
    greedy = engine.greedy(2, [1, 1], *edges)
    optimum = engine.solve(2, [1, 1], *edges)
    assert greedy.served == 1
    assert optimum.served == 2
    assert served_pairs(optimum) == {0: 1, 1: 0}
    assert optimum.total_cost == 7


def test_least_cost_among_maximum_assignments():
    # Both needs fit in either service; the cheaper pairing costs 1 + 1, not 4 + 4.
    result = engine.solve(2, [1, 1], [0, 0, 1, 1], [0, 1, 0, 1], [1, 4, 4, 1])
    assert served_pairs(result) == {0: 0, 1: 1}
    assert result.total_cost == 2


def test_zero_capacity_service_takes_nobody():
    result = engine.solve(2, [0, 1], [0, 1], [0, 1], [1, 1])
    assert served_pairs(result) == {1: 1}


def test_need_without_candidates_stays_unserved():
    result = engine.solve(3, [5], [0, 2], [0, 0], [3, 3])
    assert served_pairs(result) == {0: 0, 2: 0}
    assert result.service_of[1] == engine.UNASSIGNED


def test_capacity_limits_how_many_one_service_takes():
    result = engine.solve(3, [2], [0, 1, 2], [0, 0, 0], [1, 2, 3])
    assert result.served == 2
    # The two cheapest needs get the places.
    assert served_pairs(result) == {0: 0, 1: 0}


def test_ties_are_broken_without_losing_the_optimum():
    result = engine.solve(2, [1, 1], [0, 0, 1, 1], [0, 1, 0, 1], [3, 3, 3, 3])
    assert result.served == 2
    assert result.total_cost == 6
    assert set(served_pairs(result).values()) == {0, 1}


def test_need_cost_prefers_urgent_needs_when_places_are_short():
    # One place, two needs at the same distance: the urgent one (lower need cost) is served.
    result = engine.solve(2, [1], [0, 1], [0, 0], [5, 5], need_cost=[400, 0])
    assert served_pairs(result) == {1: 0}


def test_exactly_k_serves_k_at_least_cost():
    edges = ([0, 1, 2], [0, 0, 1], [9, 1, 2])
    result = engine.solve(3, [1, 1], *edges, exactly=1)
    assert served_pairs(result) == {1: 0}
    assert result.total_cost == 1
    with pytest.raises(engine.InfeasibleError):
        engine.solve(3, [1, 1], *edges, exactly=3)


def test_parts_give_the_same_optimum_as_the_whole():
    rng = np.random.default_rng(7)
    needs, services = 60, 12
    need_part = np.arange(needs) % 3
    service_part = np.arange(services) % 3
    en, es, ec = [], [], []
    for n in range(needs):
        for s in range(services):
            if need_part[n] == service_part[s] and rng.random() < 0.5:
                en.append(n)
                es.append(s)
                ec.append(int(rng.integers(0, 50)))
    caps = rng.integers(0, 6, services)
    whole = engine.solve(needs, caps, en, es, ec)
    parts = engine.solve(needs, caps, en, es, ec, need_part=need_part, service_part=service_part)
    assert parts.served == whole.served
    assert parts.total_cost == whole.total_cost
    parallel = engine.solve(needs, caps, en, es, ec, need_part=need_part, service_part=service_part, workers=2)
    assert parallel.total_cost == whole.total_cost


def test_parts_that_are_not_independent_are_refused():
    with pytest.raises(ValueError, match="crosses"):
        engine.solve(2, [1, 1], [0, 1], [1, 0], [1, 1], need_part=[0, 1], service_part=[0, 1])


def test_negative_costs_and_capacities_are_refused():
    with pytest.raises(ValueError):
        engine.solve(1, [1], [0], [0], [-1])
    with pytest.raises(ValueError):
        engine.solve(1, [-1], [0], [0], [1])


def test_empty_inputs():
    assert engine.solve(0, [], [], [], []).served == 0
    assert engine.solve(2, [1], [], [], []).served == 0
    assert engine.greedy(2, [1], [], [], []).served == 0


def test_parts_without_edges():
    result = engine.solve(2, [1], [], [], [], need_part=[0, 1], service_part=[0])
    assert result.served == 0
