"""Role × action: for each action, who may, and about two who may not (superusers included)."""

import pytest

from sanshe.common.permissions import may
from sanshe.events.models import StallKind
from sanshe.events.services import fairs, markets
from tests.events.conftest import FAIR_DAY, at
from tests.factories import UserFactory


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def meeting(exhibitor, visitor):
    return fairs.book_meeting(actor=visitor, exhibitor=exhibitor, starts_at=at(FAIR_DAY, 9))


@pytest.fixture
def stall(edition, resident):
    return markets.apply_for_stall(actor=resident, event=edition, kind=StallKind.RESIDENT, name="手作", offering="布包")


GRID = [
    # (permission, object fixture, allowed, forbidden)
    ("events.manage_event", "fair", ["organizer"], ["org_staff", "community_staff", "superuser"]),
    ("events.decide_exhibitor", "exhibitor", ["organizer"], ["org_staff", "visitor", "superuser"]),
    ("events.register_exhibitor", "organization", ["org_staff"], ["other_org_staff", "community_staff", "superuser"]),
    ("events.record_meeting", "exhibitor", ["org_staff"], ["organizer", "visitor", "superuser"]),
    ("events.cancel_meeting", "meeting", ["visitor", "org_staff"], ["organizer", "other_org_staff", "superuser"]),
    ("events.record_deal", "exhibitor", ["org_staff", "organizer"], ["visitor", "other_org_staff", "superuser"]),
    ("events.run_market", "edition", ["community_staff"], ["resident", "other_community_staff", "superuser"]),
    ("events.decide_stall", "stall", ["community_staff"], ["resident", "organizer", "superuser"]),
    ("events.preorder", "stall", ["resident"], ["visitor", "other_community_staff", "superuser"]),
    ("events.offer_preorder", "stall", ["resident"], ["community_staff", "visitor", "superuser"]),
]


@pytest.mark.parametrize(("perm", "target", "allowed", "forbidden"), GRID, ids=[row[0] for row in GRID])
def test_role_by_action(request, perm, target, allowed, forbidden):
    obj = request.getfixturevalue(target)
    for who in allowed:
        assert may(request.getfixturevalue(who), perm, obj), (who, perm)
    for who in forbidden:
        assert not may(request.getfixturevalue(who), perm, obj), (who, perm)


def test_anonymous_may_nothing(fair, exhibitor):
    from django.contrib.auth.models import AnonymousUser

    for perm, obj in (("events.book_meeting", fair), ("events.manage_event", fair), ("events.record_deal", exhibitor)):
        assert not may(AnonymousUser(), perm, obj)
