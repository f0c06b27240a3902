"""Why a service was proposed: stored as codes with parameters, read in the reader's language."""

import functools

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sanshe.directory.presentation import price_text


def build(
    *,
    domain,
    related: bool,
    online: bool,
    minutes: float,
    fee_fen: int,
    places_left: int | None,
    hours: bool,
    fit: float | None = None,
):
    """Reason codes for one proposed match; domain is a TaxonomyTerm (its names are stored).

    fit: the share of the need's concepts the service names (None: the need's words named none to judge by).

    Equal reasons come back as the same list (do not change it), so writing many proposals prepares each once.
    """
    percent = None if fit is None else round(100 * fit)
    return _build(
        domain.name,
        domain.name_en or domain.name,
        related,
        online,
        max(1, round(minutes)),
        fee_fen,
        places_left,
        hours,
        percent,
    )


@functools.lru_cache(maxsize=4096)
def _build(name, name_en, related, online, minutes, fee_fen, places_left, hours, fit_percent):
    names = {"zh": name, "en": name_en}
    out = [["fit", {"percent": fit_percent}]] if fit_percent is not None else []
    out.append(["related" if related else "domain", names])
    out.append(["online", {}] if online else ["walk", {"minutes": minutes}])
    out.append(["free", {}] if fee_fen == 0 else ["fee", {"price_fen": fee_fen}])
    out.append(["unlimited", {}] if places_left is None else ["places", {"left": places_left}])
    if hours:
        out.append(["hours", {}])
    return out


def _domain(params):
    lang = "en" if (get_language() or "").startswith("en") else "zh"
    return params.get(lang) or params.get("zh", "")


def render_one(code: str, params: dict) -> str:
    if code == "fit":
        return _("与需求描述相符%(percent)s%%") % {"percent": params.get("percent", "?")}
    if code == "domain":
        return _("同属%(domain)s") % {"domain": _domain(params)}
    if code == "related":
        return _("相关领域：%(domain)s") % {"domain": _domain(params)}
    if code == "walk":
        return _("步行约%(minutes)s分钟") % {"minutes": params.get("minutes", "?")}
    if code == "online":
        return _("线上或电话服务")
    if code == "free":
        return _("免费")
    if code == "fee":
        return _("收费%(price)s起") % {"price": price_text(int(params.get("price_fen", 0)))}
    if code == "places":
        return _("本周还可接待%(left)s人") % {"left": params.get("left", 0)}
    if code == "unlimited":
        return _("名额不限")
    if code == "hours":
        return _("在希望的时间开放")
    return str(code)


def render(reasons) -> str:
    """'同属法律服务; 步行约6分钟; 免费; 本周还可接待3人' in the active language."""
    parts = []
    for item in reasons or []:
        if isinstance(item, list | tuple) and len(item) == 2 and isinstance(item[1], dict):
            parts.append(render_one(str(item[0]), item[1]))
    return _("；").join(parts)
