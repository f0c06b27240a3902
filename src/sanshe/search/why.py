"""Why a result fits a resident's search: the reasons shown on each service card (template search/_why.html)."""

from django.utils.translation import gettext as _

from sanshe.common.money import format_fen
from sanshe.places.models import walk_between


def walk_minutes(service, origin) -> int | None:
    """Walking minutes from a community's centre to the service's nearest place (prefetched rows)."""
    if origin is None:
        return None
    walks = [walk_between(origin, place.location) for place in service.at_locations.all()]
    minutes = [w.minutes for w in walks if w is not None]
    return max(1, round(min(minutes))) if minutes else None


def reasons(service, *, text="", domain=None, target_group=None, origin=None, day=None, at=None, free=False) -> list:
    why = []
    if text:
        why.append(_("与“%(text)s”相符") % {"text": text})
    if domain is not None:
        why.append(_("领域：%(label)s") % {"label": domain.label})
    if target_group is not None:
        why.append(_("服务对象：%(label)s") % {"label": target_group.label})
    minutes = walk_minutes(service, origin)
    if minutes is not None:
        why.append(_("从%(place)s步行约 %(minutes)s 分钟") % {"place": origin.name, "minutes": minutes})
    prices = sorted({option.amount_fen for option in service.cost_options.all()})
    if not prices or prices == [0]:
        why.append(_("免费"))
    elif not free:
        # The cheapest paid price; a free option is said as such, never as "费用 免费 起".
        paid = prices[1] if prices[0] == 0 else prices[0]
        template = _("免费，部分项目 %(price)s 起") if prices[0] == 0 else _("费用 %(price)s 起")
        why.append(template % {"price": format_fen(paid)})
    left = service.capacity_left
    if left is not None:
        why.append(_("本周还剩 %(n)s 个名额") % {"n": left} if left > 0 else _("本周名额已满"))
    if day or at:
        why.append(_("您选的时间开放"))
    return why
