"""The gaps map: the community's boundary, services with their 5/10/15-minute reach, needs at their
own points blurred to about 100 m, and a legend drawn with the map's own colours."""

import math
import pathlib
import re

from sanshe.matching import gaps
from sanshe.places import walking

CSS = pathlib.Path(gaps.__file__).parent / "static" / "matching" / "matching.css"


def test_needs_in_the_same_100_metre_square_share_one_blurred_mark():
    step = 100 / walking.METRES_PER_DEGREE
    step_lng = 100 / walking.metres_per_degree_longitude(30)
    # The middle of one 100 m square, so a point 10 m north stays in it.
    lat, lng = (math.floor(30.662 / step) + 0.5) * step, (math.floor(104.045 / step_lng) + 0.5) * step_lng
    points = [(lat, lng, 4.0), (lat + step * 0.1, lng, 4.5), (lat + step * 5, lng, 25.0)]
    cells = gaps.blurred(points)
    assert sorted(len(group) for group in cells.values()) == [1, 2]
    together = next(key for key, group in cells.items() if len(group) == 2)
    assert together[2] == 5 and sorted(cells[together]) == [4.0, 4.5]
    far = next(key for key, group in cells.items() if group == [25.0])
    assert far[2] == "far" and abs(far[0] - (lat + step * 5)) <= step / 2


def test_a_blurred_mark_is_within_half_a_square_of_the_need():
    lat, lng = 30.66123, 104.04567
    ((clat, clng, _tier),) = gaps.blurred([(lat, lng, None)])
    metres = walking.METRES_PER_DEGREE * abs(clat - lat), walking.metres_per_degree_longitude(lat) * abs(clng - lng)
    assert all(m <= 50.01 for m in metres)


def test_every_legend_swatch_has_the_colour_of_its_mark_on_the_map():
    css = CSS.read_text(encoding="utf-8")
    for name in ("boundary", "ring", "service", "tier-5", "tier-10", "tier-15", "tier-far"):
        rule = re.search(rf"\.gap-map \.{name}, \.legend \.{name} \{{", css)
        assert rule, f"the legend's .{name} does not share the map's rule"


def test_the_map_draws_reach_rings_and_blurred_needs_without_exact_points(client, people, community, need, service):
    from django.urls import reverse

    need.latitude, need.longitude = community.latitude, community.longitude
    need.save()
    client.force_login(people["staff"])
    page = client.get(reverse("matching:community_gaps", args=[community.pk]), {"domain": need.domain.code}).text
    svg = page[page.index('<svg class="gap-map"') : page.index("</svg>", page.index('<svg class="gap-map"'))]
    for ring in ("ring-5", "ring-10", "ring-15"):
        assert ring in svg
    assert 'class="need tier-' in svg and "位置模糊到约 100 米" in svg
    legend = page[page.index('<ul class="legend">') :]
    assert 'class="boundary"' in legend and 'class="service"' in legend and "tier-far" in legend
