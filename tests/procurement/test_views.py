"""Public pages, the residents' choice form, the evaluation page, documents and the API."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from sanshe.procurement import services
from sanshe.procurement.models import BidDocument, Choice, ProjectStatus, Score
from tests.procurement.conftest import DURING, T0, draft, evidence, sign


def test_the_call_list_and_detail_are_public_with_bounded_queries(
    client, world, call, bids, django_assert_max_num_queries
):
    draft(world, name="长者助浴")
    with django_assert_max_num_queries(6):
        response = client.get("/procurement/")
    assert response.status_code == 200
    assert "民主西路社区综合服务" in response.text and "长者助浴" in response.text
    with django_assert_max_num_queries(25):
        response = client.get(f"/procurement/{call.pk}/")
    assert response.status_code == 200
    assert "居民点单得分 =" in response.text  # the formula is shown


def test_bids_are_sealed_during_submission(client, world, call, bids, at):
    at(DURING["submission"])
    response = client.get(f"/procurement/{call.pk}/")
    assert "已收到 3 份投标" in response.text
    assert bids[0].summary not in response.text
    at(DURING["choice"])
    assert bids[0].summary in client.get(f"/procurement/{call.pk}/").text


def test_results_appear_only_after_the_choice_period(client, world, call, bids, at):
    services.choose(actor=world.residents[0], project=call, bids=[bids[0]], now=DURING["choice"])
    at(DURING["choice"])
    assert "居民点单结果" not in client.get(f"/procurement/{call.pk}/").text
    assert client.get(f"/api/procurement/calls/{call.pk}/results").json()["published"] is False
    at(DURING["evaluation"])
    assert "居民点单结果" in client.get(f"/procurement/{call.pk}/").text
    results = client.get(f"/api/procurement/calls/{call.pk}/results").json()
    assert results["published"] and results["voters"] == 1


def test_a_resident_chooses_through_the_form(client, world, call, bids, at):
    at(DURING["choice"])
    client.force_login(world.residents[0])
    page = client.get(f"/procurement/{call.pk}/choose/")
    assert page.status_code == 200 and bids[1].summary in page.text
    response = client.post(f"/procurement/{call.pk}/choose/", {"bid": [str(bids[1].pk), str(bids[2].pk)]})
    assert response.status_code == 302
    assert set(Choice.objects.filter(resident=world.residents[0]).values_list("bid", flat=True)) == {
        bids[1].pk,
        bids[2].pk,
    }
    # her own choice is shown back to her only
    assert client.get(f"/procurement/{call.pk}/choose/").text.count("checked") == 2


@pytest.mark.parametrize("who", ["unverified", "outsider", "buyer"])
def test_others_are_refused_the_choice_form_with_the_reason(client, world, call, bids, at, who):
    at(DURING["choice"])
    client.force_login(getattr(world, who))
    response = client.get(f"/procurement/{call.pk}/choose/")
    assert response.status_code == 403
    assert "已核实的居民" in response.text
    assert client.post(f"/procurement/{call.pk}/choose/", {"bid": [str(bids[0].pk)]}).status_code == 403
    assert not Choice.objects.exists()


def test_the_choice_form_is_closed_outside_its_period(client, world, call, bids, at):
    at(DURING["submission"])
    client.force_login(world.residents[0])
    response = client.get(f"/procurement/{call.pk}/choose/")
    assert response.status_code == 403 and "点单期" in response.text


def test_anonymous_visitors_are_sent_to_log_in(client, call):
    response = client.get(f"/procurement/{call.pk}/choose/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_evaluation_page_is_for_the_buyer_and_panel_until_the_award(client, world, call, bids, panel, at):
    at(DURING["evaluation"])
    assert client.get(f"/procurement/{call.pk}/evaluation/").status_code == 404
    client.force_login(world.staff[0])
    assert client.get(f"/procurement/{call.pk}/evaluation/").status_code == 404
    client.force_login(world.buyer)
    assert client.get(f"/procurement/{call.pk}/evaluation/").status_code == 200
    client.force_login(world.evaluators[0])
    assert client.get(f"/procurement/{call.pk}/evaluation/").status_code == 200


def test_after_the_award_everyone_sees_raw_and_calibrated_rankings(client, world, call, awarded):
    response = client.get(f"/procurement/{call.pk}/evaluation/")
    assert response.status_code == 200
    assert "校准后排名" in response.text and "原始排名" in response.text
    assert "eval0" not in response.text  # evaluators are numbered, not named
    detail = client.get(f"/procurement/{call.pk}/").text
    assert "中标公告" in detail and "夕阳红助老" in detail


def test_contract_pages_show_milestones_deliveries_and_payments(
    client, world, call, awarded, django_assert_max_num_queries
):
    contract = sign(world, call)
    services.record_delivery(
        actor=world.staff[1],
        contract=contract,
        data={
            "date": datetime.date(2026, 6, 1),
            "place": "社区食堂",
            "content": "助餐",
            "unique_people": 10,
            "visits": 100,
        },
    )
    with django_assert_max_num_queries(30):
        response = client.get(f"/procurement/{call.pk}/")
    assert "首期款" in response.text and "社区食堂" in response.text
    assert "服务 10 人" in response.text and "100 人次" in response.text
    assert "民主西路社区综合服务" in client.get("/procurement/contracts/").text


@pytest.fixture
def document(world, call, bids, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return services.add_bid_document(
        actor=world.staff[0],
        bid=bids[0],
        title="服务方案",
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf"),
        public=False,
        now=DURING["submission"],
    )


def test_a_private_document_is_served_to_the_bidder_and_buyer_only(client, world, document):
    url = f"/procurement/documents/{document.pk}/"
    assert client.get(url).status_code == 404
    client.force_login(world.staff[1])
    assert client.get(url).status_code == 404
    client.force_login(world.staff[0])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 plan"
    client.force_login(world.buyer)
    assert client.get(url).status_code == 200


def test_a_public_document_is_downloadable_once_bids_are_opened(client, world, document, at):
    BidDocument.objects.filter(pk=document.pk).update(public=True)
    url = f"/procurement/documents/{document.pk}/"
    at(DURING["submission"])
    assert client.get(url).status_code == 404
    at(DURING["choice"])
    assert client.get(url).status_code == 200


def test_documents_of_the_wrong_type_or_size_are_refused(world, call, bids, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError, match="pdf"):
        services.add_bid_document(
            actor=world.staff[0],
            bid=bids[0],
            title="x",
            file=SimpleUploadedFile("x.exe", b"MZ"),
            now=DURING["submission"],
        )
    big = SimpleUploadedFile("big.pdf", b"0" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="10 MB"):
        services.add_bid_document(actor=world.staff[0], bid=bids[0], title="x", file=big, now=DURING["submission"])


def test_the_api_lists_calls_and_takes_choices_from_residents_only(client, world, call, bids, at):
    assert client.get("/api/procurement/calls").json()["count"] == 1
    assert client.get("/api/procurement/calls?status=awarded").json()["count"] == 0
    at(DURING["choice"])
    url = f"/api/procurement/calls/{call.pk}/choices"
    assert client.post(url, {"bids": [str(bids[0].pk)]}, content_type="application/json").status_code == 401
    client.force_login(world.outsider)
    assert client.post(url, {"bids": [str(bids[0].pk)]}, content_type="application/json").status_code == 403
    client.force_login(world.residents[0])
    assert client.post(url, {"bids": [str(bids[0].pk)]}, content_type="application/json").status_code == 204
    assert Choice.objects.count() == 1


def test_the_admin_pages_load(admin_client, world, call, awarded):
    sign(world, call)
    for name in (
        "catalogueitem",
        "violation",
        "project",
        "bid",
        "evaluatorassignment",
        "conflictdeclaration",
        "award",
        "challenge",
        "contract",
        "deliveryrecord",
        "performanceevaluation",
    ):
        assert admin_client.get(f"/admin/procurement/{name}/").status_code == 200, name
    assert admin_client.get(f"/admin/procurement/project/{call.pk}/change/").status_code == 200
    assert admin_client.get("/admin/procurement/catalogueitem/add/").status_code == 200


def test_status_filter_ignores_unknown_values(client, call):
    assert client.get("/procurement/?status=<script>").status_code == 200
    assert call.status == ProjectStatus.PUBLISHED


def test_staff_bid_through_the_form_with_a_document(client, world, call, at, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    at(DURING["submission"])
    client.force_login(world.staff[0])
    page = client.get(f"/procurement/{call.pk}/bid/")
    assert page.status_code == 200 and "老年人助餐" in page.text
    items = [str(i.pk) for i in call.items.all()]
    data = {
        "organization": str(world.orgs[0].pk),
        "summary": "每天助餐。",
        "plan": "驻点社工。",
        "team": "社工 3 名。",
        "items": items[:2],
        "budget": "人员经费 200000\n活动物料，3500.50",
        "document": SimpleUploadedFile("plan.pdf", b"%PDF-1.4", content_type="application/pdf"),
        "document_public": "on",
    }
    assert client.post(f"/procurement/{call.pk}/bid/", data).status_code == 302
    bid = call.bids.get()
    assert bid.price_fen == 20_350_050 and bid.documents.get().public
    # amending shows the current bid and keeps one bid per organization
    page = client.get(f"/procurement/{call.pk}/bid/")
    assert "人员经费 200000" in page.text
    data.pop("document")
    data["budget"] = "人员经费 180000"
    assert client.post(f"/procurement/{call.pk}/bid/", data).status_code == 302
    bid.refresh_from_db()
    assert bid.price_fen == 18_000_000
    asked = client.post(f"/procurement/{call.pk}/bid/", {"withdraw": str(bid.pk)})
    assert asked.status_code == 200 and "确认撤回投标" in asked.text
    bid.refresh_from_db()
    assert bid.status == "submitted"  # nothing happens before the confirmation
    confirmed = {"withdraw": str(bid.pk), "confirmed": "yes"}
    assert client.post(f"/procurement/{call.pk}/bid/", confirmed).status_code == 302
    bid.refresh_from_db()
    assert bid.status == "withdrawn"


def test_the_bid_form_shows_eligibility_and_menu_reasons(client, world, call, at):
    at(DURING["submission"])
    world.orgs[0].rating = "2A"
    world.orgs[0].save()
    client.force_login(world.staff[0])
    data = {
        "organization": str(world.orgs[0].pk),
        "summary": "x",
        "plan": "x",
        "team": "x",
        "items": [str(call.items.first().pk)],
        "budget": "人员经费 abc",
    }
    response = client.post(f"/procurement/{call.pk}/bid/", data)
    assert response.status_code == 422 and "第 1 行" in response.text
    data["budget"] = "人员经费 1000"
    response = client.post(f"/procurement/{call.pk}/bid/", data)
    assert response.status_code == 422
    assert "2A" in response.text and "3A" in response.text
    assert not call.bids.exists()


@pytest.mark.parametrize("who", ["residents", "buyer", "nobody"])
def test_only_organization_staff_get_the_bid_form(client, world, call, at, who):
    at(DURING["submission"])
    user = world.residents[0] if who == "residents" else getattr(world, who)
    client.force_login(user)
    assert client.get(f"/procurement/{call.pk}/bid/").status_code == 403


def test_the_bid_form_is_closed_after_submission(client, world, call, at):
    at(DURING["choice"])
    client.force_login(world.staff[0])
    response = client.get(f"/procurement/{call.pk}/bid/")
    assert response.status_code == 403 and "投标期" in response.text


def test_a_staff_member_cannot_bid_for_an_organization_not_theirs_through_the_form(client, world, call, at):
    at(DURING["submission"])
    client.force_login(world.staff[0])
    data = {
        "organization": str(world.orgs[1].pk),
        "summary": "x",
        "plan": "x",
        "team": "x",
        "items": [str(i.pk) for i in call.items.all()],
        "budget": "人员经费 1000",
    }
    assert client.post(f"/procurement/{call.pk}/bid/", data).status_code == 422
    assert not call.bids.exists()


def test_an_evaluator_scores_through_the_form_and_a_declared_conflict_blocks_one_bid(
    client, world, call, bids, panel, at
):
    at(DURING["evaluation"])
    evaluator = world.evaluators[0]
    client.force_login(evaluator)
    assert (
        client.post(f"/procurement/{call.pk}/score/", {"declare": str(bids[0].pk), "reason": "曾任理事"}).status_code
        == 302
    )
    page = client.get(f"/procurement/{call.pk}/score/")
    assert page.status_code == 200 and "不能为它的投标评分" in page.text
    plan = call.criteria.get(kind="plan")
    assert client.post(f"/procurement/{call.pk}/score/", {f"score-{bids[1].pk}-{plan.pk}": "88"}).status_code == 302
    refused = client.post(f"/procurement/{call.pk}/score/", {f"score-{bids[0].pk}-{plan.pk}": "99"})
    assert refused.status_code == 422 and "利益关系" in refused.text
    assert list(Score.objects.filter(evaluator=evaluator).values_list("bid", "points")) == [(bids[1].pk, 88)]
    response = client.post(f"/procurement/{call.pk}/score/", {f"score-{bids[1].pk}-{plan.pk}": "120"})
    assert response.status_code == 422 and "0 到 100" in response.text


@pytest.mark.parametrize("who", ["buyer", "staff", "unassigned"])
def test_only_assigned_evaluators_get_the_score_form(client, world, call, bids, panel, at, who):
    at(DURING["evaluation"])
    user = {"buyer": world.buyer, "staff": world.staff[0], "unassigned": world.admin}[who]
    client.force_login(user)
    assert client.get(f"/procurement/{call.pk}/score/").status_code == 404


def test_the_score_form_is_closed_outside_evaluation(client, world, call, bids, panel, at):
    at(DURING["choice"])
    client.force_login(world.evaluators[0])
    assert client.get(f"/procurement/{call.pk}/score/").status_code == 403


def test_the_buyer_awards_answers_a_challenge_signs_and_pays_from_the_desk(client, world, call, bids, panel, at):
    from tests.procurement.conftest import score_all

    services.choose(actor=world.residents[0], project=call, bids=[bids[1]], now=DURING["choice"])
    score_all(world, call, bids, lambda e, b: [70, 80, 60][b])
    at(DURING["decision"])
    url = f"/procurement/{call.pk}/manage/"
    client.force_login(world.buyer)
    asked = client.post(url, {"action": "award"})  # an award cannot be undone: a page asks first
    assert asked.status_code == 200 and "确认中标机构" in asked.text and bids[1].organization.name in asked.text
    call.refresh_from_db()
    assert call.status == ProjectStatus.PUBLISHED
    assert client.post(url, {"action": "award", "confirmed": "yes"}).status_code == 302
    call.refresh_from_db()
    assert call.status == ProjectStatus.AWARDED
    challenge = services.challenge(
        actor=world.staff[0], award=call.award, organization=world.orgs[0], text="评分有误", now=DURING["decision"]
    )
    at(DURING["decision"] + datetime.timedelta(days=10))
    refused = client.post(url, {"action": "sign", "start": "2026-05-01", "term_years": "1"})
    assert refused.status_code == 422 and "质疑正在处理" in refused.text
    assert (
        client.post(url, {"action": "answer", "challenge": str(challenge.pk), "answer": "评分无误"}).status_code == 302
    )
    assert client.post(url, {"action": "sign", "start": "2026-05-01", "term_years": "3"}).status_code == 422
    assert client.post(url, {"action": "sign", "start": "2026-05-01", "term_years": "1"}).status_code == 302
    first = call.contract.milestones.get(title="首期款（40%）")
    refused = client.post(url, {"action": "pay", "milestone": str(first.pk), "confirmed": "yes"})
    assert refused.status_code == 422 and "尚未确认达成" in refused.text
    desk = client.get(url).text
    assert f"/milestones/{first.pk}/met/" in desk and 'value="pay"' not in desk  # only what is allowed now
    met_url = f"/procurement/{call.pk}/milestones/{first.pk}/met/"
    at(datetime.datetime(2026, 6, 2, 9, 0, tzinfo=T0.tzinfo))  # past its due date (2026-05-31)
    without = client.post(met_url, {})
    assert without.status_code == 422 and "请上传达成证明" in without.text
    assert client.post(met_url, {"evidence": evidence()}).status_code == 302
    asked = client.post(url, {"action": "pay", "milestone": str(first.pk)})
    assert asked.status_code == 200 and "确认付款" in asked.text and "已上传文件" in asked.text
    call.contract.refresh_from_db()
    assert call.contract.paid_fen == 0
    assert client.post(url, {"action": "pay", "milestone": str(first.pk), "confirmed": "yes"}).status_code == 302
    call.contract.refresh_from_db()
    assert call.contract.paid_fen == 24_000_000 * 4 // 10
    desk = client.get(url).text
    assert desk.count('value="pay"') == 0 and "已付款" in desk  # a paid milestone offers no 付款


@pytest.mark.parametrize("who", ["other_buyer", "staff", "evaluator"])
def test_only_the_buyer_reaches_the_desk(client, world, call, who):
    user = {"other_buyer": world.other_buyer, "staff": world.staff[0], "evaluator": world.evaluators[0]}[who]
    client.force_login(user)
    assert client.get(f"/procurement/{call.pk}/manage/").status_code == 404
    assert client.post(f"/procurement/{call.pk}/manage/", {"action": "award"}).status_code == 404


def test_the_contractor_records_a_delivery_through_the_form(client, world, call, awarded):
    sign(world, call)
    url = f"/procurement/{call.pk}/deliveries/new/"
    client.force_login(world.staff[1])
    assert "登记一次服务" in client.get(f"/procurement/{call.pk}/").text
    data = {"date": "2026-06-01", "place": "社区食堂", "content": "助餐", "unique_people": "12", "visits": "5"}
    refused = client.post(url, data)
    assert refused.status_code == 422 and "人次不能少于" in refused.text
    assert client.post(url, data | {"visits": "40"}).status_code == 302
    assert call.contract.deliveries.get().visits == 40


@pytest.mark.parametrize("who", ["losing_bidder", "buyer", "resident"])
def test_only_the_contractor_records_deliveries(client, world, call, awarded, who):
    sign(world, call)
    user = {"losing_bidder": world.staff[0], "buyer": world.buyer, "resident": world.residents[0]}[who]
    client.force_login(user)
    assert client.get(f"/procurement/{call.pk}/deliveries/new/").status_code == 404


def test_each_refusal_page_says_what_was_refused_and_why(client, world, call, at):
    at(DURING["decision"])
    client.force_login(world.residents[0])
    choosing = client.get(f"/procurement/{call.pk}/choose/")
    assert choosing.status_code == 403
    assert "不能点单" in choosing.text and "现在不在居民点单期内。" in choosing.text
    client.force_login(world.outsider)
    outsider = client.get(f"/procurement/{call.pk}/choose/")
    assert outsider.status_code == 403 and "只有服务社区里已核实的居民可以点单。" in outsider.text
    client.force_login(world.staff[0])
    bidding = client.get(f"/procurement/{call.pk}/bid/")
    assert bidding.status_code == 403
    assert "不能投标" in bidding.text and "现在不在投标期内" in bidding.text
    client.force_login(world.buyer)
    publishing = client.get(f"/procurement/{call.pk}/publish/")
    assert publishing.status_code == 403
    assert "不能发布征集公告" in publishing.text and "只有计划中的项目可以发布征集公告。" in publishing.text


def test_the_desk_refuses_an_action_it_does_not_know(client, world, call):
    client.force_login(world.buyer)
    response = client.post(f"/procurement/{call.pk}/manage/", {"action": "sell"})
    assert response.status_code == 422 and "未知的操作。" in response.text
    assert call.events.count() == 2  # drafted and published, nothing else


def test_a_contract_signed_without_a_plan_pays_40_30_30(world, call, awarded):
    start = datetime.date(2026, 5, 1)
    contract = services.sign_contract(
        actor=world.buyer, project=call, start=start, now=DURING["decision"] + datetime.timedelta(days=10)
    )
    value = awarded.bid.price_fen
    payments = list(
        contract.milestones.filter(kind="payment").order_by("due_date").values_list("amount_fen", flat=True)
    )
    assert payments == [value * 4 // 10, value * 3 // 10, value - value * 4 // 10 - value * 3 // 10]
    shares = [m["amount_fen"] for m in services.default_milestones(1_000_001, start) if m["kind"] == "payment"]
    assert shares == [400_000, 300_000, 300_001] and sum(shares) == 1_000_001
