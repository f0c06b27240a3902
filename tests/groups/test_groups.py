"""Groups: founding, joining by request or invitation, leaving, roles, maturity steps on evidence, coverage of
buildings, the pages and the API; each allowed action beside the ones refused."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sanshe.groups import selectors, services
from sanshe.groups.models import GroupEvent, JoinRequest, Membership
from sanshe.people.models import RoleKind
from sanshe.places import services as place_services
from tests.factories import CommunityFactory
from tests.funds.conftest import person

pytestmark = pytest.mark.django_db


@pytest.fixture
def community():
    return CommunityFactory(name="铁路西村社区")


@pytest.fixture
def staff(community):
    return person("staff", community, RoleKind.COMMUNITY_STAFF)


@pytest.fixture
def leader(community):
    return person("leader", community)


@pytest.fixture
def neighbour(community):
    return person("neighbour", community)


@pytest.fixture
def choir(leader, community):
    return services.found_group(actor=leader, community=community, name="退休职工合唱团")


def test_a_resident_asks_to_join_and_the_leader_approves(choir, leader, neighbour):
    request = services.request_to_join(actor=neighbour, group=choir, message="我会唱歌")
    with pytest.raises(ValidationError):
        services.request_to_join(actor=neighbour, group=choir)  # one pending request at a time
    services.answer_request(actor=leader, join_request=request, approve=True)
    assert Membership.objects.get(group=choir, user=neighbour).role == "member"
    assert GroupEvent.objects.filter(group=choir, subject=neighbour, kind="joined").exists()
    with pytest.raises(ValidationError):
        services.answer_request(actor=leader, join_request=request, approve=False)  # answered already


def test_only_officers_answer_and_only_verified_residents_of_the_community_ask(choir, leader, neighbour, community):
    request = services.request_to_join(actor=neighbour, group=choir)
    member = person("member", community)
    services.answer_request(
        actor=leader, join_request=services.request_to_join(actor=member, group=choir), approve=True
    )
    for user in (member, neighbour, person("staff2", community, RoleKind.COMMUNITY_STAFF)):
        with pytest.raises(PermissionDenied):
            services.answer_request(actor=user, join_request=request, approve=True)
    member = type(member).objects.get(pk=member.pk)  # as the next request sees them: a member now
    for user in (person("waiting", community, verified=False), person("outsider", CommunityFactory()), member):
        with pytest.raises(PermissionDenied):
            services.request_to_join(actor=user, group=choir)
    services.set_role(actor=leader, group=choir, user=member, role="deputy")
    services.answer_request(actor=member, join_request=request, approve=False)  # a deputy answers too
    assert JoinRequest.objects.get(pk=request.pk).status == "declined"


def test_leaving_is_recorded_and_the_leader_hands_over_first(choir, leader, neighbour):
    services.answer_request(
        actor=leader, join_request=services.request_to_join(actor=neighbour, group=choir), approve=True
    )
    with pytest.raises(ValidationError):
        services.leave_group(actor=leader, group=choir)
    services.set_role(actor=leader, group=choir, user=neighbour, role="leader")
    assert selectors.leader_of(choir) == neighbour
    assert Membership.objects.get(group=choir, user=leader).role == "deputy"
    services.leave_group(actor=leader, group=choir, reason="搬家了")
    assert not Membership.objects.filter(group=choir, user=leader).exists()
    assert GroupEvent.objects.filter(group=choir, subject=leader, kind="left", reason="搬家了").exists()
    with pytest.raises(PermissionDenied):
        services.leave_group(actor=leader, group=choir)  # not a member any more


def test_only_the_leader_sets_roles_and_nobody_removes_the_leader(choir, leader, neighbour, community):
    services.answer_request(
        actor=leader, join_request=services.request_to_join(actor=neighbour, group=choir), approve=True
    )
    services.set_role(actor=leader, group=choir, user=neighbour, role="deputy")
    for user in (neighbour, person("staff", community, RoleKind.COMMUNITY_STAFF)):
        with pytest.raises(PermissionDenied):
            services.set_role(actor=user, group=choir, user=neighbour, role="treasurer")
    with pytest.raises(ValidationError):
        services.remove_member(actor=neighbour, group=choir, user=leader)


def test_a_maturity_step_needs_coaching_evidence(choir, staff, community):
    coach = person("coach")
    with pytest.raises(PermissionDenied):
        services.note_coaching(actor=coach, group=choir, capability="plans", text="策划了演出")
    services.assign_coach(actor=staff, group=choir, coach=coach)
    with pytest.raises(ValidationError):
        services.step_stage(actor=coach, group=choir, stage="growing", reason="感觉不错")  # no evidence yet
    services.note_coaching(actor=coach, group=choir, capability="plans", text="自己策划了春节演出")
    services.step_stage(actor=coach, group=choir, stage="growing", reason="自己策划了演出")
    with pytest.raises(ValidationError):
        services.step_stage(actor=coach, group=choir, stage="mature", reason="还差得远")  # one of three
    with pytest.raises(PermissionDenied):
        services.step_stage(actor=person("outsider", community), group=choir, stage="sprouting", reason="x")
    step = GroupEvent.objects.get(group=choir, kind="stage")
    assert (step.from_status, step.to_status, step.actor) == ("sprouting", "growing", coach)


def test_coverage_lists_buildings_without_a_representative(client, community, staff, leader):
    one = place_services.add_building(actor=staff, community=community, name="1号楼", units=3)
    place_services.add_building(actor=staff, community=community, name="2号楼")
    with pytest.raises(PermissionDenied):
        place_services.add_building(actor=leader, community=community, name="3号楼")
    services.found_group(actor=leader, community=community, name="1号楼居民", building=one)
    covered = {b.name: b.covered for b in selectors.coverage(community)}
    assert covered == {"1号楼": True, "2号楼": False}
    url = reverse("groups:coverage", args=[community.pk])
    client.force_login(leader)
    assert client.get(url).status_code == 403
    client.force_login(staff)
    page = client.get(url).content.decode()
    assert "1 栋还没有楼栋长" in page and "楼栋长 leader" in page


def test_the_pages_show_the_group_and_its_recruitment(client, choir, leader, neighbour, community):
    services.post_recruitment(actor=leader, group=choir, title="招募男声", text="周六集市见", where="市集东口")
    with pytest.raises(PermissionDenied):
        services.post_recruitment(actor=neighbour, group=choir, title="x", text="y")
    assert "招募男声" in client.get(reverse("groups:community", args=[community.pk])).content.decode()
    client.force_login(neighbour)
    page = client.get(reverse("groups:detail", args=[choir.pk])).content.decode()
    assert "申请加入" in page and "招募男声" in page
    response = client.post(reverse("groups:join", args=[choir.pk]), {"message": "想参加"})
    assert response.status_code == 302 and JoinRequest.objects.filter(group=choir, user=neighbour).exists()
    client.force_login(leader)
    join_request = JoinRequest.objects.get()
    assert "neighbour" in client.get(reverse("groups:requests", args=[choir.pk])).content.decode()
    client.post(reverse("groups:request_answer", args=[join_request.pk]), {"answer": "approve"})
    assert Membership.objects.filter(group=choir, user=neighbour).exists()
    client.force_login(neighbour)
    assert client.get(reverse("groups:requests", args=[choir.pk])).status_code == 403


def test_the_api_lists_groups_and_takes_join_requests(client, choir, leader, neighbour):
    listed = client.get("/api/groups/").json()
    assert [g["name"] for g in listed["items"]] == ["退休职工合唱团"] and listed["items"][0]["member_count"] == 1
    in_its_community = client.get("/api/groups/", {"community": choir.community_id}).json()
    assert [g["name"] for g in in_its_community["items"]] == ["退休职工合唱团"]
    # A community that does not exist filters to nothing (the list declares no 404).
    nowhere = client.get("/api/groups/", {"community": "65973b03-a790-3743-94ea-36c6a1b6af93"})
    assert nowhere.status_code == 200 and nowhere.json()["count"] == 0
    assert client.get(f"/api/groups/{choir.pk}/members/").status_code == 401
    client.force_login(neighbour)
    assert client.get(f"/api/groups/{choir.pk}/members/").status_code == 403
    response = client.post(
        f"/api/groups/{choir.pk}/join-requests/", {"message": "我想加入"}, content_type="application/json"
    )
    assert response.status_code == 201
    again = client.post(f"/api/groups/{choir.pk}/join-requests/", {}, content_type="application/json")
    assert again.status_code == 422
    client.force_login(leader)
    pending = client.get(f"/api/groups/{choir.pk}/join-requests/").json()["items"]
    answer = client.post(
        f"/api/join-requests/{pending[0]['id']}/answer/", {"approve": True}, content_type="application/json"
    )
    assert answer.status_code == 200 and answer.json()["status"] == "approved"
    members = client.get(f"/api/groups/{choir.pk}/members/").json()["items"]
    assert sorted(m["role"] for m in members) == ["leader", "member"]
