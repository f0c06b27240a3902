"""Hard rules make candidates; soft preferences order them; reasons say why."""

import datetime

import numpy as np
import pytest

from sanshe.directory.models import CostOption, LocationType, Schedule
from sanshe.matching import candidates as cand
from sanshe.matching import services
from sanshe.matching.models import Exclusion
from tests.factories import (
    CommunityFactory,
    LocationFactory,
    NeedFactory,
    ServiceAtLocationFactory,
    domain,
    target_group,
)

from .conftest import make_service

pytestmark = pytest.mark.django_db


def names(need):
    return [c.service.name for c in services.candidates_for(need)]


def test_nearest_free_service_comes_first_with_reasons(community, need):
    make_service(community, name="远的", lat="36.064")
    make_service(community, name="近的", lat="36.0605")
    first = services.candidates_for(need)[0]
    assert first.service.name == "近的"
    assert first.reason_text == "与需求描述相符75%；同属法律服务；步行约1分钟；免费；本周还可接待3人"


def test_hard_rules_each_exclude(community, need):
    make_service(community, name="合格")
    make_service(community, name="领域不同", code="youth")
    make_service(community, name="太远", lat="36.075")
    make_service(community, name="满员", capacity=0)
    paused = make_service(community, name="暂停")
    paused.status = "inactive"
    paused.save()
    make_service(CommunityFactory(), name="不服务本社区")
    make_service(community, name="限老人", minimum_age=60)
    assert names(need) == ["合格"]


def test_target_group_must_be_accepted(community, need):
    need.target_group = target_group("migrant-workers")
    need.save()
    make_service(community, name="只为老人").target_groups.set([target_group("elderly-alone")])
    make_service(community, name="全体居民").target_groups.set([target_group("all-residents")])
    make_service(community, name="外来务工").target_groups.set([target_group("migrant-workers")])
    assert sorted(names(need)) == ["全体居民", "外来务工"]


def test_preferred_time_must_overlap_opening_hours(community, need):
    need.preferred_times = [{"day": "TU", "from": "14:00", "to": "16:00"}]
    need.save()
    tuesday = make_service(community, name="周二下午")
    Schedule.objects.create(service=tuesday, byday="TU", opens_at=datetime.time(14), closes_at=datetime.time(17))
    monday = make_service(community, name="周一")
    Schedule.objects.create(service=monday, byday="MO", opens_at=datetime.time(14), closes_at=datetime.time(17))
    morning = make_service(community, name="周二上午")
    Schedule.objects.create(service=morning, byday="TU", opens_at=datetime.time(8), closes_at=datetime.time(12))
    make_service(community, name="时间未知")
    assert sorted(names(need)) == ["周二下午", "时间未知"]
    by_name = {c.service.name: c.reason_text for c in services.candidates_for(need)}
    assert by_name["周二下午"].endswith("在希望的时间开放")
    assert "在希望的时间开放" not in by_name["时间未知"]


def test_related_domain_is_a_candidate_after_own_domain(community):
    from tests.factories import NeedFactory

    need = NeedFactory(community=community, domain=domain("elderly"), beneficiary_age=80)
    make_service(community, name="医养", code="medical-health", lat="36.0601")
    make_service(community, name="养老", code="elderly", lat="36.062")
    found = services.candidates_for(need)
    assert [c.service.name for c in found] == ["养老", "医养"]
    assert found[1].reason_text.startswith("相关领域：医务/健康")


def test_related_domains_are_the_table_operators_edit(community):
    from sanshe.taxonomy.models import DomainRelation
    from tests.factories import NeedFactory

    need = NeedFactory(community=community, domain=domain("legal"))
    make_service(community, name="就业指导", code="employment", lat="36.0601")
    assert names(need) == []  # 法律 has no related domain in the seeded table
    DomainRelation.objects.create(from_domain=domain("legal"), to_domain=domain("employment"))
    found = services.candidates_for(need)
    assert [c.service.name for c in found] == ["就业指导"]
    assert found[0].reason_text.startswith("相关领域：")
    # One way only: an employment need does not now reach legal services.
    assert "legal" not in services.selectors.related_domains().get("employment", frozenset())
    DomainRelation.objects.filter(from_domain__code="elderly", to_domain__code="medical-health").delete()
    elderly = NeedFactory(community=community, domain=domain("elderly"), beneficiary_age=80)
    make_service(community, name="医养", code="medical-health", lat="36.0601")
    assert "医养" not in names(elderly)


def test_the_seeded_relations_are_the_matchers_former_table():
    from sanshe.matching import selectors

    related = selectors.related_domains()
    assert related["elderly"] == {"medical-health", "disability-rehabilitation", "social-assistance"}
    assert related["mental-health"] == {"medical-health"}
    assert "mental-health" not in related["medical-health"]
    assert sum(len(v) for v in related.values()) == 24


def test_online_service_counts_in_online_domains_only(community, need):
    from tests.factories import NeedFactory

    hotline = make_service(community, name="热线", lat="36.2")
    ServiceAtLocationFactory(
        service=hotline, location=LocationFactory(location_type=LocationType.VIRTUAL, latitude=None, longitude=None)
    )
    assert "热线" in names(need)
    assert "线上或电话服务" in services.candidates_for(need)[0].reason_text
    elderly_need = NeedFactory(community=community, domain=domain("elderly"))
    elderly_hotline = make_service(community, name="老人热线", code="elderly", lat="36.2")
    ServiceAtLocationFactory(
        service=elderly_hotline,
        location=LocationFactory(location_type=LocationType.VIRTUAL, latitude=None, longitude=None),
    )
    assert names(elderly_need) == []


def test_fee_and_places_in_reasons_and_cost(community, need):
    paid = make_service(community, name="收费", lat="36.0605")
    CostOption.objects.create(service=paid, amount_fen=500)
    make_service(community, name="免费", lat="36.0606", capacity=None)
    found = services.candidates_for(need)
    assert [c.service.name for c in found] == ["免费", "收费"]
    assert found[0].reason_text.endswith("名额不限")
    assert "收费¥5起" in found[1].reason_text


def test_excluded_service_is_not_proposed_again(community, need, service):
    Exclusion.objects.create(need=need, service=service, reason="名额已满")
    assert names(need) == []


def test_pending_proposals_hold_places(community, need, service):
    from sanshe.matching.models import Referral
    from tests.factories import NeedFactory

    service.capacity_per_week = 1
    service.save()
    Referral.objects.create(need=NeedFactory(community=community, domain=domain("legal")), service=service)
    assert names(need) == []


def test_window_overlap_rules():
    window = cand.Window(frozenset({"TU"}), 14 * 60, 17 * 60)
    assert window.overlaps("TU", 16 * 60, 18 * 60)
    assert not window.overlaps("TU", 17 * 60, 18 * 60)
    assert not window.overlaps("WE", 14 * 60, 15 * 60)
    assert cand.Window().overlaps("SU", 0, 60)


def test_a_service_with_several_sites_is_one_candidate_at_its_nearest_site(community, need):
    from .conftest import place

    two_sites = make_service(community, name="两处", lat="36.064")
    place(two_sites, "36.0605", "103.830")
    found = services.candidates_for(need)
    assert [c.service.name for c in found] == ["两处"]
    assert round(found[0].minutes, 1) == 1.2


def test_pure_generation_without_django_rows():
    rules = cand.Rules(default_limit=10.0)
    services_in = [
        cand.ServiceIn(key="near", domains=frozenset({"legal"}), sites=(cand.Site(36.0605, 103.83),), capacity_left=1),
        cand.ServiceIn(key="full", domains=frozenset({"legal"}), sites=(cand.Site(36.0605, 103.83),), capacity_left=0),
        cand.ServiceIn(key="far", domains=frozenset({"legal"}), sites=(cand.Site(36.07, 103.83),), capacity_left=5),
    ]
    needs_in = [cand.NeedIn(key=1, domain="legal", community="c", latitude=36.06, longitude=103.83, urgency=3)]
    edges = cand.generate(needs_in, services_in, rules)
    assert [services_in[j].key for j in edges.service] == ["near"]
    assert edges.cost.tolist() == [round(edges.minutes[0] * 10)]
    assert edges.need_cost.tolist() == [200]  # urgent: no urgency penalty; 10 supports short × 20


def test_the_needs_words_must_fit_the_service_and_the_fit_is_in_the_reasons(community):
    """送午饭和探访: 老年餐桌 and 独居老人探访, not 智能手机课堂; 测血压 is not served by 老年餐桌."""
    make_service(community, name="老年人智能手机课堂", code="elderly", description="教老人用微信和网上挂号。")
    make_service(community, name="老年大学", code="elderly", description="书法、国画和智能手机课。", lat="36.0605")
    make_service(community, name="社区老年餐桌", code="elderly", description="两荤一素，可送餐上门。", lat="36.0615")
    make_service(community, name="独居老人探访", code="elderly", description="社工定期上门探访。", lat="36.062")
    lunch = NeedFactory(community=community, domain=domain("elderly"), summary="送午饭和探访", description="")
    found = services.candidates_for(lunch)
    assert {c.service.name for c in found} == {"社区老年餐桌", "独居老人探访"}
    assert all(c.reason_text.startswith("与需求描述相符") for c in found)
    pressure = NeedFactory(community=community, domain=domain("elderly"), summary="测血压", description="")
    assert services.candidates_for(pressure) == []


def test_a_need_whose_words_name_nothing_is_not_judged_by_them():
    need = cand.NeedIn(key=1, domain="elderly", community=1, latitude=36.06, longitude=103.83)
    fitting = cand.ServiceIn(key=1, domains=frozenset({"elderly"}), sites=(), capacity_left=1, concepts=0b1)
    assert cand.fits([need], [fitting], np.array([0]), np.array([0])).tolist() == [1.0]
    judged = cand.NeedIn(key=2, domain="elderly", community=1, latitude=36.06, longitude=103.83, concepts=0b110)
    assert cand.fits([judged], [fitting], np.array([0]), np.array([0])).tolist() == [0.0]
    half = cand.ServiceIn(key=2, domains=frozenset({"elderly"}), sites=(), capacity_left=1, concepts=0b010)
    assert cand.fits([judged], [half], np.array([0]), np.array([0])).tolist() == [0.5]
