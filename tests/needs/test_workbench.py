"""我的工作台, needs' part: a resident's needs under way; the new needs nobody in the community has taken up."""

import pytest
from django.urls import reverse

from sanshe.needs import workbench
from sanshe.needs.models import NeedStatus
from tests.factories import NeedFactory

pytestmark = pytest.mark.django_db


def section(user, key):
    return next((s for s in workbench.sections(user) if s.key == key), None)


def test_a_resident_sees_their_needs_under_way_oldest_first(resident, community, vocabularies):
    first = NeedFactory(resident=resident, community=community, summary="想找人送午饭")
    second = NeedFactory(resident=resident, community=community, summary="想学用智能手机", status=NeedStatus.MATCHED)
    NeedFactory(resident=resident, community=community, summary="已经办好了", status=NeedStatus.MET)
    NeedFactory(community=community, summary="邻居的需求")
    mine = section(resident, "my_needs")
    assert mine.audience == "resident" and mine.count == 2
    assert [item.title for item in mine.items] == [first.summary, second.summary]
    assert mine.items[0].url == reverse("needs:detail", args=[first.pk])
    assert mine.items[1].note == "已匹配"


def test_community_staff_see_open_needs_nobody_has_taken_up(community_staff, other_community_staff, community):
    untaken = NeedFactory(community=community, summary="老人想要助浴")
    taken = NeedFactory(community=community, summary="有人负责的需求")
    taken.assigned_staff.add(community_staff)
    NeedFactory(community=community, summary="已匹配的需求", status=NeedStatus.MATCHED)
    triage = section(community_staff, "needs_to_triage")
    assert triage.audience == "community_staff" and triage.scope == community.name
    assert [item.title for item in triage.items] == [untaken.summary]
    assert triage.url == reverse("needs:board", args=[community.pk]) + "?status=open"
    assert section(other_community_staff, "needs_to_triage").count == 0


def test_staff_items_never_reach_residents_and_the_other_way(resident, community_staff, org_staff, community):
    NeedFactory(community=community, summary="老人想要助浴")
    assert section(resident, "needs_to_triage") is None
    assert section(community_staff, "my_needs") is None
    assert workbench.sections(org_staff) == []
