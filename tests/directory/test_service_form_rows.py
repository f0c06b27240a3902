"""再加一行: htmx fetches one more blank row; without JavaScript the form posts and comes back with it."""

import pytest
from django.urls import reverse

from sanshe.directory.models import Service
from tests.directory.form_values import form_values

pytestmark = pytest.mark.django_db


def test_htmx_gets_a_blank_price_row_and_a_raised_row_count(client_as, users, organization):
    url = reverse("service_create_row", args=[organization.pk])
    response = client_as(users["org_staff"]).get(
        url, {"add_row": "cost", "cost-TOTAL_FORMS": "2"}, headers={"HX-Request": "true"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="cost-2-amount"' in page and 'name="cost-1-amount"' not in page
    assert 'id="id_cost-TOTAL_FORMS"' in page and 'value="3"' in page and 'hx-swap-oob="true"' in page
    assert "<html" not in page


def test_an_hours_row_offers_the_services_places(client_as, users, legal_service):
    url = reverse("service_edit_row", args=[legal_service.pk])
    page = client_as(users["org_staff"]).get(url, {"add_row": "hours", "hours-TOTAL_FORMS": "1"}).content.decode()
    assert 'name="hours-1-days"' in page and "周二" in page
    assert "民主西路社区服务站" in page and "下面新增的地点" in page


@pytest.mark.parametrize("query", [{"add_row": "service"}, {"add_row": "cost", "cost-TOTAL_FORMS": "50"}])
def test_unknown_rows_and_too_many_rows_are_not_found(client_as, users, organization, query):
    response = client_as(users["org_staff"]).get(reverse("service_create_row", args=[organization.pk]), query)
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["other_org_staff", "community_staff", "resident"])
def test_others_get_no_rows(client_as, users, organization, legal_service, role):
    client = client_as(users[role])
    query = {"add_row": "cost", "cost-TOTAL_FORMS": "1"}
    assert client.get(reverse("service_create_row", args=[organization.pk]), query).status_code == 403
    assert client.get(reverse("service_edit_row", args=[legal_service.pk]), query).status_code == 403


def test_anonymous_visitors_are_sent_to_login_for_rows(client, organization):
    response = client.get(reverse("service_create_row", args=[organization.pk]), {"add_row": "cost"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_without_javascript_the_button_posts_and_the_form_returns_with_one_more_row(client_as, users, organization):
    client = client_as(users["org_staff"])
    url = reverse("service_create", args=[organization.pk])
    values = form_values(client.get(url).content.decode())
    values.update({"name": "老年人防诈骗讲座", "cost-0-option": "每次", "cost-0-amount": "1", "add_row": "cost"})
    response = client.post(url, values)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'name="cost-1-amount"' in page and 'value="老年人防诈骗讲座"' in page and 'value="每次"' in page
    assert not Service.objects.exists()
