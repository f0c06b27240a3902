"""The demo city's fair and market (sanshe.demo.events): booths in every zone, meetings held, deals of which
two became a purchase project and a fund grant; a market whose third edition residents ran."""

import pytest

from sanshe.events import selectors
from sanshe.events.models import Event, EventKind, Zone

pytestmark = pytest.mark.django_db


def test_demo_fair_has_booths_in_every_zone_and_results_followed_up(demo_city_readonly):
    fair = Event.objects.get(kind=EventKind.FAIR, name="武侯区三社互动公益洽谈汇")
    zones = Zone.objects.filter(event=fair)
    assert zones.count() == 14 and all(zone.booths.exists() for zone in zones)
    results = selectors.results(fair)
    assert results.exhibitors == 13 and results.meetings == 5
    assert results.signed == 2 and results.intents == 3
    assert {bool(f.project_id) for _deal, f, _contracted in results.follow_ups} == {True, False}
    assert fair.exhibitors.filter(status="refused").exclude(refusal_reason="").count() == 1


def test_demo_market_third_edition_run_by_residents_with_buns_auction_and_sponsorship(demo_city_readonly):
    series = selectors.series_list().get(name="铁路西村邻里市集")
    editions = selectors.series_editions(series)
    assert [e.edition for e in editions] == [1, 2, 3]
    assert {d.runner for d in editions[0].duties.all()} == {"staff"}
    assert {d.runner for d in editions[2].duties.all()} == {"resident"}
    third = editions[2]
    summary = selectors.edition_summary(third)
    assert summary["preorders"] == 5 and summary["picked_up"] == 4
    assert summary["lots"] == 1 and summary["raised_fen"] == 8_800
    assert third.sponsorships.get().paid_for.startswith("铁路西村社区运动会")
    assert selectors.edition_summary(editions[1])["raised_fen"] == 12_000 + 26_000 + 4_800 + 3_500


def test_demo_fair_and_market_pages_answer(demo_city_readonly, client, django_assert_max_num_queries):
    fair = Event.objects.get(kind=EventKind.FAIR)
    third = Event.objects.get(kind=EventKind.MARKET, edition=3)
    exhibitor = fair.exhibitors.filter(status="approved").first()
    for url in (
        "/events/",
        f"/events/fairs/{fair.pk}/",
        f"/events/fairs/{fair.pk}/results/",
        f"/events/exhibitors/{exhibitor.pk}/",
        f"/events/markets/{third.series_id}/",
        f"/events/editions/{third.pk}/",
    ):
        with django_assert_max_num_queries(40):
            response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(f"/events/editions/{third.pk}/").content.decode()
    assert "刘师傅手工包子" in page and "信用记录：已取货 4 单，未取货 1 单" in page
    results = client.get(f"/events/fairs/{fair.pk}/results/").content.decode()
    assert "铁路西村社区居家养老上门服务" in results and "重阳节敬老演出" in results
