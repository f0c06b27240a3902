"""Nothing stuck: the buyer stops a project before its contract (取消 or 终止) with a reason; it is
recorded in the project's history, published in OCDS and the bidders' members are told.
Who may not: other officers, bidders, evaluators; nobody after the contract."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sanshe.interop import ocds_export
from sanshe.notifications.models import Kind, Notification
from sanshe.people.models import Role
from sanshe.people.predicates import ORG_MEMBER_KINDS
from sanshe.procurement import services
from sanshe.procurement.models import ProjectStatus
from tests.interop.test_ocds import assert_valid
from tests.procurement.conftest import DURING, draft, sign


def test_a_published_call_with_bids_is_terminated_with_a_reason_recorded_published_and_announced(
    world, call, bids, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.terminate_project(
            actor=world.buyer, project=call, outcome=ProjectStatus.UNSUCCESSFUL, reason="评审日期设错，重新征集"
        )
    call.refresh_from_db()
    assert call.status == ProjectStatus.UNSUCCESSFUL
    last = call.events.order_by("-at", "-created_at").first()
    assert (last.from_status, last.to_status, last.reason, last.actor) == (
        ProjectStatus.PUBLISHED,
        ProjectStatus.UNSUCCESSFUL,
        "评审日期设错，重新征集",
        world.buyer,
    )
    told = Notification.objects.filter(kind=Kind.PROJECT_STOPPED)
    bidders_members = set(
        Role.objects.filter(organization__in=[b.organization_id for b in bids], kind__in=ORG_MEMBER_KINDS).values_list(
            "user_id", flat=True
        )
    )
    assert bidders_members and set(told.values_list("recipient_id", flat=True)) == bidders_members
    assert all("已终止采购：评审日期设错，重新征集" in n.text for n in told)
    document = ocds_export.package()
    assert_valid(document)
    mine = [r for r in document["releases"] if r["tender"]["id"] == str(call.pk)]
    assert mine[-1]["tender"]["status"] == "unsuccessful" and mine[-1]["tag"] == ["tenderUpdate"]


def test_a_draft_is_cancelled_and_published_as_cancelled(world):
    project = draft(world)
    services.terminate_project(actor=world.buyer, project=project, outcome=ProjectStatus.CANCELLED, reason="预算取消")
    project.refresh_from_db()
    assert project.status == ProjectStatus.CANCELLED
    releases = [r for r in ocds_export.package()["releases"] if r["tender"]["id"] == str(project.pk)]
    assert releases[-1]["tag"] == ["tenderCancellation"] and releases[-1]["tender"]["status"] == "cancelled"


def test_an_awarded_project_may_still_be_stopped_but_not_once_contracted(world, call, awarded):
    services.terminate_project(
        actor=world.buyer,
        project=call,
        outcome=ProjectStatus.CANCELLED,
        reason="中标机构放弃签约",
        now=DURING["decision"],
    )
    call.refresh_from_db()
    assert call.status == ProjectStatus.CANCELLED


def test_nothing_stops_a_contract_and_nothing_is_stopped_twice(world, call, awarded):
    sign(world, call)
    with pytest.raises(ValidationError, match="合同已经签订"):
        services.terminate_project(actor=world.buyer, project=call, outcome=ProjectStatus.CANCELLED, reason="x")
    other = draft(world, name="另一个项目")
    services.terminate_project(actor=world.buyer, project=other, outcome=ProjectStatus.CANCELLED, reason="重复立项")
    with pytest.raises(ValidationError, match="已经终止或取消"):
        services.terminate_project(actor=world.buyer, project=other, outcome=ProjectStatus.CANCELLED, reason="再来")


def test_a_reason_and_a_known_outcome_are_required_and_a_draft_is_cancelled_not_terminated(world, call):
    with pytest.raises(ValidationError, match="写明原因"):
        services.terminate_project(actor=world.buyer, project=call, outcome=ProjectStatus.CANCELLED, reason="  ")
    with pytest.raises(ValidationError):
        services.terminate_project(actor=world.buyer, project=call, outcome=ProjectStatus.COMPLETED, reason="x")
    with pytest.raises(ValidationError, match="取消项目"):
        services.terminate_project(
            actor=world.buyer, project=draft(world, name="草稿"), outcome=ProjectStatus.UNSUCCESSFUL, reason="x"
        )
    call.refresh_from_db()
    assert call.status == ProjectStatus.PUBLISHED


@pytest.mark.parametrize("who", ["other_buyer", "staff", "evaluator", "resident"])
def test_only_the_buyer_may_stop_a_project(world, call, who):
    user = {
        "other_buyer": world.other_buyer,
        "staff": world.staff[0],
        "evaluator": world.evaluators[0],
        "resident": world.residents[0],
    }[who]
    with pytest.raises(PermissionDenied):
        services.terminate_project(actor=user, project=call, outcome=ProjectStatus.CANCELLED, reason="x")
    call.refresh_from_db()
    assert call.status == ProjectStatus.PUBLISHED


def test_the_desk_asks_before_stopping_and_the_public_page_says_why(client, world, call, bids):
    url = f"/procurement/{call.pk}/manage/"
    client.force_login(world.buyer)
    desk = client.get(url).text
    assert "终止或取消项目" in desk and "终止采购" in desk
    data = {"action": "terminate", "outcome": "unsuccessful", "reason": "没有有效投标"}
    asked = client.post(url, data)
    assert asked.status_code == 200 and "确认终止" in asked.text and "没有有效投标" in asked.text
    call.refresh_from_db()
    assert call.status == ProjectStatus.PUBLISHED  # nothing happens before the confirmation
    missing = client.post(url, {"action": "terminate", "outcome": "unsuccessful", "reason": ""})
    assert missing.status_code == 422 and "写明原因" in missing.text
    assert client.post(url, data | {"confirmed": "yes"}).status_code == 302
    call.refresh_from_db()
    assert call.status == ProjectStatus.UNSUCCESSFUL
    public = client.get(f"/procurement/{call.pk}/").text
    assert "已终止" in public and "没有有效投标" in public
    assert "终止或取消项目" not in client.get(url).text  # nothing left to stop


def test_a_draft_offers_only_cancelling(client, world):
    project = draft(world)
    client.force_login(world.buyer)
    desk = client.get(f"/procurement/{project.pk}/manage/").text
    assert 'value="cancelled"' in desk and 'value="unsuccessful"' not in desk


def test_other_people_cannot_stop_a_project_from_the_desk(client, world, call):
    client.force_login(world.staff[0])
    data = {"action": "terminate", "outcome": "cancelled", "reason": "x", "confirmed": "yes"}
    assert client.post(f"/procurement/{call.pk}/manage/", data).status_code == 404
    call.refresh_from_db()
    assert call.status == ProjectStatus.PUBLISHED


def test_confirmation_is_needed_for_the_buyers_other_irreversible_acts_only_with_confirmed_yes(client, world, call):
    """A post without confirmed=yes never acts, whatever else it carries."""
    client.force_login(world.buyer)
    data = {"action": "terminate", "outcome": "cancelled", "reason": "x", "confirmed": "no"}
    assert client.post(f"/procurement/{call.pk}/manage/", data).status_code == 200
    call.refresh_from_db()
    assert call.status == ProjectStatus.PUBLISHED


def test_a_visitor_is_told_that_logging_in_lets_served_residents_choose(client, world, call, bids, at):
    at(DURING["choice"])
    page = client.get(f"/procurement/{call.pk}/").text
    assert 'id="login-to-choose"' in page
    at(DURING["evaluation"])
    assert 'id="login-to-choose"' not in client.get(f"/procurement/{call.pk}/").text
