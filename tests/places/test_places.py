from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sanshe.common.text import pinyin_sort_key
from sanshe.places.models import Community, walk_between
from tests.factories import CommunityFactory, LocationFactory

pytestmark = pytest.mark.django_db


def test_walk_between_uses_configured_factors(settings):
    community = CommunityFactory(latitude=Decimal("36.060000"), longitude=Decimal("103.830000"))
    place = LocationFactory(latitude=Decimal("36.062700"), longitude=Decimal("103.830000"))
    settings.SANSHE_WALK_DETOUR_FACTOR = 1.0
    settings.SANSHE_WALK_METRES_PER_MINUTE = 60
    straight = walk_between(community, place)
    settings.SANSHE_WALK_DETOUR_FACTOR = 1.5
    detoured = walk_between(community, place)
    assert 295 < straight.metres < 305
    assert detoured.minutes == pytest.approx(straight.minutes * 1.5)


def test_walk_between_needs_coordinates_on_both_ends():
    assert walk_between(CommunityFactory(), LocationFactory(latitude=None, longitude=None)) is None


def test_database_refuses_half_a_coordinate():
    with pytest.raises(IntegrityError), transaction.atomic():
        CommunityFactory(latitude=Decimal("36.1"), longitude=None)


def test_database_refuses_more_elderly_than_people():
    with pytest.raises(IntegrityError), transaction.atomic():
        CommunityFactory(population=100, elderly=101)


def test_profile_shares():
    community = CommunityFactory(population=10000, elderly=3800)
    assert community.share("elderly") == pytest.approx(0.38)
    assert CommunityFactory(population=0, elderly=0, children=0, migrants=0, disabled=0).share("elderly") is None


@pytest.mark.parametrize(
    "boundary",
    [
        "not a polygon",
        [[[103.8, 36.0], [103.9, 36.0], [103.8, 36.0]]],  # too few points
        [[[103.8, 36.0], [103.9, 36.0], [103.9, 36.1], [103.8, 36.1]]],  # not closed
        [[[203.8, 36.0], [103.9, 36.0], [103.9, 36.1], [203.8, 36.0]]],  # out of range
        [[["103.8", 36.0], [103.9, 36.0], [103.9, 36.1], ["103.8", 36.0]]],  # strings
    ],
)
def test_bad_boundaries_are_refused_with_a_clear_message(boundary):
    community = CommunityFactory.build(street=CommunityFactory().street, boundary=boundary)
    with pytest.raises(ValidationError) as error:
        community.full_clean()
    assert "boundary" in error.value.message_dict


def test_closed_polygon_is_accepted():
    community = CommunityFactory.build(
        street=CommunityFactory().street,
        boundary=[[[103.8, 36.0], [103.9, 36.0], [103.9, 36.1], [103.8, 36.0]]],
    )
    community.full_clean()


def test_communities_sort_by_pinyin():
    street = CommunityFactory(name="张家社区").street
    for name in ["安宁社区", "北园社区", "重庆路社区"]:
        CommunityFactory(name=name, street=street)
    names = list(Community.objects.filter(street=street).values_list("name", flat=True))
    assert names == ["安宁社区", "北园社区", "重庆路社区", "张家社区"]


def test_sort_key_follows_renames():
    community = CommunityFactory(name="张家社区")
    community.name = "安宁社区"
    community.save(update_fields=["name"])
    community.refresh_from_db()
    assert community.sort_key == pinyin_sort_key("安宁社区")


def test_half_a_coordinate_gets_a_clear_form_error():
    location = LocationFactory.build(latitude=Decimal("36.1"), longitude=None)
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert "longitude" in error.value.message_dict
