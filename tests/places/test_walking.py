import math

import pytest

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
