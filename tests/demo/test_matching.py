"""The demo city's referrals: every state, the same rows on every run, consistent with needs and capacity."""

from django.db.models import F

from sanshe.demo.matching import referral_id
from sanshe.directory.models import Service
from sanshe.matching import selectors
from sanshe.matching.models import Referral, ReferralEvent, ReferralStatus
from sanshe.needs.models import NeedStatus


def test_demo_has_referrals_in_every_state_consistent_with_their_needs(demo_city_readonly):
    states = set(Referral.objects.values_list("status", flat=True))
    assert states == set(ReferralStatus.values)
    for referral in Referral.objects.select_related("need"):
        expected = {
            ReferralStatus.PROPOSED: {NeedStatus.OPEN},
            ReferralStatus.SENT: {NeedStatus.MATCHED},
            ReferralStatus.ACCEPTED: {NeedStatus.MATCHED},
            ReferralStatus.IN_SERVICE: {NeedStatus.IN_SERVICE},
            ReferralStatus.COMPLETED: {NeedStatus.MET},
        }.get(referral.status)
        if expected:
            assert referral.need.status in expected, referral
        assert referral.events.exists()
    assert Referral.objects.filter(status=ReferralStatus.COMPLETED, feedback_score__isnull=False).exists()
    for service in Service.objects.filter(capacity_per_week__isnull=False):
        assert service.capacity_taken <= service.capacity_per_week
    # Ids come from the need, so every run (SQLite or PostgreSQL) has the same referrals.
    for ref_id, need_id in Referral.objects.filter(source="batch").values_list("id", "need_id"):
        assert referral_id(need_id) == ref_id
    # Every step after the batch was taken by a person, in the past; one referral waits past its deadline.
    steps = ReferralEvent.objects.exclude(from_status="")
    assert steps.exists() and not steps.filter(actor__isnull=True).exists()
    # (`at` is when the step happened, `created_at` when the demo wrote it.)
    assert not steps.filter(at__gte=F("created_at")).exists()
    sent = list(selectors.referrals().filter(status=ReferralStatus.SENT))
    overdue = [r for r in sent if selectors.is_overdue(r)]
    assert overdue and len(overdue) < len(sent)
