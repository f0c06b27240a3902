"""A community's population structure (with source and year) and the tasks departments push onto it."""

from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common.refusals import refuse, require
from sanshe.deliberation import refusals
from sanshe.deliberation.models import AssignedTask, PopulationFigures

FIGURES = (
    "age_0_6",
    "age_7_14",
    "age_15_24",
    "age_25_59",
    "age_60_79",
    "age_80_plus",
    "registered",
    "resident",
    "floating",
    "living_alone",
    "shift_workers_percent",
)


@transaction.atomic
def record_population(*, actor, community, year: int, source: str, figures: dict) -> PopulationFigures:
    """The year's figures from one source; recording the same year again replaces them."""
    require(actor, "deliberation.record_profile", community, refusals.RECORD_PROFILE)
    if not (source or "").strip():
        refuse(_("请写明数字的来源，例如“第七次人口普查”或“居委会人口台账”。"), "source")
    if not 2000 <= year <= 2100:
        refuse(_("年份应在2000到2100之间。"), "year")
    unknown = set(figures) - set(FIGURES)
    if unknown:
        refuse(_("不认识的人口项目：%(names)s") % {"names": "、".join(sorted(unknown))})
    if any(value < 0 for value in figures.values()):
        refuse(_("人数不能是负数。"))
    if figures.get("shift_workers_percent", 0) > 100:
        refuse(_("倒班工作者占比应在0到100之间。"), "shift_workers_percent")
    row, _created = PopulationFigures.objects.update_or_create(
        community=community, year=year, defaults={"source": source.strip(), **figures}
    )
    return row


@transaction.atomic
def record_task(
    *, actor, community, department: str, task: str, hours_per_month: int, source_document: str = ""
) -> AssignedTask:
    """A task a department pushed onto the community (社区是个筐), with the hours it takes each month."""
    require(actor, "deliberation.record_profile", community, refusals.RECORD_PROFILE)
    if not (department or "").strip() or not (task or "").strip():
        refuse(_("请写明哪个部门派的什么任务。"), "task")
    if not 0 < hours_per_month <= 744:
        refuse(_("每月耗时应在1到744小时之间。"), "hours_per_month")
    return AssignedTask.objects.create(
        community=community,
        department=department.strip(),
        task=task.strip(),
        source_document=(source_document or "").strip(),
        hours_per_month=hours_per_month,
        recorded_by=actor,
    )
