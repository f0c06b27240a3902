"""Accessibility gaps (the 15-minute life circle): who is within 5, 10 and 15 minutes of a service.

For each community and domain: open needs and residents (from the community
profile, spread evenly over the community's boundary, or a disc around its
centre when none is drawn) within 5/10/15 minutes' walk of an active service
of that domain with a place left that serves the community. Online services do
not count: the life circle is about walking.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext as _

from sanshe.matching import candidates as cand
from sanshe.matching import selectors
from sanshe.needs.models import Need, NeedStatus
from sanshe.places import walking
from sanshe.places.models import Community

TIERS = (5, 10, 15)
# Which part of the community profile a domain serves; other domains serve everyone.
POPULATION_FIELD = {
    "elderly": "elderly",
    "children": "children",
    "school": "children",
    "disability-rehabilitation": "disabled",
    "migrants": "migrants",
}
DEFAULT_RADIUS_M = 400.0
SAMPLES = 21  # samples per side of the community's bounding box


@dataclass
class Gap:
    community: Community
    domain_code: str
    domain: str
    open_needs: int
    needs_within: dict[str, int]
    residents: int
    residents_within: dict[str, int]
    nearest_minutes: float | None
    need_points: list = field(default_factory=list)  # (lat, lng, minutes or None)
    service_points: list = field(default_factory=list)  # (lat, lng, name)

    @property
    def needs_beyond(self) -> int:
        return self.open_needs - self.needs_within["15"]

    @property
    def label(self) -> str:
        if self.nearest_minutes is None:
            return _("%(domain)s：%(needs)s 个需求，附近没有可步行到达的服务") % {
                "domain": self.domain,
                "needs": self.open_needs,
            }
        return _("%(domain)s：%(needs)s 个需求，最近的服务步行%(minutes)s分钟") % {
            "domain": self.domain,
            "needs": self.open_needs,
            "minutes": round(self.nearest_minutes),
        }

    def as_dict(self) -> dict:
        return {
            "domain_code": self.domain_code,
            "domain": self.domain,
            "open_needs": self.open_needs,
            "needs_within": self.needs_within,
            "residents": self.residents,
            "residents_within": self.residents_within,
            "nearest_minutes": None if self.nearest_minutes is None else round(self.nearest_minutes, 1),
            "label": self.label,
        }


@dataclass
class DomainSummary:
    """One domain across an area: how far its open needs are from a service, and the worst community."""

    domain_code: str
    domain: str
    communities: int = 0
    communities_without_service: int = 0
    open_needs: int = 0
    needs_within_15: int = 0
    worst: Gap | None = None

    @property
    def needs_beyond(self) -> int:
        return self.open_needs - self.needs_within_15


def _worst_key(g: Gap):
    return (-g.needs_beyond, -(g.nearest_minutes or 1e9), g.domain_code, g.community.name)


@dataclass
class GapReport:
    rows: list[Gap]

    def domains(self) -> list[tuple[str, str]]:
        """(code, name) of every domain in the report, in the report's order."""
        seen: dict[str, str] = {}
        for g in self.rows:
            seen.setdefault(g.domain_code, g.domain)
        return list(seen.items())

    def only(self, domain_code: str) -> GapReport:
        return GapReport(rows=[g for g in self.rows if g.domain_code == domain_code])

    def by_domain(self) -> list[DomainSummary]:
        """The all-domains overview: per domain, needs beyond 15 minutes over the area, largest first."""
        out: dict[str, DomainSummary] = {}
        for g in self.rows:
            d = out.setdefault(g.domain_code, DomainSummary(g.domain_code, g.domain))
            d.communities += 1
            d.communities_without_service += g.nearest_minutes is None
            d.open_needs += g.open_needs
            d.needs_within_15 += g.needs_within["15"]
            bad = g.open_needs and (g.nearest_minutes is None or g.needs_beyond > 0)
            if bad and (d.worst is None or _worst_key(g) < _worst_key(d.worst)):
                d.worst = g
        return sorted(out.values(), key=lambda d: (-d.needs_beyond, -d.open_needs, d.domain_code))

    @property
    def worst(self) -> list[Gap]:
        """Gaps with needs beyond 15 minutes or no service at all, largest first."""
        bad = [g for g in self.rows if g.open_needs and (g.nearest_minutes is None or g.needs_beyond > 0)]
        return sorted(bad, key=_worst_key)


def _inside(lng: float, lat: float, ring: list) -> bool:
    """Ray casting: whether a point lies inside a closed ring of [lng, lat] pairs."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
        if (y1 > lat) != (y2 > lat) and lng < (x2 - x1) * (lat - y1) / ((y2 - y1) or 1e-12) + x1:
            inside = not inside
    return inside


def sample_points(community: Community) -> list[tuple[float, float]]:
    """Evenly spread points standing for where the community's residents live."""
    if community.boundary:
        ring = community.boundary[0]
        lngs, lats = [p[0] for p in ring], [p[1] for p in ring]
        points = [
            (lat, lng)
            for lat in np.linspace(min(lats), max(lats), SAMPLES)
            for lng in np.linspace(min(lngs), max(lngs), SAMPLES)
            if _inside(lng, lat, ring)
        ]
        if points:
            return points
    if community.latitude is None:
        return []
    lat0, lng0 = float(community.latitude), float(community.longitude)
    dlat = DEFAULT_RADIUS_M / walking.METRES_PER_DEGREE
    dlng = DEFAULT_RADIUS_M / walking.metres_per_degree_longitude(lat0)
    return [
        (lat0 + a * dlat, lng0 + b * dlng)
        for a in np.linspace(-1, 1, SAMPLES)
        for b in np.linspace(-1, 1, SAMPLES)
        if a * a + b * b <= 1
    ]


def _nearest(rules, lats, lngs, site_lat, site_lng):
    if not len(site_lat) or not len(lats):
        return np.full(len(lats), np.inf)
    minutes = cand.minutes_between(
        rules, np.asarray(lats)[:, None], np.asarray(lngs)[:, None], site_lat[None, :], site_lng[None, :]
    )
    return minutes.min(axis=1)


def gaps_for(communities: list[Community], loaded=None) -> GapReport:
    """Gaps for each community and each domain it has open needs or services in (a fixed number of queries).

    loaded: what selectors.load_services() returned, when the caller has it already."""
    rules = selectors.rules_from_settings()
    services, facts = loaded or selectors.load_services()
    terms = selectors.domain_terms()
    ids = [c.pk for c in communities]
    needs_by = defaultdict(list)
    for n in Need.objects.filter(community_id__in=ids, status=NeedStatus.OPEN).select_related("domain"):
        needs_by[n.community_id, n.domain.code].append(n)
    rows = []
    for community in communities:
        domains = {code for (cid, code) in needs_by if cid == community.pk}
        sites_by_domain = defaultdict(list)
        for s in services:
            if s.area and community.pk not in s.area:
                continue
            for site in s.sites:
                if site.online or site.latitude is None:
                    continue
                for code in s.domains:
                    sites_by_domain[code].append((site.latitude, site.longitude, facts[s.key].service.name))
        domains |= set(sites_by_domain)
        samples = sample_points(community)
        centre = (float(community.latitude), float(community.longitude)) if community.latitude is not None else None
        for code in sorted(domains, key=lambda c: (c not in terms, terms[c].sort_key if c in terms else c)):
            sites = sites_by_domain.get(code, [])
            site_lat = np.array([s[0] for s in sites], dtype=float)
            site_lng = np.array([s[1] for s in sites], dtype=float)
            needs = needs_by.get((community.pk, code), [])
            points = []
            for n in needs:
                if n.latitude is not None:
                    points.append((float(n.latitude), float(n.longitude)))
                elif centre:
                    points.append(centre)
            need_minutes = _nearest(rules, [p[0] for p in points], [p[1] for p in points], site_lat, site_lng)
            sample_minutes = _nearest(rules, [p[0] for p in samples], [p[1] for p in samples], site_lat, site_lng)
            residents = getattr(community, POPULATION_FIELD.get(code, "population"))
            nearest = None
            if centre and len(site_lat):
                nearest = float(_nearest(rules, [centre[0]], [centre[1]], site_lat, site_lng)[0])
            term = terms.get(code)
            rows.append(
                Gap(
                    community=community,
                    domain_code=code,
                    domain=term.label if term else code,
                    open_needs=len(needs),
                    needs_within={str(t): int((need_minutes <= t).sum()) for t in TIERS},
                    residents=residents,
                    residents_within={
                        str(t): round(residents * float((sample_minutes <= t).mean())) if len(samples) else 0
                        for t in TIERS
                    },
                    nearest_minutes=nearest,
                    need_points=[
                        (lat, lng, None if math.isinf(m) else float(m))
                        for (lat, lng), m in zip(points, need_minutes, strict=True)
                    ],
                    service_points=sites,
                )
            )
    return GapReport(rows=rows)


def community_gaps(community: Community, loaded=None) -> GapReport:
    return gaps_for([community], loaded)


# --- the map -------------------------------------------------------------------------------
BLUR_METRES = 100.0  # needs are drawn in 100 m squares: near enough to plan, too coarse to find a door


def blurred(need_points) -> dict:
    """Need points snapped to the centre of their 100 m square, grouped by square and reach tier:
    {(lat, lng, tier): [minutes, …]}. The map never shows where a need is closer than that."""
    cells = defaultdict(list)
    for lat, lng, minutes in need_points:
        step_lat = BLUR_METRES / walking.METRES_PER_DEGREE
        # One grid for the whole city: the east-west step is taken at the whole degree of latitude.
        step_lng = BLUR_METRES / walking.metres_per_degree_longitude(math.floor(lat))
        centre = ((math.floor(lat / step_lat) + 0.5) * step_lat, (math.floor(lng / step_lng) + 0.5) * step_lng)
        tier = next((t for t in TIERS if minutes is not None and minutes <= t), "far")
        cells[(*centre, tier)].append(minutes)
    return dict(cells)


def svg_map(community: Community, gap: Gap | None, width: int = 640) -> dict:
    """Shapes for an SVG map of the community, projected to a width×height box (no tiles, no script)."""
    lats, lngs = [], []
    ring = community.boundary[0] if community.boundary else []
    lats += [p[1] for p in ring]
    lngs += [p[0] for p in ring]
    if gap:
        lats += [p[0] for p in gap.need_points] + [p[0] for p in gap.service_points]
        lngs += [p[1] for p in gap.need_points] + [p[1] for p in gap.service_points]
    if community.latitude is not None:
        lat0, lng0 = float(community.latitude), float(community.longitude)
        pad_lat = DEFAULT_RADIUS_M * 1.5 / walking.METRES_PER_DEGREE
        pad_lng = DEFAULT_RADIUS_M * 1.5 / walking.metres_per_degree_longitude(lat0)
        lats += [lat0 - pad_lat, lat0 + pad_lat]
        lngs += [lng0 - pad_lng, lng0 + pad_lng]
    if not lats:
        return {}
    south, north, west, east = min(lats), max(lats), min(lngs), max(lngs)
    mid = math.cos(math.radians((south + north) / 2))
    span_x = max((east - west) * mid, 1e-9)
    span_y = max(north - south, 1e-9)
    height = max(200, round(width * span_y / span_x))
    scale = min((width - 40) / span_x, (height - 40) / span_y)

    def xy(lat, lng):
        return round(20 + (lng - west) * mid * scale, 1), round(height - 20 - (lat - south) * scale, 1)

    metres_per_px = (span_y * walking.METRES_PER_DEGREE) / max(1.0, span_y * scale)
    rules = selectors.rules_from_settings()
    ring_px = {
        t: round(walking.reach_metres(t, rules.detour_factor, rules.metres_per_minute) / metres_per_px, 1)
        for t in TIERS
    }
    needs = []
    if gap:
        blur_px = max(6.0, round(BLUR_METRES / 2 / metres_per_px, 1))
        for (lat, lng, tier), group in sorted(blurred(gap.need_points).items(), key=lambda kv: str(kv[0])):
            x, y = xy(lat, lng)
            known = [m for m in group if m is not None]
            minutes = min(known) if known else None
            needs.append({"x": x, "y": y, "r": blur_px, "tier": tier, "count": len(group), "minutes": minutes})
    return {
        "width": width,
        "height": height,
        "boundary": " ".join(f"{x},{y}" for x, y in (xy(p[1], p[0]) for p in ring)),
        "centre": xy(float(community.latitude), float(community.longitude)) if community.latitude is not None else None,
        "services": [
            {"x": xy(lat, lng)[0], "y": xy(lat, lng)[1], "name": name}
            for lat, lng, name in (gap.service_points if gap else [])
        ],
        "needs": needs,
        "rings": ring_px,
    }


# --- Excel ---------------------------------------------------------------------------------
def sheets(report: GapReport):
    """The gaps table as one sheet of rows (written by sanshe.common.exports)."""
    header = [
        _("社区"),
        _("服务领域"),
        _("待对接需求"),
        _("5分钟内"),
        _("10分钟内"),
        _("15分钟内"),
        _("15分钟外"),
        _("相关居民"),
        _("5分钟内居民"),
        _("10分钟内居民"),
        _("15分钟内居民"),
        _("最近服务步行分钟"),
    ]
    rows = (
        [
            g.community.name,
            g.domain,
            g.open_needs,
            g.needs_within["5"],
            g.needs_within["10"],
            g.needs_within["15"],
            g.needs_beyond,
            g.residents,
            g.residents_within["5"],
            g.residents_within["10"],
            g.residents_within["15"],
            None if g.nearest_minutes is None else round(g.nearest_minutes, 1),
        ]
        for g in report.rows
    )
    return [(_("服务可达性"), [header, *rows])]
