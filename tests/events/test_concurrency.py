"""Six people book the same booth's slot at the same moment: the database keeps exactly one (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from sanshe.common import clock
from sanshe.events.models import Meeting, Preorder, PreorderItem
from sanshe.events.services import fairs, markets
from sanshe.people.models import RoleKind
from tests.events.conftest import FAIR_DAY, TODAY, at, person

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serializes writers; run with DATABASE_URL=postgres://... to race them.",
    ),
]


def race(count, work):
    barrier = threading.Barrier(count)
    outcomes = []

    def run(index):
        try:
            barrier.wait()
            with clock.frozen_at(at(TODAY, 10)):  # a thread does not inherit the test's frozen clock
                outcomes.append(work(index))
        except Exception as error:  # noqa: BLE001 - every outcome is recorded and checked
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_six_visitors_booking_one_slot_at_once_get_one_meeting(exhibitor, community):
    visitors = [person(f"v{i}", RoleKind.RESIDENT, community=community) for i in range(6)]
    slot = at(FAIR_DAY, 10)
    outcomes = race(6, lambda i: fairs.book_meeting(actor=visitors[i], exhibitor=exhibitor, starts_at=slot).status)
    assert sorted(outcomes) == ["ValidationError"] * 5 + ["booked"]
    assert Meeting.objects.filter(exhibitor=exhibitor, starts_at=slot).count() == 1


def test_one_visitor_booking_two_booths_in_one_slot_at_once_gets_one(
    exhibitor, fair, zone_a, other_organization, other_org_staff, organizer, visitor
):
    second = fairs.register_exhibitor(
        actor=other_org_staff, event=fair, party=other_organization, kind="social_organization", zone=zone_a
    )
    second = fairs.decide_exhibitor(
        actor=organizer, exhibitor=second, approve=True, booth=zone_a.booths.get(code="A02")
    )
    booths = [exhibitor, second] * 2
    slot = at(FAIR_DAY, 9, 40)
    outcomes = race(4, lambda i: fairs.book_meeting(actor=visitor, exhibitor=booths[i], starts_at=slot).status)
    assert outcomes.count("booked") == 1
    assert Meeting.objects.filter(visitor=visitor, starts_at=slot).count() == 1


def test_residents_ordering_the_last_buns_at_once_never_exceed_the_limit(bun_item, community):
    buyers = [person(f"r{i}", RoleKind.RESIDENT, community=community) for i in range(6)]
    outcomes = race(6, lambda i: markets.place_preorder(actor=buyers[i], item=bun_item, quantity=3).quantity)
    assert outcomes.count(3) == 3 and outcomes.count("ValidationError") == 3  # 10 buns: three orders of 3
    item = PreorderItem.objects.get(pk=bun_item.pk)
    assert item.ordered == 9 == sum(Preorder.objects.filter(item=item).values_list("quantity", flat=True))
