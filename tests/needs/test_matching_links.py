"""Needs pages link to matching (sanshe.matching) only for those its rules allow."""

import pytest
from django.urls import reverse


def test_staff_of_the_needs_community_see_the_candidates_link_and_referrals(client, people, need):
    client.force_login(people["staff"])
    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert reverse("matching:need_candidates", args=[need.pk]) in page
    assert "查看候选服务并转介" in page
    assert "转介进展" in page  # the referral snippet (sanshe.matching) is on the page


@pytest.mark.parametrize("who", ["resident", "neighbour", "other_staff", "street", "district", "org_staff"])
def test_others_do_not_see_the_candidates_link(client, people, need, who):
    client.force_login(people[who])
    response = client.get(f"/needs/{need.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("matching:need_candidates", args=[need.pk]) not in page
    assert "查看候选服务并转介" not in page


def test_visitors_see_neither_the_link_nor_the_referrals(client, need):
    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert "查看候选服务并转介" not in page and "转介进展" not in page


def test_the_residents_needs_link_to_their_referrals(client, people, need):
    client.force_login(people["resident"])
    assert reverse("matching:my_referrals") in client.get("/needs/mine/").content.decode()


@pytest.mark.parametrize(
    "who, referrals, gaps",
    [("staff", True, True), ("admin", True, True), ("street", False, True), ("district", False, True)],
)
def test_the_board_links_to_referrals_and_gaps_as_allowed(client, people, community, who, referrals, gaps):
    client.force_login(people[who])
    page = client.get(f"/communities/{community.pk}/needs/").content.decode()
    assert (reverse("matching:community_referrals", args=[community.pk]) in page) is referrals
    assert (reverse("matching:community_gaps", args=[community.pk]) in page) is gaps


def test_the_overview_links_officers_to_their_areas_gaps(client, people, community):
    street, district = community.street, community.street.district
    street_url = reverse("matching:street_gaps", args=[street.pk])
    district_url = reverse("matching:district_gaps", args=[district.pk])
    client.force_login(people["street"])
    page = client.get("/needs/overview/").content.decode()
    assert street_url in page and district_url not in page
    client.force_login(people["district"])
    page = client.get("/needs/overview/").content.decode()
    assert district_url in page and street_url not in page


@pytest.mark.parametrize("who", ["staff", "other_district"])
def test_the_overview_does_not_link_others_to_these_gaps(client, people, community, who):
    client.force_login(people[who])
    page = client.get("/needs/overview/").content.decode()
    assert reverse("matching:street_gaps", args=[community.street.pk]) not in page
    assert reverse("matching:district_gaps", args=[community.street.district.pk]) not in page


def test_the_need_page_with_referrals_stays_within_bounded_queries(client, people, need, django_assert_max_num_queries):
    client.force_login(people["staff"])
    with django_assert_max_num_queries(16):
        response = client.get(f"/needs/{need.pk}/")
    assert response.status_code == 200
