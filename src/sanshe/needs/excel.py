"""Needs boards as Excel workbooks (openpyxl), and per-community roll-up rows."""

import io

from django.db.models import Count, Sum
from django.utils.translation import gettext as _

from sanshe.needs import lifecycle, selectors
from sanshe.needs.models import Need, NeedStatus, Urgency


def community_rows(communities) -> list:
    """The communities (a page of them, or all), each with its needs counted as `needs_total`, `needs_open`, ...

    One grouped query over the `need_board_counts` index (community, status, urgency, ..., merged_into): an
    index-only scan of the given communities' needs, never a join of every need to its community.
    """
    rows = list(communities)
    counts = (
        Need.objects.filter(community_id__in=[c.pk for c in rows], merged_into__isnull=True)
        .order_by()
        .values("community_id", "status", "urgency")
        .annotate(n=Count("community"), supports=Sum("support_count"))
    )
    tally = {c.pk: dict.fromkeys(COUNTS, 0) for c in rows}
    for group in counts:
        figures = tally[group["community_id"]]
        n, status = group["n"], group["status"]
        figures["needs_total"] += n
        figures["needs_open"] += n if status == NeedStatus.OPEN else 0
        figures["needs_live"] += n if status in lifecycle.LIVE else 0
        figures["needs_met"] += n if status == NeedStatus.MET else 0
        figures["needs_unmet"] += n if status == NeedStatus.UNMET else 0
        figures["needs_urgent"] += n if group["urgency"] == Urgency.URGENT and status in lifecycle.LIVE else 0
        figures["supports"] += group["supports"] or 0
    for community in rows:
        vars(community).update(tally[community.pk])
    return rows


COUNTS = ("needs_total", "needs_open", "needs_live", "needs_met", "needs_unmet", "needs_urgent", "supports")


def _percent(value):
    return "" if value is None else f"{value:.0%}"


def board_workbook(communities, *, title: str) -> bytes:
    board = selectors.board(communities)
    from openpyxl import Workbook  # here, not at start-up: few requests are exports

    book = Workbook()
    sheet = book.active
    sheet.title = _("概况")
    sheet.append([title])
    sheet.append([_("需求总数"), board.total])
    sheet.append([_("点单总数"), board.supports])
    sheet.append([_("常住人口"), board.population])
    sheet.append([])
    sheet.append([_("状态"), _("需求数")])
    for label, _code, count in board.by_status:
        sheet.append([str(label), count])
    sheet.append([])
    sheet.append([_("紧急程度"), _("需求数")])
    for label, _code, count in board.by_urgency:
        sheet.append([str(label), count])
    sheet.append([])
    sheet.append([_("人群"), _("占人口"), _("占需求"), _("提示")])
    names = {"elderly": _("老年人"), "children": _("儿童"), "disabled": _("残疾人")}
    for group, population_share, needs_share, signal in board.groups:
        sheet.append(
            [names[group], _percent(population_share), _percent(needs_share), _("需求偏少，值得走访") if signal else ""]
        )
    domains = book.create_sheet(_("按领域"))
    domains.append([_("服务领域"), _("需求数"), _("待对接"), _("点单数")])
    for label, _pk, total, waiting, supports in board.by_domain:
        domains.append([label, total, waiting, supports])
    rows = book.create_sheet(_("按社区"))
    rows.append([_("社区"), _("需求数"), _("进行中"), _("待对接"), _("紧急"), _("已满足"), _("未能满足"), _("点单数")])
    for c in community_rows(communities):
        rows.append(
            [
                c.name,
                c.needs_total,
                c.needs_live,
                c.needs_open,
                c.needs_urgent,
                c.needs_met,
                c.needs_unmet,
                c.supports or 0,
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
