"""Assign needs to services: serve as many as possible, then at least cost. Pure Python, no Django.

The problem is a min-cost flow: source → each need (capacity 1, cost = the
need's own priority cost) → each candidate service (capacity 1, cost = the
edge's cost) → sink (capacity = the service's remaining places). OR-Tools'
`solve_max_flow_with_min_cost` finds the largest number of needs that can be
served and, among all ways to serve that many, the one of least total cost.
`exactly=k` serves exactly k needs (at most the maximum) at least cost, so
an assignment can be compared with another that served k needs.

Inputs are parallel integer sequences (lists or numpy arrays): edge i joins
need `edge_need[i]` (0..needs-1) to service `edge_service[i]` (0..services-1)
at `edge_cost[i]` (a non-negative integer). When every need and service
carries a part label and no edge crosses parts, each part is an independent
problem and is solved on its own (optionally in parallel processes): the
result is the same optimum, found faster.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

import numpy as np

UNASSIGNED = -1


@dataclass(frozen=True)
class Assignment:
    """service_of[n] is the service index need n goes to, or UNASSIGNED; edge_of[n] the edge used."""

    service_of: np.ndarray
    edge_of: np.ndarray
    total_cost: int

    @property
    def served(self) -> int:
        return int((self.service_of != UNASSIGNED).sum())


class InfeasibleError(ValueError):
    """The solver found no optimum, or more needs were asked to be served than capacity allows."""


def _arrays(edge_need, edge_service, edge_cost):
    need = np.asarray(edge_need, dtype=np.int64)
    service = np.asarray(edge_service, dtype=np.int64)
    cost = np.asarray(edge_cost, dtype=np.int64)
    if not (len(need) == len(service) == len(cost)):
        raise ValueError("edge arrays differ in length")
    if len(cost) and cost.min() < 0:
        raise ValueError("edge costs must be non-negative")
    return need, service, cost


def build_flow(needs: int, capacities, edge_need, edge_service, edge_cost, need_cost=None):
    """The flow network: nodes 0 = source, 1 = sink, 2.. needs, then services. Returns (flow, edge arc ids)."""
    need, service, cost = _arrays(edge_need, edge_service, edge_cost)
    caps = np.asarray(capacities, dtype=np.int64)
    if len(caps) and caps.min() < 0:
        raise ValueError("capacities must be non-negative")
    services = len(caps)
    base = np.zeros(needs, dtype=np.int64) if need_cost is None else np.asarray(need_cost, dtype=np.int64)
    from ortools.graph.python import min_cost_flow  # here, not at start-up: a web worker seldom solves

    flow = min_cost_flow.SimpleMinCostFlow()
    need_nodes = np.arange(needs, dtype=np.int64) + 2
    service_nodes = np.arange(services, dtype=np.int64) + 2 + needs
    flow.add_arcs_with_capacity_and_unit_cost(
        np.zeros(needs, dtype=np.int64), need_nodes, np.ones(needs, dtype=np.int64), base
    )
    edge_arcs = flow.add_arcs_with_capacity_and_unit_cost(
        need + 2, service + 2 + needs, np.ones(len(need), dtype=np.int64), cost
    )
    flow.add_arcs_with_capacity_and_unit_cost(
        service_nodes, np.ones(services, dtype=np.int64), caps, np.zeros_like(caps)
    )
    return flow, edge_arcs


def _read(flow, edge_arcs, needs, need, service, need_cost) -> Assignment:
    used = flow.flows(edge_arcs) > 0
    service_of = np.full(needs, UNASSIGNED, dtype=np.int64)
    edge_of = np.full(needs, UNASSIGNED, dtype=np.int64)
    idx = np.nonzero(used)[0]
    service_of[need[idx]] = service[idx]
    edge_of[need[idx]] = idx
    return Assignment(service_of=service_of, edge_of=edge_of, total_cost=int(flow.optimal_cost()))


def solve_whole(needs: int, capacities, edge_need, edge_service, edge_cost, *, need_cost=None, exactly=None):
    """One solver call on the whole graph."""
    need, service, cost = _arrays(edge_need, edge_service, edge_cost)
    if needs == 0 or len(need) == 0:
        empty = np.full(needs, UNASSIGNED, dtype=np.int64)
        return Assignment(service_of=empty, edge_of=empty.copy(), total_cost=0)
    flow, arcs = build_flow(needs, capacities, need, service, cost, need_cost)
    if exactly is None:
        # Offer every need at the source; the solver sends as much as the network carries.
        flow.set_node_supply(0, int(needs))
        flow.set_node_supply(1, -int(needs))
        status = flow.solve_max_flow_with_min_cost()
    else:
        flow.set_node_supply(0, int(exactly))
        flow.set_node_supply(1, -int(exactly))
        status = flow.solve()
    if status != flow.OPTIMAL:
        raise InfeasibleError(f"min-cost flow did not find an optimum (status {status})")
    return _read(flow, arcs, needs, need, service, need_cost)


def _solve_part(args):
    needs, caps, en, es, ec, nc = args
    result = solve_whole(needs, caps, en, es, ec, need_cost=nc)
    return result.service_of, result.edge_of, result.total_cost


def solve(
    needs: int,
    capacities,
    edge_need,
    edge_service,
    edge_cost,
    *,
    need_cost=None,
    exactly: int | None = None,
    need_part=None,
    service_part=None,
    workers: int = 1,
) -> Assignment:
    """Serve the most needs, then at least cost (or exactly `exactly` needs at least cost).

    With need_part/service_part (integer labels), independent parts are solved separately;
    `workers` > 1 solves them in that many processes.
    """
    need, service, cost = _arrays(edge_need, edge_service, edge_cost)
    capacities = np.asarray(capacities, dtype=np.int64)
    base = np.zeros(needs, dtype=np.int64) if need_cost is None else np.asarray(need_cost, dtype=np.int64)
    if len(base) and base.min() < 0:
        raise ValueError("need costs must be non-negative")
    if exactly is not None:
        if exactly < 0:
            raise ValueError("exactly must be non-negative")
        most = solve(
            needs,
            capacities,
            need,
            service,
            cost,
            need_cost=base,
            need_part=need_part,
            service_part=service_part,
            workers=workers,
        ).served
        if exactly > most:
            raise InfeasibleError(f"at most {most} needs can be served, not {exactly}")
        # Parts cannot share a global count, so this mode solves the whole graph at once.
        return solve_whole(needs, capacities, need, service, cost, need_cost=base, exactly=exactly)
    if need_part is None or service_part is None:
        return solve_whole(needs, capacities, need, service, cost, need_cost=base)
    need_part = np.asarray(need_part, dtype=np.int64)
    service_part = np.asarray(service_part, dtype=np.int64)
    if len(need) and np.any(need_part[need] != service_part[service]):
        raise ValueError("an edge crosses parts: the parts are not independent")
    return _solve_parts(needs, capacities, need, service, cost, base, need_part, service_part, workers)


def _solve_parts(needs, capacities, need, service, cost, base, need_part, service_part, workers):
    service_of = np.full(needs, UNASSIGNED, dtype=np.int64)
    edge_of = np.full(needs, UNASSIGNED, dtype=np.int64)
    if not len(need):
        return Assignment(service_of=service_of, edge_of=edge_of, total_cost=0)
    order = np.argsort(need_part[need], kind="stable")
    edge_parts = need_part[need][order]
    labels, starts = np.unique(edge_parts, return_index=True)
    ends = np.append(starts[1:], len(order))
    jobs, maps = [], []
    for label, start, end in zip(labels, starts, ends, strict=True):
        edges = order[start:end]
        need_ids = np.nonzero(need_part == label)[0]
        service_ids = np.nonzero(service_part == label)[0]
        need_local = np.full(needs, -1, dtype=np.int64)
        need_local[need_ids] = np.arange(len(need_ids))
        service_local = np.full(len(capacities), -1, dtype=np.int64)
        service_local[service_ids] = np.arange(len(service_ids))
        jobs.append(
            (
                len(need_ids),
                capacities[service_ids],
                need_local[need[edges]],
                service_local[service[edges]],
                cost[edges],
                base[need_ids],
            )
        )
        maps.append((need_ids, service_ids, edges))
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(_solve_part, jobs, chunksize=max(1, len(jobs) // (workers * 4))))
    else:
        results = [_solve_part(job) for job in jobs]
    total = 0
    for (need_ids, service_ids, edges), (local_service, local_edge, part_cost) in zip(maps, results, strict=True):
        hit = local_service != UNASSIGNED
        service_of[need_ids[hit]] = service_ids[local_service[hit]]
        edge_of[need_ids[hit]] = edges[local_edge[hit]]
        total += part_cost
    return Assignment(service_of=service_of, edge_of=edge_of, total_cost=total)


def greedy(needs: int, capacities, edge_need, edge_service, edge_cost, order=None) -> Assignment:
    """Baseline: needs in turn (first come, first served) each take their cheapest candidate with a place left."""
    need, service, cost = _arrays(edge_need, edge_service, edge_cost)
    left = np.array(capacities, dtype=np.int64)
    service_of = np.full(needs, UNASSIGNED, dtype=np.int64)
    edge_of = np.full(needs, UNASSIGNED, dtype=np.int64)
    by = np.lexsort((cost, need))
    sorted_need = need[by]
    starts = np.searchsorted(sorted_need, np.arange(needs), side="left")
    ends = np.searchsorted(sorted_need, np.arange(needs), side="right")
    services_sorted = service[by].tolist()
    left_list = left.tolist()
    total = 0
    cost_list = cost[by].tolist()
    for n in range(needs) if order is None else order:
        for k in range(int(starts[n]), int(ends[n])):
            s = services_sorted[k]
            if left_list[s] > 0:
                left_list[s] -= 1
                service_of[n] = s
                edge_of[n] = by[k]
                total += cost_list[k]
                break
    return Assignment(service_of=service_of, edge_of=edge_of, total_cost=total)
