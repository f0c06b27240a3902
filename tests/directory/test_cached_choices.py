"""The vocabularies on 找服务 come from the shared cache, and a changed term shows at once."""

import pytest

from tests.factories import domain

pytestmark = pytest.mark.django_db


def test_the_domains_are_read_once_then_from_the_cache(client, vocabularies, django_assert_max_num_queries):
    client.get("/")
    with django_assert_max_num_queries(30) as warm:
        client.get("/")
    assert not any("taxonomy_taxonomyterm" in q["sql"] for q in warm.captured_queries)


def test_a_renamed_domain_shows_at_once(client, vocabularies):
    client.get("/")
    legal = domain("legal")
    legal.name = "法律援助与咨询"
    legal.save()
    assert "法律援助与咨询" in client.get("/").content.decode()
