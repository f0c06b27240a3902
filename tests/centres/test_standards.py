"""Indicator templates, service menus and delivery minimums."""

import dataclasses
import datetime

import pytest
from django.core.exceptions import ValidationError

from sanshe.centres import grading, selectors, services
from sanshe.centres.models import DeliveryKind, Indicator, Standard
from sanshe.centres.templates_data import SHENZHEN, IndicatorTemplate
from sanshe.common import clock
from tests.centres.conftest import SMALL

pytestmark = pytest.mark.django_db


def test_the_shenzhen_template_installs_with_its_categories_weights_and_minimums(world):
    standard = services.install_standard(actor=world.officer, template=SHENZHEN)
    assert standard.categories.count() == 22 and standard.minimum_categories == 12
    assert sum(Indicator.objects.filter(group__standard=standard).values_list("weight", flat=True)) == 100
    assert all(i.evidence for i in Indicator.objects.filter(group__standard=standard))
    assert {m.kind: (m.sessions, m.people) for m in standard.minimums.all()}["casework"] == (30, 30)


def test_a_template_whose_weights_do_not_add_up_to_100_is_refused_and_nothing_is_kept(world):
    lopsided = dataclasses.replace(SMALL, name="歪标准", groups=(("管理", (IndicatorTemplate("台账", 90, "台账"),)),))
    with pytest.raises(ValidationError, match="合计为 90 分"):
        services.install_standard(actor=world.officer, template=lopsided)
    assert not Standard.objects.filter(name="歪标准").exists()


def test_a_template_asking_for_more_categories_than_it_lists_is_refused(world):
    with pytest.raises(ValidationError, match="少于"):
        services.install_standard(actor=world.officer, template=dataclasses.replace(SMALL, minimum_categories=9))


def test_only_district_officers_install_standards(world):
    for actor in (world.root, world.evaluator, world.staff[0]):
        with pytest.raises(Exception, match="区级干部"):
            services.install_standard(actor=actor, template=SMALL)


def test_a_menu_below_the_minimum_is_refused_with_how_many_more(world):
    with pytest.raises(ValidationError, match="请再选 1 类"):
        services.set_menu(actor=world.officer, centre=world.centres[0], categories=world.standard.categories.all()[:2])


def test_a_menu_from_another_standard_is_refused(world):
    other = services.install_standard(actor=world.officer, template=dataclasses.replace(SMALL, name="另一标准"))
    with pytest.raises(ValidationError, match="所执行标准"):
        services.set_menu(actor=world.officer, centre=world.centres[0], categories=other.categories.all())


def test_sessions_and_people_are_counted_separately_against_the_minimums(world):
    today = clock.today()
    rows = [(DeliveryKind.ACTIVITY, today, "游园", 100), (DeliveryKind.ACTIVITY, today, "读书会", 10)]
    rows += [(DeliveryKind.ACTIVITY, today, "讲座", 30)] * 3
    services.record_deliveries(actor=world.worker, centre=world.centres[0], rows=rows)
    lines = {
        line.kind: line
        for line in selectors.delivery_summary(world.centres[0], today - datetime.timedelta(days=30), today)
    }
    assert (lines[DeliveryKind.ACTIVITY].sessions, lines[DeliveryKind.ACTIVITY].people) == (5, 200)
    assert not lines[DeliveryKind.ACTIVITY].short
    # a centre that only runs activities shows its missing casework
    assert lines[DeliveryKind.CASEWORK].sessions == 0 and lines[DeliveryKind.CASEWORK].short


def test_one_big_activity_does_not_make_up_for_missing_sessions():
    gaps = grading.delivery_gaps({"activity": (4, 100), "casework": (3, 3)}, {"activity": (1, 500)})
    assert gaps == {"activity": (3, 0), "casework": (3, 3)}


def test_a_delivery_in_the_future_or_for_nobody_is_refused(world):
    tomorrow = clock.today() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="不能晚于今天"):
        services.record_delivery(
            actor=world.worker, centre=world.centres[0], kind=DeliveryKind.CASEWORK, date=tomorrow, title="x", people=1
        )
    with pytest.raises(ValidationError, match="至少为 1 人"):
        services.record_delivery(
            actor=world.worker,
            centre=world.centres[0],
            kind=DeliveryKind.CASEWORK,
            date=clock.today(),
            title="x",
            people=0,
        )


@pytest.mark.parametrize(
    ("total", "grade"), [(95, "优秀"), (90, "优秀"), (89.99, "良好"), (80, "良好"), (60, "合格"), (59.9, "不合格")]
)
def test_grades_follow_the_thresholds(total, grade):
    assert grading.grade(total) == grade


def test_assessor_totals_weigh_indicators_and_satisfaction_mixes_in_by_its_weight():
    assert grading.assessor_total({"a": 40, "b": 60}, {"a": 100, "b": 50}) == pytest.approx(70)
    assert grading.assessor_total({"a": 40, "b": 60}, {"a": 100}) == pytest.approx(40)  # unscored counts 0
    assert grading.satisfaction_score(5) == 100 and grading.satisfaction_score(1) == 0
    assert grading.satisfaction_score(None) is None
    assert grading.centre_total(80, 100, 20) == pytest.approx(84)
    assert grading.centre_total(80, None, 20) == 80
