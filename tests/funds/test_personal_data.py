"""A person's data download holds their part of the micro-funds: committee roles and votes."""

import pytest

from sanshe.needs.services import export_my_data

pytestmark = pytest.mark.django_db


def test_the_download_holds_my_committee_roles_and_my_votes(approved, chair, member_a):
    data = export_my_data(user=chair)
    roles = data["fund_committee_roles"]
    assert [r["fund"] for r in roles] == [approved.fund.name] and roles[0]["role"] == "chair"
    assert [(v["application"], v["choice"]) for v in data["fund_votes"]] == [(approved.title, "yes")]
    other = export_my_data(user=member_a)
    assert [v["choice"] for v in other["fund_votes"]] == ["no"]  # only one's own votes
