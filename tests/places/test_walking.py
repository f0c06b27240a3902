import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sanshe.places import walking
from sanshe.places.walking import Point, straight_line_metres, walk


def test_one_degree_of_latitude_is_about_111_km():
    assert straight_line_metres(Point(36, 103), Point(37, 103)) == pytest.approx(111_195, rel=1e-3)


def test_same_point_is_zero_minutes():
    p = Point(36.06, 103.83)
    assert walk(p, p).minutes == 0


def test_walk_applies_detour_factor_and_speed():
    a, b = Point(36.0600, 103.8300), Point(36.0627, 103.8300)  # about 300 m apart
    straight = straight_line_metres(a, b)
    w = walk(a, b, detour_factor=1.3, metres_per_minute=60)
    assert w.metres == pytest.approx(straight * 1.3)
    assert w.minutes == pytest.approx(straight * 1.3 / 60)
    assert 6 < w.minutes < 7


def test_walk_is_symmetric():
    a, b = Point(30.64, 104.04), Point(30.65, 104.06)
    assert math.isclose(walk(a, b).metres, walk(b, a).metres)


@pytest.mark.parametrize("lat,lng", [(91, 0), (-91, 0), (0, 181), (0, -181)])
def test_points_outside_the_globe_are_refused(lat, lng):
    with pytest.raises(ValueError):
        Point(lat, lng)


@pytest.mark.parametrize("kwargs", [{"detour_factor": 0.5}, {"metres_per_minute": 0}])
def test_nonsense_factors_are_refused(kwargs):
    with pytest.raises(ValueError):
        walk(Point(0, 0), Point(0, 1), **kwargs)


# --- the vectorised form the matcher and the gaps use is the same formula ------------------------
# A grid across China (from Hainan to Heilongjiang, Xinjiang to the east coast) and pairs near each point.
CHINA_LATITUDES = np.linspace(18.0, 53.0, 8)
CHINA_LONGITUDES = np.linspace(74.0, 134.0, 8)


def _scalar_minutes(a_lat, a_lng, b_lat, b_lng):
    return walk(Point(a_lat, a_lng), Point(b_lat, b_lng)).minutes


def test_the_array_form_equals_walk_on_a_grid_across_china():
    lat, lng = (a.ravel() for a in np.meshgrid(CHINA_LATITUDES, CHINA_LONGITUDES))
    # Each grid point to a point nearby (a city walk) and to every other grid point (across the country).
    near_lat, near_lng = lat + 0.004, lng - 0.007
    pairs = [(lat, lng, near_lat, near_lng), (lat[:, None], lng[:, None], lat[None, :], lng[None, :])]
    for a_lat, a_lng, b_lat, b_lng in pairs:
        vector = walking.minutes_array(a_lat, a_lng, b_lat, b_lng)
        a_lat, a_lng, b_lat, b_lng = np.broadcast_arrays(a_lat, a_lng, b_lat, b_lng)
        scalar = np.vectorize(_scalar_minutes)(a_lat, a_lng, b_lat, b_lng)
        assert vector.shape == scalar.shape
        np.testing.assert_allclose(vector, scalar, rtol=0.01, atol=1e-9)


@given(
    a_lat=st.floats(18, 53),
    a_lng=st.floats(74, 134),
    north_m=st.floats(-3000, 3000),
    east_m=st.floats(-3000, 3000),
    detour=st.floats(1, 2),
    pace=st.floats(30, 120),
)
def test_the_array_form_equals_walk_within_one_percent(a_lat, a_lng, north_m, east_m, detour, pace):
    b_lat = a_lat + north_m / walking.METRES_PER_DEGREE
    b_lng = a_lng + east_m / walking.metres_per_degree_longitude(a_lat)
    one = walk(Point(a_lat, a_lng), Point(b_lat, b_lng), detour, pace).minutes
    many = walking.minutes_array([a_lat], [a_lng], [b_lat], [b_lng], detour, pace)[0]
    assert many == pytest.approx(one, rel=0.01, abs=1e-9)
    # And the local plane used for grids and maps agrees with the haversine at a city's scale.
    assert math.hypot(north_m, east_m) * detour / pace == pytest.approx(one, rel=0.01, abs=1e-6)


def test_reach_is_the_inverse_of_walk():
    metres = walking.reach_metres(15, detour_factor=1.3, metres_per_minute=60)
    assert metres == pytest.approx(15 * 60 / 1.3)
    b = Point(39.9 + metres / walking.METRES_PER_DEGREE, 116.4)
    assert walk(Point(39.9, 116.4), b, 1.3, 60).minutes == pytest.approx(15, rel=1e-6)


def test_the_matcher_reads_its_minutes_from_walking():
    from sanshe.matching import candidates

    rules = candidates.Rules(detour_factor=1.4, metres_per_minute=50)
    got = candidates.minutes_between(rules, 31.23, 121.47, 31.235, 121.48)
    assert float(got) == pytest.approx(walk(Point(31.23, 121.47), Point(31.235, 121.48), 1.4, 50).minutes)


@pytest.mark.parametrize("bearing", range(0, 360, 15))
def test_the_matcher_finds_every_site_within_reach_in_any_direction(bearing):
    """The matcher's grid must not lose a site just inside the walking limit, whatever the direction
    (a grid whose x depended on each point's own latitude once hid sites due north or south)."""
    from sanshe.matching import candidates

    rules = candidates.Rules(default_limit=15)
    origin = (39.9, 116.4)
    inside = walking.reach_metres(14.9, rules.detour_factor, rules.metres_per_minute)
    outside = walking.reach_metres(15.2, rules.detour_factor, rules.metres_per_minute)
    sites = []
    for metres in (inside, outside):
        north, east = metres * math.cos(math.radians(bearing)), metres * math.sin(math.radians(bearing))
        sites.append(
            candidates.Site(
                origin[0] + north / walking.METRES_PER_DEGREE,
                origin[1] + east / walking.metres_per_degree_longitude(origin[0]),
            )
        )
    services = [
        candidates.ServiceIn(key=key, domains=frozenset({"legal"}), sites=(site,), capacity_left=1)
        for key, site in zip(("inside", "outside"), sites, strict=True)
    ]
    need = candidates.NeedIn(key="n", domain="legal", community="c", latitude=origin[0], longitude=origin[1])
    edges = candidates.generate([need], services, rules)
    assert [services[int(j)].key for j in edges.service] == ["inside"]


def test_the_matcher_finds_sites_in_reach_in_cities_far_apart():
    """Sites in Shenzhen and in Harbin at once: the grid must hold each need's nearby sites in both."""
    from sanshe.matching import candidates

    rules = candidates.Rules(default_limit=15)
    inside = walking.reach_metres(14.8, rules.detour_factor, rules.metres_per_minute)
    services, needs = [], []
    for city, (lat, lng) in enumerate([(22.54, 114.06), (45.75, 126.63), (36.06, 103.83)]):
        for bearing in (0, 90, 180, 270):
            north, east = inside * math.cos(math.radians(bearing)), inside * math.sin(math.radians(bearing))
            site = candidates.Site(
                lat + north / walking.METRES_PER_DEGREE, lng + east / walking.metres_per_degree_longitude(lat)
            )
            key = (city, bearing)
            services.append(candidates.ServiceIn(key=key, domains=frozenset({"legal"}), sites=(site,), capacity_left=1))
        needs.append(candidates.NeedIn(key=city, domain="legal", community="c", latitude=lat, longitude=lng))
    edges = candidates.generate(needs, services, rules)
    found = {(needs[int(n)].key, services[int(j)].key) for n, j in zip(edges.need, edges.service, strict=True)}
    assert found == {(city, (city, bearing)) for city in range(3) for bearing in (0, 90, 180, 270)}
