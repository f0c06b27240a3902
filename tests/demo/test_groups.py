"""The demo city's groups and volunteering (sanshe.demo.groups, sanshe.demo.volunteers): the choir grown and
coached to 成熟, the committees, building representatives for most of 铁路西村, weekly 四点半课堂 hours."""

import pytest

from sanshe.groups import selectors
from sanshe.groups.models import Group
from sanshe.places.models import Community
from sanshe.volunteers.models import Shift, Signup

pytestmark = pytest.mark.django_db


def test_the_choir_grew_from_five_to_twenty_three_and_is_mature(demo_city_readonly):
    choir = Group.objects.get(name="铁路西村退休职工合唱团")
    assert choir.members.count() == 23 and choir.stage == "mature" and choir.organization is not None
    joined = list(choir.events.filter(kind="joined").order_by("at").values_list("at", flat=True))
    assert len(joined) == 23 and (joined[-1] - joined[0]).days >= 300
    assert [s.to_status for s in selectors.stage_steps(choir).order_by("at")] == ["growing", "mature"]
    assert len({n.capability for c in choir.coachings.all() for n in c.notes.all()}) >= 3
    assert (
        Group.objects.filter(kind="committee", name__in=["铁路西村邻里市集管理委员会", "铁路西村体育委员会"]).count()
        == 2
    )


def test_most_buildings_of_the_village_have_a_representative(demo_city_readonly):
    buildings = list(selectors.coverage(Community.objects.get(name="铁路西村社区")))
    assert len(buildings) == 12 and sum(b.covered for b in buildings) == 10


def test_the_homework_club_has_weekly_shifts_with_confirmed_hours(demo_city_readonly):
    shifts = Shift.objects.filter(activity__title="四点半课堂")
    worked = shifts.filter(signups__checked_in_at__isnull=False).distinct()
    assert shifts.count() == 14 and worked.count() >= 10 and shifts.count() - worked.count() >= 3
    confirmed = Signup.objects.filter(shift__in=shifts, minutes=120, confirmed_by__username="staff")
    assert confirmed.count() == 3 * worked.count()
    assert Signup.objects.filter(shift__in=shifts, status="waiting").count() == 1
