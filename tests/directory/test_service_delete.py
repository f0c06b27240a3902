"""删除服务: only the organization's administrators, after a confirmation page."""

import pytest
from django.urls import reverse

from sanshe.directory.models import CostOption, Service

pytestmark = pytest.mark.django_db


def test_the_admin_confirms_then_deletes(client_as, org_admin, legal_service):
    client = client_as(org_admin)
    url = reverse("service_delete", args=[legal_service.pk])
    page = client.get(url).content.decode()
    assert "确定要删除" in page and "社区律师一元法律咨询" in page and 'method="post"' in page
    assert Service.objects.filter(pk=legal_service.pk).exists()
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("my_organizations")
    assert not Service.objects.filter(pk=legal_service.pk).exists()
    assert not CostOption.objects.filter(service_id=legal_service.pk).exists()
    assert "服务“社区律师一元法律咨询”已删除。" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("role", ["org_staff", "other_org_staff", "community_staff", "resident"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_others_may_not_delete(client_as, users, legal_service, role, method):
    response = getattr(client_as(users[role]), method)(reverse("service_delete", args=[legal_service.pk]))
    assert response.status_code == 403
    assert Service.objects.filter(pk=legal_service.pk).exists()


def test_anonymous_visitors_are_sent_to_login(client, legal_service):
    response = client.post(reverse("service_delete", args=[legal_service.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert Service.objects.filter(pk=legal_service.pk).exists()


def test_the_delete_button_is_offered_to_admins_only(client_as, org_admin, users, legal_service):
    link = reverse("service_delete", args=[legal_service.pk])
    edit = reverse("service_edit", args=[legal_service.pk])
    assert link in client_as(org_admin).get(edit).content.decode()
    assert link not in client_as(users["org_staff"]).get(edit).content.decode()
