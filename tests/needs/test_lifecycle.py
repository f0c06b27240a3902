"""The lifecycle: allowed and forbidden transitions, who may move a need, and the history."""

import itertools

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sanshe.needs import lifecycle, services
from sanshe.needs.models import Need, NeedEvent, NeedStatus

ALLOWED = {
    ("open", "matched"),
    ("open", "unmet"),
    ("open", "withdrawn"),
    ("matched", "in_service"),
    ("matched", "open"),
    ("matched", "unmet"),
    ("matched", "withdrawn"),
    ("in_service", "met"),
    ("in_service", "open"),
    ("in_service", "unmet"),
    ("in_service", "withdrawn"),
    ("unmet", "open"),
}


@pytest.mark.parametrize("current,target", list(itertools.product(NeedStatus.values, repeat=2)))
def test_the_table_allows_exactly_the_documented_moves(current, target):
    assert lifecycle.NEED.can_move(current, target) == ((current, target) in ALLOWED)


def _force(need, status, reason=""):
    Need.objects.filter(pk=need.pk).update(status=status, unmet_reason=reason)
    need.refresh_from_db()


@pytest.mark.parametrize("current,target", sorted(ALLOWED))
def test_staff_make_each_allowed_move_and_it_is_recorded(need, people, current, target):
    _force(need, current, "no_capacity" if current == "unmet" else "")
    reason = "no_service_nearby" if target == "unmet" else ""
    services.change_status(actor=people["staff"], need=need, to_status=target, reason="电话回访", unmet_reason=reason)
    need.refresh_from_db()
    assert need.status == target
    event = need.events.order_by("-created_at", "-id").filter(kind=NeedEvent.Kind.STATUS).first()
    assert (event.from_status, event.to_status, event.actor) == (current, target, people["staff"])


@pytest.mark.parametrize(
    "current,target", [(c, t) for c, t in itertools.product(NeedStatus.values, repeat=2) if (c, t) not in ALLOWED]
)
def test_forbidden_moves_are_refused_and_leave_no_trace(need, people, current, target):
    _force(need, current, "no_capacity" if current == "unmet" else "")
    events = need.events.count()
    with pytest.raises(ValidationError):
        services.change_status(actor=people["staff"], need=need, to_status=target, unmet_reason="no_capacity")
    need.refresh_from_db()
    assert need.status == current and need.events.count() == events


def test_unmet_needs_a_reason(need, people):
    with pytest.raises(ValidationError, match="原因"):
        services.change_status(actor=people["staff"], need=need, to_status="unmet")
    services.change_status(actor=people["staff"], need=need, to_status="unmet", unmet_reason="could_not_contact")
    need.refresh_from_db()
    assert need.unmet_reason == "could_not_contact"


@pytest.mark.parametrize("who", ["staff", "assigned", "admin"])
def test_staff_of_the_community_and_assigned_staff_move_needs(need, people, who):
    services.change_status(actor=people[who], need=need, to_status="matched")
    need.refresh_from_db()
    assert need.status == "matched"


@pytest.mark.parametrize(
    "who", ["resident", "neighbour", "unverified", "outsider", "other_staff", "org_staff", "street", "district"]
)
def test_others_cannot_move_needs(need, people, who):
    with pytest.raises(PermissionDenied):
        services.change_status(actor=people[who], need=need, to_status="matched")
    need.refresh_from_db()
    assert need.status == "open"


def test_the_resident_withdraws_their_own_need_but_not_a_neighbours(need, people):
    with pytest.raises(PermissionDenied):
        services.change_status(actor=people["neighbour"], need=need, to_status="withdrawn")
    services.change_status(actor=people["resident"], need=need, to_status="withdrawn", reason="已自己解决")
    need.refresh_from_db()
    assert need.status == "withdrawn"
    assert need.events.last().actor == people["resident"]


def test_posting_records_the_first_event(need, people):
    first = need.events.order_by("created_at").first()
    assert first.to_status == "open" and first.actor == people["resident"]
