"""Needs boards as spreadsheet rows (written by sanshe.common.exports), and per-community roll-up rows."""

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


def board_sheets(communities, *, title: str):
    """The needs board as (title, rows) per sheet: overview, by domain, by community."""
    board = selectors.board(communities)
    names = {"elderly": _("老年人"), "children": _("儿童"), "disabled": _("残疾人")}
    overview = [
        [title],
        [_("需求总数"), board.total],
        [_("点单总数"), board.supports],
        [_("常住人口"), board.population],
        [],
        [_("状态"), _("需求数")],
        *([str(label), count] for label, _code, count in board.by_status),
        [],
        [_("紧急程度"), _("需求数")],
        *([str(label), count] for label, _code, count in board.by_urgency),
        [],
        [_("人群"), _("占人口"), _("占需求"), _("提示")],
        *(
            [names[group], _percent(population_share), _percent(needs_share), _("需求偏少，值得走访") if signal else ""]
            for group, population_share, needs_share, signal in board.groups
        ),
    ]
    domains = [
        [_("服务领域"), _("需求数"), _("待对接"), _("点单数")],
        *([label, total, waiting, supports] for label, _pk, total, waiting, supports in board.by_domain),
    ]
    by_community = [
        [_("社区"), _("需求数"), _("进行中"), _("待对接"), _("紧急"), _("已满足"), _("未能满足"), _("点单数")],
        *(
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
            for c in community_rows(communities)
        ),
    ]
    return [(_("概况"), overview), (_("按领域"), domains), (_("按社区"), by_community)]
