"""The demo city's needs: every state, reached through the needs services with a history that tells how."""

import uuid

from django.db.models import Count

from sanshe.demo.city import NAMESPACE
from sanshe.needs import lifecycle
from sanshe.needs.models import Need, NeedEvent, NeedStatus, PrivateDetails, Support
from sanshe.places.models import Community


def test_demo_needs_are_in_every_state_with_their_history_supports_and_private_details(demo_city_readonly):
    assert set(Need.objects.values_list("status", flat=True)) == set(NeedStatus.values)
    events = {}
    for event in NeedEvent.objects.filter(kind=NeedEvent.Kind.STATUS).order_by("at", "created_at", "id"):
        events.setdefault(event.need_id, []).append(event)
    for need in Need.objects.all():
        steps = events[need.pk]
        assert (steps[0].from_status, steps[0].to_status) == ("", NeedStatus.OPEN)
        for a, b in zip(steps, steps[1:], strict=False):
            assert b.from_status == a.to_status and lifecycle.NEED.can_move(a.to_status, b.to_status)
            assert a.at < b.at < b.created_at  # dated in the past (before it was written), one after another
        assert steps[-1].to_status == need.status
        assert all(step.actor_id for step in steps[1:])  # every move by a real person
    unmet = Need.objects.filter(status=NeedStatus.UNMET)
    assert unmet.exists() and not unmet.filter(unmet_reason="").exists()
    # Staff who move a need by hand are assigned to it (referrals move the others); residents withdraw their own.
    by_hand = Need.objects.exclude(status=NeedStatus.OPEN).filter(referrals__isnull=True)
    assert by_hand.exists() and not by_hand.filter(assigned_staff__isnull=True).exists()
    withdrawn = NeedEvent.objects.filter(to_status=NeedStatus.WITHDRAWN).select_related("need")
    assert withdrawn.exists() and all(e.actor_id == e.need.resident_id for e in withdrawn)
    # 点单 by verified neighbours, counted on the need; private details kept encrypted.
    assert Support.objects.exists()
    counted = Need.objects.annotate(n=Count("supports")).values_list("support_count", "n")
    assert all(count == n for count, n in counted)
    assert PrivateDetails.objects.count() > Need.objects.count() // 2
    # Ids come from ids.deterministic: the first row made for a community's first need is that need.
    community = Community.objects.order_by("sort_key", "id").first()
    scope = uuid.uuid5(NAMESPACE, f"need/{community.pk}/0")
    assert Need.objects.get(pk=uuid.uuid5(scope, "0")).community == community
