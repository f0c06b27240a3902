"""Population figures beside needs per 1,000 residents of each group, the groups nobody has heard from, and the
tasks departments push onto communities (社区是个筐)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sanshe.deliberation import population, selectors
from sanshe.deliberation.services import profile
from tests.factories import NeedFactory, target_group

pytestmark = pytest.mark.django_db

FIGURES = {
    "age_0_6": 100, "age_7_14": 200, "age_15_24": 0, "age_25_59": 1000, "age_60_79": 500, "age_80_plus": 50,
    "registered": 1500, "resident": 1850, "floating": 400, "living_alone": 80, "shift_workers_percent": 30,
}  # fmt: skip


def test_rates_per_thousand_and_unheard_groups():
    rates = population.rates({"old": 500, "kids": 200, "none": 0}, {"old": 5})
    assert [(r.key, r.per_thousand, r.unheard) for r in rates] == [
        ("old", 10.0, False),
        ("kids", 0.0, True),
        ("none", None, False),  # nobody lives in the group: not unheard
    ]


def test_the_profile_shows_needs_per_thousand_and_who_was_not_heard(community, community_staff, vocabularies):
    profile.record_population(
        actor=community_staff, community=community, year=2025, source="居委会台账", figures=FIGURES
    )
    for age in (70, 75, 85):
        NeedFactory(community=community, beneficiary_age=age)
    NeedFactory(community=community, beneficiary_age=30, target_group=target_group("migrant-workers"))
    shown = selectors.community_profile(community)
    rates = {label: rate for label, rate in shown["groups"]}
    assert rates["60–79岁"].per_thousand == 4.0
    assert rates["80岁以上"].per_thousand == 20.0
    assert rates["流动人口"].needs == 1
    assert shown["unheard"] == ["0–6岁", "7–14岁", "独居"]  # 15–24: nobody lives there, not unheard


def test_the_same_year_again_replaces_its_figures(community, community_staff):
    profile.record_population(actor=community_staff, community=community, year=2025, source="台账", figures=FIGURES)
    again = profile.record_population(
        actor=community_staff, community=community, year=2025, source="普查", figures={**FIGURES, "resident": 1900}
    )
    assert (again.source, again.resident, community.population_figures.count()) == ("普查", 1900, 1)
    with pytest.raises(ValidationError, match="来源"):
        profile.record_population(actor=community_staff, community=community, year=2025, source=" ", figures=FIGURES)


def test_only_the_communitys_staff_record_and_officers_read_the_load(
    client, community, community_staff, other_community_staff, resident, street_officer
):
    for outsider in (other_community_staff, resident):
        with pytest.raises(PermissionDenied):
            profile.record_task(actor=outsider, community=community, department="城管", task="巡查", hours_per_month=5)
    profile.record_task(
        actor=community_staff, community=community, department="综治办", task="出租屋登记", hours_per_month=40
    )
    client.force_login(street_officer)
    assert "40" in client.get("/deliberation/load/").content.decode()
    page = client.get(f"/deliberation/communities/{community.pk}/profile/").content.decode()
    assert "出租屋登记" in page and "登记一项派来的任务" not in page
    client.force_login(resident)
    assert client.get("/deliberation/load/").status_code == 403
    assert client.get(f"/deliberation/communities/{community.pk}/profile/").status_code == 403
