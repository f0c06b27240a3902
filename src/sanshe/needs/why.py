"""Why a service fits a resident's search: the reasons shown on each result card."""

from django.conf import settings
from django.utils.translation import gettext as _

from sanshe.directory.models import format_fen
from sanshe.places import walking


def walk_minutes(service, origin) -> int | None:
    """Walking minutes from a community's centre to the service's nearest place (prefetched rows)."""
    start = origin.point if origin is not None else None
    if start is None:
        return None
    best = None
    for place in service.at_locations.all():
        point = place.location.point
        if point is None:
            continue
        minutes = walking.walk(
            start,
            point,
            detour_factor=settings.SANSHE_WALK_DETOUR_FACTOR,
            metres_per_minute=settings.SANSHE_WALK_METRES_PER_MINUTE,
        ).minutes
        best = minutes if best is None else min(best, minutes)
    return None if best is None else max(1, round(best))


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
    prices = [option.amount_fen for option in service.cost_options.all()]
    if not prices or max(prices) == 0:
        why.append(_("免费"))
    elif not free:
        why.append(_("费用 %(price)s 起") % {"price": format_fen(min(prices))})
    left = service.capacity_left
    if left is not None:
        why.append(_("本周还剩 %(n)s 个名额") % {"n": left} if left > 0 else _("本周名额已满"))
    if day or at:
        why.append(_("您选的时间开放"))
    return why
