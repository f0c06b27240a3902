"""Candidate generation: hard rules make the edges, soft preferences make their costs. Pure Python + numpy.

A service is a candidate for a need when it covers the need's domain (or a
related one), accepts its target group and age, serves its community (an
empty service area serves anywhere), is open at one of the preferred times
(when any are given; unknown hours count as open), has a place left, and one
of its sites lies within the domain's walking limit (online services count
in domains that allow them). Needs are grouped by grid cell, domain and
profile so that each group is checked against nearby sites with a few array
operations instead of one Python loop per pair.

How well the service fits what the need says: each side carries the concepts its words name (bits of
`concepts`: the residents' words table read by the caller: 午饭 → 助餐 餐桌 饭堂); the fit is the share of
the need's concepts the service also names. A need whose words name concepts gets no service below
`Rules.min_fit` (测血压 is not served by 老年餐桌); a need that names none is not judged (fit 1).

Cost of an edge (integers; lower is better), weights in `Weights`:
  walk_per_minute × walking minutes
  + misfit × (1 − fit)
  + related_domain (the service covers a related domain, not the need's own)
  + fee (the service is not free)
  + online (an online service instead of a nearby place)
Cost of serving a need at all (so that, when places are short, the solver
prefers): urgency × (3 − urgency) + support × (support_cap − supports, at least 0).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from sanshe.places import walking

ALL_RESIDENTS = "all-residents"


@dataclass(frozen=True)
class Window:
    """Opening hours: days ('MO'..'SU'; empty = every day), minutes after midnight (None = open-ended)."""

    days: frozenset[str] = frozenset()
    opens: int | None = None
    closes: int | None = None

    def overlaps(self, day: str, start: int, end: int) -> bool:
        if self.days and day not in self.days:
            return False
        if self.opens is not None and self.opens >= end:
            return False
        return not (self.closes is not None and self.closes <= start)


@dataclass(frozen=True)
class Site:
    latitude: float | None
    longitude: float | None
    windows: tuple[Window, ...] = ()  # empty: the service's own hours apply
    online: bool = False


@dataclass(frozen=True)
class ServiceIn:
    key: object
    domains: frozenset[str]
    sites: tuple[Site, ...]
    capacity_left: int
    target_groups: frozenset[str] = frozenset()
    minimum_age: int | None = None
    maximum_age: int | None = None
    area: frozenset = frozenset()  # community keys; empty = anywhere
    windows: tuple[Window, ...] = ()  # empty: hours unknown, taken as open
    free: bool = True
    concepts: int = 0  # bits: the concepts the service's name and description name


@dataclass(frozen=True)
class NeedIn:
    key: object
    domain: str
    community: object
    latitude: float | None
    longitude: float | None
    target_group: str | None = None
    age: int | None = None
    slots: tuple[tuple[str, int, int], ...] = ()  # (day, from minute, to minute)
    urgency: int = 2
    supports: int = 0
    excluded: frozenset = frozenset()  # service keys this need must not go to again
    concepts: int = 0  # bits: the concepts the need's words name (0: nothing to judge the fit by)


@dataclass(frozen=True)
class Weights:
    walk_per_minute: int = 10
    related_domain: int = 60
    fee: int = 30
    online: int = 80
    misfit: int = 150  # a service naming none of the need's concepts costs this much more than a full fit
    urgency: int = 400
    support: int = 20
    support_cap: int = 10


@dataclass(frozen=True)
class Rules:
    walk_limits: dict[str, float] = field(default_factory=dict)  # domain code → minutes
    default_limit: float = 15.0
    related: dict[str, frozenset[str]] = field(default_factory=dict)  # domain → related domains
    online_domains: frozenset[str] = frozenset()
    detour_factor: float = 1.3
    metres_per_minute: float = 60.0
    min_fit: float = 0.15  # below this share of the need's concepts, a service is not proposed
    weights: Weights = field(default_factory=Weights)

    def limit(self, domain: str) -> float:
        return self.walk_limits.get(domain, self.default_limit)


@dataclass
class Candidates:
    """Edges as parallel arrays; need and service numbers index the input lists."""

    need: np.ndarray
    service: np.ndarray
    minutes: np.ndarray  # walking minutes; 0 for online
    cost: np.ndarray
    related: np.ndarray  # bool: a related domain, not the need's own
    online: np.ndarray  # bool
    fit: np.ndarray  # share of the need's concepts the service names (1.0 when the need names none)
    need_cost: np.ndarray
    capacities: np.ndarray

    def __len__(self):
        return len(self.need)

    def of_need(self, n: int) -> np.ndarray:
        """Edge numbers of need n, cheapest first."""
        idx = np.nonzero(self.need == n)[0]
        return idx[np.argsort(self.cost[idx], kind="stable")]


def minutes_between(rules: Rules, a_lat, a_lng, b_lat, b_lng):
    """Walking minutes under these rules' pace and detour (places.walking's formula) as arrays broadcast."""
    return walking.minutes_array(a_lat, a_lng, b_lat, b_lng, rules.detour_factor, rules.metres_per_minute)


def _accepts_group(service: ServiceIn, group: str | None) -> bool:
    return (
        group is None
        or not service.target_groups
        or ALL_RESIDENTS in service.target_groups
        or (group in service.target_groups)
    )


def _open_at(windows: tuple[Window, ...], slots) -> bool:
    if not slots or not windows:
        return True
    return any(w.overlaps(day, start, end) for w in windows for (day, start, end) in slots)


def generate(needs: list[NeedIn], services: list[ServiceIn], rules: Rules) -> Candidates:
    w = rules.weights
    out_need, out_service, out_minutes, out_related, out_online = [], [], [], [], []
    capacities = np.array([max(0, s.capacity_left) for s in services], dtype=np.int64)
    by_domain: dict[str, list[int]] = defaultdict(list)
    for i, n in enumerate(needs):
        by_domain[n.domain].append(i)
    # Community → services serving it (a boolean per service), computed once per community.
    area_index: dict[object, list[int]] = defaultdict(list)
    anywhere = np.zeros(len(services), dtype=bool)
    for j, s in enumerate(services):
        if s.area:
            for c in s.area:
                area_index[c].append(j)
        else:
            anywhere[j] = True
    serves_cache: dict[object, np.ndarray] = {}
    group_cache: dict[str | None, np.ndarray] = {}
    min_age = np.array([-1 if s.minimum_age is None else s.minimum_age for s in services], dtype=np.int64)
    max_age = np.array([10_000 if s.maximum_age is None else s.maximum_age for s in services], dtype=np.int64)
    open_service = capacities > 0
    widest_latitude = max(
        [abs(n.latitude) for n in needs if n.latitude is not None]
        + [abs(site.latitude) for s in services for site in s.sites if site.latitude is not None]
        + [0.0]
    )

    def serves(community):
        if community not in serves_cache:
            mask = anywhere.copy()
            mask[area_index.get(community, [])] = True
            serves_cache[community] = mask
        return serves_cache[community]

    def accepts(group):
        if group not in group_cache:
            group_cache[group] = np.array([_accepts_group(s, group) for s in services], dtype=bool)
        return group_cache[group]

    for domain, need_ids in by_domain.items():
        related_codes = rules.related.get(domain, frozenset())
        own, rel = [], []
        for j, s in enumerate(services):
            if not open_service[j]:
                continue
            if domain in s.domains:
                own.append(j)
            elif s.domains & related_codes:
                rel.append(j)
        covering = own + rel
        if not covering:
            continue
        is_related = np.zeros(len(services), dtype=bool)
        is_related[rel] = True
        limit = rules.limit(domain)
        # Grid cells in degrees, at least the reach (plus 2%) high and wide everywhere: a degree of longitude is
        # narrowest at the highest latitude, so the cells are that many degrees wide. The 3×3 cells around a
        # need then hold every site in reach, in any direction and in every city at once.
        reach = max(walking.reach_metres(limit, rules.detour_factor, rules.metres_per_minute) * 1.02, 50.0)
        cell_lat = reach / walking.METRES_PER_DEGREE
        cell_lng = reach / walking.metres_per_degree_longitude(min(widest_latitude, 89.0))
        # Physical sites of covering services, bucketed by grid cell; online services listed apart.
        site_lat, site_lng, site_service, site_windows = [], [], [], []
        online_services = []
        for j in covering:
            s = services[j]
            for site in s.sites:
                if site.online:
                    if domain in rules.online_domains:
                        online_services.append(j)
                    continue
                if site.latitude is None or site.longitude is None:
                    continue
                site_lat.append(site.latitude)
                site_lng.append(site.longitude)
                site_service.append(j)
                site_windows.append(site.windows or s.windows)
        online_services = np.array(sorted(set(online_services)), dtype=np.int64)
        site_lat = np.array(site_lat, dtype=float)
        site_lng = np.array(site_lng, dtype=float)
        site_service = np.array(site_service, dtype=np.int64)
        buckets: dict[tuple[int, int], list[int]] = defaultdict(list)
        for k, (x, y) in enumerate(
            zip(
                (site_lng // cell_lng).astype(np.int64).tolist(),
                (site_lat // cell_lat).astype(np.int64).tolist(),
                strict=True,
            )
        ):
            buckets[x, y].append(k)
        near_cache: dict[tuple[int, int], np.ndarray] = {}

        def near(cx, cy, buckets=buckets, near_cache=near_cache):
            if (cx, cy) not in near_cache:
                ids = [k for dx in (-1, 0, 1) for dy in (-1, 0, 1) for k in buckets.get((cx + dx, cy + dy), ())]
                near_cache[cx, cy] = np.array(sorted(ids), dtype=np.int64)
            return near_cache[cx, cy]

        hours_cache: dict[tuple, np.ndarray] = {}

        def open_sites(slots, site_windows=site_windows, hours_cache=hours_cache):
            if slots not in hours_cache:
                hours_cache[slots] = np.array([_open_at(ws, slots) for ws in site_windows], dtype=bool)
            return hours_cache[slots]

        groups: dict[tuple, list[int]] = defaultdict(list)
        online_groups: dict[tuple, list[int]] = defaultdict(list)
        for i in need_ids:
            n = needs[i]
            profile = (n.community, n.target_group, n.slots)
            if len(online_services):
                online_groups[profile].append(i)
            if n.latitude is None or n.longitude is None or not len(site_service):
                continue
            groups[(int(n.longitude // cell_lng), int(n.latitude // cell_lat), *profile)].append(i)
        for (cx, cy, community, group, slots), members in groups.items():
            sites = near(cx, cy)
            if not len(sites):
                continue
            svc = site_service[sites]
            ok = serves(community)[svc] & accepts(group)[svc]
            if slots:
                ok &= open_sites(slots)[sites]
            sites, svc = sites[ok], svc[ok]
            if not len(sites):
                continue
            members = np.array(members, dtype=np.int64)
            lat = np.array([needs[i].latitude for i in members])[:, None]
            lng = np.array([needs[i].longitude for i in members])[:, None]
            ages = np.array([-1 if needs[i].age is None else needs[i].age for i in members])[:, None]
            minutes = minutes_between(rules, lat, lng, site_lat[sites][None, :], site_lng[sites][None, :])
            mask = minutes <= limit
            mask &= (ages < 0) | ((min_age[svc][None, :] <= ages) & (ages <= max_age[svc][None, :]))
            rows, cols = np.nonzero(mask)
            out_need.append(members[rows])
            out_service.append(svc[cols])
            out_minutes.append(minutes[rows, cols])
            out_related.append(is_related[svc[cols]])
            out_online.append(np.zeros(len(rows), dtype=bool))
        for (community, group, slots), members in online_groups.items():
            svc = online_services
            ok = serves(community)[svc] & accepts(group)[svc]
            if slots:
                ok &= np.array([_open_at(services[j].windows, slots) for j in svc], dtype=bool)
            svc = svc[ok]
            if not len(svc):
                continue
            members = np.array(members, dtype=np.int64)
            ages = np.array([-1 if needs[i].age is None else needs[i].age for i in members])[:, None]
            mask = (ages < 0) | ((min_age[svc][None, :] <= ages) & (ages <= max_age[svc][None, :]))
            rows, cols = np.nonzero(mask)
            out_need.append(members[rows])
            out_service.append(svc[cols])
            out_minutes.append(np.zeros(len(rows)))
            out_related.append(is_related[svc[cols]])
            out_online.append(np.ones(len(rows), dtype=bool))

    def cat(parts, dtype):
        return np.concatenate(parts).astype(dtype) if parts else np.zeros(0, dtype=dtype)

    need = cat(out_need, np.int64)
    service = cat(out_service, np.int64)
    minutes = cat(out_minutes, float)
    related = cat(out_related, bool)
    online = cat(out_online, bool)
    # One edge per need and service: its nearest site (a place before online when both qualify).
    # Only a service with more than one site can give a pair twice.
    several_sites = any(len(s.sites) > 1 for s in services)
    if len(need) and several_sites:
        order = np.lexsort((online, minutes, service, need))
        need, service, minutes, related, online = (
            need[order],
            service[order],
            minutes[order],
            related[order],
            online[order],
        )
        first = np.ones(len(need), dtype=bool)
        first[1:] = (need[1:] != need[:-1]) | (service[1:] != service[:-1])
        need, service, minutes, related, online = (
            need[first],
            service[first],
            minutes[first],
            related[first],
            online[first],
        )
    # Services a need was declined or failed by are never proposed to it again.
    if any(n.excluded for n in needs) and len(need):
        keys = [s.key for s in services]
        keep = np.ones(len(need), dtype=bool)
        for e in np.nonzero(np.isin(need, [i for i, n in enumerate(needs) if n.excluded]))[0]:
            if keys[service[e]] in needs[need[e]].excluded:
                keep[e] = False
        need, service, minutes, related, online = need[keep], service[keep], minutes[keep], related[keep], online[keep]
    fit = fits(needs, services, need, service)
    keep = fit >= rules.min_fit
    if not keep.all():
        need, service, minutes, related, online, fit = (a[keep] for a in (need, service, minutes, related, online, fit))
    fee = np.array([not s.free for s in services], dtype=bool)
    cost = (
        np.rint(minutes * w.walk_per_minute).astype(np.int64)
        + np.rint((1 - fit) * w.misfit).astype(np.int64)
        + related * w.related_domain
        + (fee[service] if len(service) else np.zeros(0, dtype=bool)) * w.fee
        + online * w.online
    ).astype(np.int64)
    urgency = np.array([n.urgency for n in needs], dtype=np.int64)
    supports = np.array([n.supports for n in needs], dtype=np.int64)
    need_cost = w.urgency * np.clip(3 - urgency, 0, None) + w.support * np.clip(w.support_cap - supports, 0, None)
    return Candidates(
        need=need,
        service=service,
        minutes=minutes,
        cost=cost,
        related=related,
        online=online,
        fit=fit,
        need_cost=need_cost.astype(np.int64),
        capacities=capacities,
    )


def fits(needs: list[NeedIn], services: list[ServiceIn], need: np.ndarray, service: np.ndarray) -> np.ndarray:
    """Per edge, the share of its need's concepts that its service names too (1.0 for a need naming none)."""
    fit = np.ones(len(need), dtype=float)
    judged = np.nonzero(np.array([needs[n].concepts != 0 for n in need.tolist()], dtype=bool))[0]
    for e in judged.tolist():
        asked = needs[need[e]].concepts
        fit[e] = (asked & services[service[e]].concepts).bit_count() / asked.bit_count()
    return fit
