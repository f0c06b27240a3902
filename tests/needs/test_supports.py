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
