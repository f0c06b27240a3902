"""Anonymous visitors learn that logging in lets them 点单 (on needs and on calls in their choice period)."""

from sanshe.needs import services
from tests.needs.conftest import need_fields


def test_a_visitor_is_told_that_logging_in_lets_residents_support_a_need(client, people, community):
    need = services.post_need(actor=people["resident"], community=community, **need_fields())
    page = client.get(f"/needs/{need.pk}/").text
    assert "后，本社区居民可以点单支持这项需求" in page and f"/login/?next=/needs/{need.pk}/" in page
    client.force_login(people["neighbour"])
    assert "后，本社区居民可以点单支持这项需求" not in client.get(f"/needs/{need.pk}/").text
