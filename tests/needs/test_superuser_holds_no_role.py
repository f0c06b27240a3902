"""Issue 12 §1: private details (PIPL) are read only by the resident and the staff assigned to the need,
not by a superuser, on the API or the page."""

from sanshe.needs.models import PrivateDetailRead
from tests.factories import UserFactory


def test_a_superuser_cannot_read_private_details(client, need):
    client.force_login(UserFactory(username="root", is_staff=True, is_superuser=True))
    response = client.post(f"/api/needs/{need.pk}/private")
    assert response.status_code in {403, 404}
    assert "高血压" not in response.text
    page = client.post(f"/needs/{need.pk}/private/", {"purpose": "查看"})
    assert page.status_code in {403, 404} and "高血压" not in page.text
    assert not PrivateDetailRead.objects.filter(need=need).exists()
