"""Needs boards as spreadsheet rows (written by sanshe.common.exports), and per-community roll-up rows."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from sanshe.needs import lifecycle, selectors
from sanshe.needs.models import NeedStatus


def community_rows(communities):
    """One row per community with its needs counted: one query."""
    live = Q(needs__merged_into__isnull=True)
    return communities.annotate(
        needs_total=Count("needs", filter=live),
        needs_open=Count("needs", filter=live & Q(needs__status=NeedStatus.OPEN)),
        needs_live=Count("needs", filter=live & Q(needs__status__in=lifecycle.LIVE)),
        needs_met=Count("needs", filter=live & Q(needs__status=NeedStatus.MET)),
        needs_unmet=Count("needs", filter=live & Q(needs__status=NeedStatus.UNMET)),
        needs_urgent=Count("needs", filter=live & Q(needs__urgency=3, needs__status__in=lifecycle.LIVE)),
        needs_elderly=Count("needs", filter=live & Q(needs__target_group__code__startswith="elderly")),
        supports=Sum("needs__support_count", filter=live),
    ).order_by("sort_key", "id")


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
