"""Walking distance and time between two points. Pure Python, no Django.

The estimate is the great-circle distance times a detour factor (streets do
not run straight; 1.3 is a common urban value) at a walking speed in metres
per minute (60 m/min is an older person's pace; GB 50180-2018's 15-minute
life circle assumes about 800-1000 m in 15 minutes). Both are configurable
via SANSHE_WALK_DETOUR_FACTOR and SANSHE_WALK_METRES_PER_MINUTE.

This module owns the formula: `walk()` for one pair, `minutes_array()` for the matcher and the
accessibility gaps (the same haversine over numpy arrays), and `reach_metres()` for the straight-line
radius a number of walking minutes covers (radius searches, map rings, the matcher's grid).
"""

import math
from dataclasses import dataclass

import numpy as np

EARTH_RADIUS_M = 6_371_008.8
DEFAULT_DETOUR_FACTOR = 1.3
DEFAULT_METRES_PER_MINUTE = 60.0
# Along a meridian, one degree of latitude is this many metres on the same sphere as the haversine.
METRES_PER_DEGREE = EARTH_RADIUS_M * math.pi / 180


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float

    def __post_init__(self):
        if not -90 <= self.latitude <= 90:
            raise ValueError(f"latitude {self.latitude} is outside -90..90")
        if not -180 <= self.longitude <= 180:
            raise ValueError(f"longitude {self.longitude} is outside -180..180")


@dataclass(frozen=True)
class Walk:
    metres: float
    minutes: float


def straight_line_metres(a: Point, b: Point) -> float:
    """Haversine distance in metres."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def walk(
    a: Point,
    b: Point,
    detour_factor: float = DEFAULT_DETOUR_FACTOR,
    metres_per_minute: float = DEFAULT_METRES_PER_MINUTE,
) -> Walk:
    """Estimated walking distance (m) and time (min) from a to b."""
    if detour_factor < 1:
        raise ValueError("detour_factor must be at least 1")
    if metres_per_minute <= 0:
        raise ValueError("metres_per_minute must be positive")
    metres = straight_line_metres(a, b) * detour_factor
    return Walk(metres=metres, minutes=metres / metres_per_minute)


def reach_metres(
    minutes: float,
    detour_factor: float = DEFAULT_DETOUR_FACTOR,
    metres_per_minute: float = DEFAULT_METRES_PER_MINUTE,
) -> float:
    """The straight-line radius a walk of `minutes` covers (the inverse of walk(): streets add the detour)."""
    return minutes * metres_per_minute / detour_factor


def metres_per_degree_longitude(latitude: float) -> float:
    """Metres in one degree of longitude at this latitude (for local planes, grids and maps)."""
    return METRES_PER_DEGREE * math.cos(math.radians(latitude))


def straight_line_metres_array(a_lat, a_lng, b_lat, b_lng) -> np.ndarray:
    """Haversine distance in metres between arrays of points (degrees), with numpy broadcasting."""
    lat1, lat2 = np.radians(np.asarray(a_lat, dtype=float)), np.radians(np.asarray(b_lat, dtype=float))
    dlat = lat2 - lat1
    dlon = np.radians(np.asarray(b_lng, dtype=float) - np.asarray(a_lng, dtype=float))
    h = np.sin(dlat / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def minutes_array(
    a_lat,
    a_lng,
    b_lat,
    b_lng,
    detour_factor: float = DEFAULT_DETOUR_FACTOR,
    metres_per_minute: float = DEFAULT_METRES_PER_MINUTE,
) -> np.ndarray:
    """Walking minutes between arrays of points: walk().minutes for many pairs at once."""
    return straight_line_metres_array(a_lat, a_lng, b_lat, b_lng) * detour_factor / metres_per_minute
