"""The HSDS API at /hsds/: every response valid against Open Referral's strict schemas."""

import datetime

import pytest
from django.utils import timezone

from sanshe.directory.models import Service
from sanshe.taxonomy.models import TaxonomyTerm
from tests.factories import OrganizationFactory, domain
from tests.interop.data import full_service
from tests.interop.schemas import assert_page, assert_valid, compiled, taxonomy_schema, taxonomy_term_schema

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response["Content-Type"].startswith("application/json")
    return response


def test_root_describes_the_api(client):
    body = get(client, "/hsds/").json()
    assert body["version"] == "3.0"
    assert body["profile"].startswith("https://")
    assert body["openapi_url"].endswith("/hsds/openapi.json")
    assert get(client, "/hsds/openapi.json").status_code == 200


def test_service_detail_is_fully_nested_and_strictly_valid(client, service):
    body = get(client, f"/hsds/services/{service.id}").json()
    assert_valid(body, compiled("service"))
    assert body["organization"]["name"] == service.organization.name
    assert body["cost_options"][0]["amount"] == 0.0 and body["cost_options"][1]["amount"] == 1.0
    assert {c["currency"] for c in body["cost_options"]} == {"CNY"}
    [at_location] = body["service_at_locations"]
    assert at_location["location"]["addresses"][0]["address_1"] == "城关区民主西路1号"
    assert at_location["schedules"][0]["bymonthday"] == "1,15"
    assert (body["schedules"][0]["byday"], body["schedules"][0]["opens_at"]) == ("TU", "14:00")
    assert len(body["service_areas"]) == 2
    link_types = sorted(a["link_type"] for a in body["attributes"])
    assert link_types == ["other", "service_domain", "target_group", "target_group"]
    assert body["phones"][0]["number"] == "0931-6666666"
    assert body["organization"]["organization_identifiers"][0]["identifier"] == service.organization.credit_code


def test_services_page_is_valid_and_paginated(client, service):
    full_service(name="长者助餐")
    full_service(name="儿童托管")
    first = get(client, "/hsds/services", per_page=2).json()
    assert_page(first, compiled("service_list"))
    assert (first["total_items"], first["total_pages"], first["size"]) == (3, 2, 2)
    assert first["first_page"] and not first["last_page"]
    second = get(client, "/hsds/services", per_page=2, page=2).json()
    assert second["last_page"] and second["size"] == 1
    names = {s["name"] for s in first["contents"] + second["contents"]}
    assert names == {"社区律师一元法律咨询", "长者助餐", "儿童托管"}


def test_full_services_page_is_valid_with_bounded_queries(client, django_assert_max_num_queries):
    for n in range(6):
        full_service(name=f"服务{n}")
    # 16, and three for the page's funding (the register of funders, contracts, funding records).
    with django_assert_max_num_queries(19):
        body = get(client, "/hsds/services", full="true", per_page=50).json()
    assert_page(body, compiled("service"))
    assert body["size"] == 6
    assert all(s["service_at_locations"] and s["attributes"] for s in body["contents"])


def test_detail_has_bounded_queries(client, service, django_assert_max_num_queries):
    with django_assert_max_num_queries(19):  # 16, and three for funding
        assert get(client, f"/hsds/services/{service.id}").status_code == 200


def test_filters(client, service):
    other = full_service(name="长者助餐", organization=OrganizationFactory())
    Service.objects.filter(id=other.id).update(modified_at=timezone.now() - datetime.timedelta(days=30))
    imported_term = TaxonomyTerm.objects.get(code="legal-aid", services_with_term=service)

    def names(**params):
        return {s["name"] for s in get(client, "/hsds/services", **params).json()["contents"]}

    # The words first; then services with 律师 alone (a resident's word for legal help: the synonyms table).
    found = [s["name"] for s in get(client, "/hsds/services", search="律师一元").json()["contents"]]
    assert found == [service.name, "长者助餐"]
    assert names(organization_id=str(other.organization_id)) == {"长者助餐"}
    assert names(taxonomy_term_id=str(imported_term.id)) == {service.name}
    assert names(taxonomy_term_id=str(domain("legal").id)) == {service.name, "长者助餐"}
    week_ago = (timezone.now() - datetime.timedelta(days=7)).isoformat()
    assert names(modified_after=week_ago) == {service.name}


@pytest.mark.parametrize(
    ("url", "params", "status", "words"),
    [
        ("/hsds/services/not-a-uuid", {}, 400, "UUID"),
        ("/hsds/services/00000000-0000-4000-8000-000000000001", {}, 404, "找不到服务"),
        ("/hsds/organizations/00000000-0000-4000-8000-000000000002", {}, 404, "找不到机构"),
        ("/hsds/organizations/123", {}, 400, "UUID"),
        ("/hsds/services", {"taxonomy_term_id": "legal"}, 400, "taxonomy_term_id"),
        ("/hsds/services", {"organization_id": "x"}, 400, "organization_id"),
        ("/hsds/services", {"modified_after": "yesterday"}, 400, "modified_after"),
        ("/hsds/services", {"page": "abc"}, 400, "page"),
        ("/hsds/services", {"page": "0"}, 400, "page"),
        ("/hsds/services", {"per_page": "1000"}, 400, "per_page"),
        ("/hsds/taxonomy_terms", {"taxonomy_id": "nope"}, 400, "taxonomy_id"),
        ("/hsds/taxonomy_terms/00000000-0000-4000-8000-000000000003", {}, 404, "找不到分类条目"),
    ],
)
def test_bad_requests_get_json_errors_not_500(client, url, params, status, words):
    response = get(client, url, **params)
    assert response.status_code == status
    assert words in response.json()["detail"]


def test_organizations(client, service, django_assert_max_num_queries):
    full_service(name="长者助餐")
    body = get(client, "/hsds/organizations").json()
    assert_page(body, compiled("organization_list"))
    assert body["total_items"] == 2
    with django_assert_max_num_queries(18):
        detail = get(client, f"/hsds/organizations/{service.organization_id}").json()
    assert_valid(detail, compiled("organization"))
    assert [s["name"] for s in detail["services"]] == [service.name]
    assert detail["locations"][0]["name"] == "民主西路社区服务站"
    assert detail["phones"][0]["number"] == "0931-8888888"
    assert get(client, "/hsds/organizations", search="不存在").json()["empty"] is True


def test_taxonomies_and_terms(client, service):
    taxonomies = get(client, "/hsds/taxonomies", per_page=100).json()
    assert_page(taxonomies, taxonomy_schema())
    uris = {t.get("uri") for t in taxonomies["contents"]}
    assert {"urn:sanshe:taxonomy:domain", "urn:sanshe:taxonomy:target_group", "https://openeligibility.org"} <= uris
    terms = get(client, "/hsds/taxonomy_terms", per_page=100).json()
    assert_page(terms, taxonomy_term_schema())
    assert terms["total_items"] == TaxonomyTerm.objects.count()
    legal = domain("legal")
    only_domains = get(client, "/hsds/taxonomy_terms", taxonomy_id=str(legal.taxonomy_id), per_page=100).json()
    assert {t["taxonomy_id"] for t in only_domains["contents"]} == {str(legal.taxonomy_id)}
    one = get(client, f"/hsds/taxonomy_terms/{legal.id}").json()
    assert_valid(one, taxonomy_term_schema())
    assert (one["code"], one["name"]) == ("legal", "法律服务")
    assert_valid(get(client, f"/hsds/taxonomies/{legal.taxonomy_id}").json(), taxonomy_schema())
