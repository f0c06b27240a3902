"""Supports (点单): verified neighbours only, public needs only, once per person, withdrawable."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sanshe.needs import services
from sanshe.needs.models import Need, Support


def count(need):
    return Need.objects.get(pk=need.pk).support_count


def test_a_verified_neighbour_supports_once_and_the_count_follows(need, people):
    services.support(actor=people["neighbour"], need=need)
    assert count(need) == 1
    with pytest.raises(ValidationError, match="已经"):
        services.support(actor=people["neighbour"], need=need)
    assert count(need) == 1 and Support.objects.filter(need=need).count() == 1


def test_withdrawing_a_support(need, people):
    services.support(actor=people["neighbour"], need=need)
    services.withdraw_support(actor=people["neighbour"], need=need)
    assert count(need) == 0 and not Support.objects.exists()
    with pytest.raises(ValidationError):
        services.withdraw_support(actor=people["neighbour"], need=need)
    assert count(need) == 0


@pytest.mark.parametrize("who", ["unverified", "outsider", "staff", "org_staff", "street", "resident"])
def test_others_cannot_support(need, people, who):
    with pytest.raises(PermissionDenied):
        services.support(actor=people[who], need=need)
    assert count(need) == 0


def test_private_needs_cannot_be_supported(need, people):
    Need.objects.filter(pk=need.pk).update(is_public=False)
    need.refresh_from_db()
    with pytest.raises(PermissionDenied, match="没有公开"):
        services.support(actor=people["neighbour"], need=need)


def test_closed_needs_cannot_be_supported(need, people):
    services.change_status(actor=people["resident"], need=need, to_status="withdrawn")
    need.refresh_from_db()
    with pytest.raises(ValidationError, match="结束"):
        services.support(actor=people["neighbour"], need=need)


def test_the_database_refuses_a_second_support_even_past_the_service(db):
    from django.db import IntegrityError, transaction

    from tests.factories import NeedFactory, UserFactory

    need, user = NeedFactory(), UserFactory()
    Support.objects.create(need=need, user=user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(need=need, user=user)


def test_supporting_through_the_page(need, people, client):
    client.force_login(people["neighbour"])
    client.post(f"/needs/{need.pk}/support/")
    assert count(need) == 1
    page = client.get(f"/needs/{need.pk}/").content.decode()
    assert "撤回点单" in page
    client.post(f"/needs/{need.pk}/unsupport/")
    assert count(need) == 0


def test_an_unverified_resident_is_told_why_on_the_page(need, people, client):
    client.force_login(people["unverified"])
    response = client.post(f"/needs/{need.pk}/support/", follow=True)
    assert "核实" in response.content.decode()
    assert count(need) == 0


HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_public_list_offers_supports_to_verified_neighbours_only(need, people, client):
    support_url = f"/needs/{need.pk}/support/"
    client.force_login(people["neighbour"])
    assert f'hx-post="{support_url}"' in client.get("/needs/").content.decode()
    for who in ("unverified", "outsider", "resident", "staff"):
        client.force_login(people[who])
        assert f'hx-post="{support_url}"' not in client.get("/needs/").content.decode(), who


def test_supporting_with_htmx_updates_the_count_in_place_and_withdraws(need, people, client):
    client.force_login(people["neighbour"])
    response = client.post(f"/needs/{need.pk}/support/", **HTMX)
    box = response.content.decode()
    assert response.status_code == 200 and "<html" not in box
    assert f'id="support-{need.pk}"' in box and "1 位邻居点单支持" in box and "撤回点单" in box
    assert count(need) == 1
    again = client.post(f"/needs/{need.pk}/support/", **HTMX).content.decode()
    assert "已经为这项需求点过单" in again and count(need) == 1  # no double support
    withdrawn = client.post(f"/needs/{need.pk}/unsupport/", **HTMX).content.decode()
    assert "0 位邻居点单支持" in withdrawn and "我也需要（点单）" in withdrawn
    assert count(need) == 0
    nothing = client.post(f"/needs/{need.pk}/unsupport/", **HTMX).content.decode()
    assert "无需撤回" in nothing and count(need) == 0


@pytest.mark.parametrize("who", ["unverified", "outsider", "resident"])
def test_htmx_supports_are_refused_inline_for_others(need, people, client, who):
    client.force_login(people[who])
    box = client.post(f"/needs/{need.pk}/support/", **HTMX).content.decode()
    assert 'role="alert"' in box and count(need) == 0


def test_htmx_supports_of_a_private_need_are_refused(need, people, client):
    need.is_public = False
    need.save()
    client.force_login(people["neighbour"])
    assert client.post(f"/needs/{need.pk}/support/", **HTMX).status_code == 403
    assert count(need) == 0


def test_the_api_and_the_page_share_the_support_rules(need, people, client):
    client.force_login(people["unverified"])
    assert client.post(f"/api/needs/{need.pk}/support").status_code == 403
    client.force_login(people["neighbour"])
    assert client.post(f"/api/needs/{need.pk}/support").status_code == 201
    box = client.get("/needs/").content.decode()
    assert "您已点单" in box and f'hx-post="/needs/{need.pk}/unsupport/"' in box
    assert client.post(f"/needs/{need.pk}/unsupport/", **HTMX).status_code == 200
    assert count(need) == 0
    assert client.delete(f"/api/needs/{need.pk}/support").status_code == 422  # already withdrawn on the page


def test_the_public_list_queries_do_not_grow_with_needs(need, people, client, django_assert_max_num_queries):
    from tests.factories import NeedFactory

    client.force_login(people["neighbour"])
    NeedFactory.create_batch(3, community=need.community, is_public=True)
    with django_assert_max_num_queries(12) as few:
        client.get("/needs/")
    NeedFactory.create_batch(15, community=need.community, is_public=True)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get("/needs/").content.decode()
    assert page.count("我也需要（点单）") == 19
