"""Community needs boards, officers' roll-ups and the Excel export: permissions and bounded queries."""

import io

import pytest
from openpyxl import load_workbook

from sanshe.needs import selectors, services
from sanshe.places.models import Community
from tests.factories import NeedFactory, domain, target_group


@pytest.fixture
def many_needs(community, other_community):
    for i in range(15):
        NeedFactory(
            community=community, summary=f"送饭{i}", target_group=target_group("elderly-alone") if i < 2 else None
        )
    for i in range(5):
        NeedFactory(community=other_community, summary=f"法律{i}", domain=domain("legal"))


def test_the_board_counts_and_compares_with_the_profile(community, many_needs):
    board = selectors.board(Community.objects.filter(pk=community.pk))
    assert board.total == 15
    assert dict((code, n) for _label, code, n in board.by_status)["open"] == 15
    elderly = next(g for g in board.groups if g[0] == "elderly")
    # 38% of the population is elderly (factory profile) but 2 of 15 needs come from elderly people.
    assert elderly[1] == pytest.approx(0.38) and elderly[2] == pytest.approx(2 / 15) and elderly[3] is True


def test_the_board_rolls_up_over_a_street(community, many_needs):
    board = selectors.board(Community.objects.filter(street=community.street))
    assert board.total == 20
    assert {label: n for label, _pk, n, _open, _s in board.by_domain}[domain("legal").label] == 5


@pytest.mark.parametrize("who", ["staff", "street", "district", "admin"])
def test_the_board_page_opens_for_staff_and_officers_in_bounded_queries(
    client, people, community, many_needs, who, django_assert_max_num_queries
):
    client.force_login(people[who])
    # session, user, community, roles, ids, terms, grouped counts, profile, page count, domain choices, page rows
    with django_assert_max_num_queries(11):
        response = client.get(f"/communities/{community.pk}/needs/")
    assert response.status_code == 200
    assert "送饭" in response.content.decode()


@pytest.mark.parametrize("who", ["resident", "neighbour", "other_staff", "org_staff", "other_district"])
def test_the_board_is_refused_to_others(client, people, community, many_needs, who):
    client.force_login(people[who])
    assert client.get(f"/communities/{community.pk}/needs/").status_code == 403
    assert client.get(f"/communities/{community.pk}/needs/export.xlsx").status_code == 403


def test_the_board_is_refused_to_visitors(client, community):
    response = client.get(f"/communities/{community.pk}/needs/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_query_count_does_not_grow_with_needs(client, people, community, django_assert_max_num_queries):
    client.force_login(people["staff"])
    NeedFactory.create_batch(3, community=community)
    with django_assert_max_num_queries(16) as few:
        client.get(f"/communities/{community.pk}/needs/")
    NeedFactory.create_batch(30, community=community)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(f"/communities/{community.pk}/needs/")


def test_the_excel_export(client, people, community, many_needs):
    client.force_login(people["staff"])
    response = client.get(f"/communities/{community.pk}/needs/export.xlsx")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["概况", "按领域", "按社区"]
    assert ["需求总数", 15] in [list(r[:2]) for r in book["概况"].iter_rows(values_only=True)]


def test_the_street_officer_overview_covers_their_communities_only(
    client, people, community, other_community, many_needs, django_assert_max_num_queries
):
    NeedFactory(summary="别的街道的需求")
    client.force_login(people["street"])
    with django_assert_max_num_queries(16):
        page = client.get("/needs/overview/").content.decode()
    assert community.name in page and other_community.name in page
    assert "别的街道的需求" not in page
    assert client.get("/needs/overview/export.xlsx").status_code == 200


@pytest.mark.parametrize("who", ["resident", "org_staff"])
def test_the_overview_is_refused_to_residents_and_organizations(client, people, many_needs, who):
    client.force_login(people[who])
    assert client.get("/needs/overview/").status_code == 403
    assert client.get("/needs/overview/export.xlsx").status_code == 403


def test_staff_filter_the_board(client, people, community, many_needs):
    need = NeedFactory(community=community, summary="紧急求助", urgency=3)
    services.change_status(actor=people["staff"], need=need, to_status="matched")
    client.force_login(people["staff"])
    page = client.get(f"/communities/{community.pk}/needs/?status=matched").content.decode()
    assert "紧急求助" in page and "送饭1" not in page


def test_the_board_counts_in_three_queries_whatever_the_filters(community, many_needs, django_assert_num_queries):
    ids = [community.pk]
    with django_assert_num_queries(3):
        board = selectors.board(ids)
    assert board.total == 15 and board.supports == 0
    with django_assert_num_queries(3):
        filtered = selectors.board(ids, status="met", urgency=3)
    assert filtered.total == 0 and all(n == 0 for _label, _code, n in filtered.by_status)


def test_the_board_sums_domains_statuses_and_groups_from_grouped_rows(community, people):
    from sanshe.needs.models import NeedStatus

    NeedFactory(community=community, domain=domain("legal"), target_group=None, beneficiary_age=70, support_count=3)
    NeedFactory(community=community, domain=domain("legal"), target_group=None, beneficiary_age=10, urgency=3)
    NeedFactory(
        community=community,
        domain=domain("elderly"),
        target_group=target_group("people-with-disabilities"),
        beneficiary_age=40,
        status=NeedStatus.MET,
        support_count=2,
    )
    board = selectors.board([community.pk])
    assert board.total == 3 and board.supports == 5
    by_domain = {label: (n, waiting, supports) for label, _pk, n, waiting, supports in board.by_domain}
    assert by_domain == {domain("legal").label: (2, 2, 3), domain("elderly").label: (1, 0, 2)}
    assert [row[0] for row in board.by_domain][0] == domain("legal").label  # most needs first
    statuses = {code: n for _label, code, n in board.by_status}
    assert statuses["open"] == 2 and statuses["met"] == 1
    assert {code: n for _label, code, n in board.by_urgency}[3] == 1
    shares = {group: needs_share for group, _population, needs_share, _signal in board.groups}
    assert shares == {
        "elderly": pytest.approx(1 / 3),
        "children": pytest.approx(1 / 3),
        "disabled": pytest.approx(1 / 3),
    }
