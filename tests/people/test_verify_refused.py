"""A refused 核实 clicked through htmx says why, in the row, instead of failing silently."""

import json
import re

import pytest
from django.urls import reverse

from sanshe.people.models import RoleKind
from tests.factories import UserFactory, give_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def applicant(community):
    return give_role(UserFactory(username="wang", display_name="王阿姨"), RoleKind.RESIDENT, community=community)


@pytest.mark.parametrize("role", ["other_community_staff", "org_staff", "resident"])
def test_htmx_gets_a_refusal_row_in_place_of_the_residents(client_as, users, applicant, role):
    response = client_as(users[role]).post(
        reverse("verify_resident", args=[applicant.pk]), headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert f'id="resident-{applicant.pk}"' in page and 'role="alert"' in page
    assert "未能核实" in page and "只有该社区的工作人员可以核实居民身份。" in page
    assert "<html" not in page
    applicant.refresh_from_db()
    assert not applicant.is_verified


def test_htmx_is_configured_to_swap_403_answers(client):
    page = client.get(reverse("home")).content.decode()
    config = json.loads(re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", page).group(1))
    handling = config["responseHandling"]
    codes = [rule["code"] for rule in handling]
    assert {"code": "403", "swap": True, "error": True} in handling
    assert codes.index("403") < codes.index("[45]..")
    assert config["allowEval"] is False and config["includeIndicatorStyles"] is False
