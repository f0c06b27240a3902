"""Template helpers for referrals: a need's referrals as the viewer may see them, reasons, overdue flags."""

from django import template

from sanshe.common.permissions import may
from sanshe.matching import reasons, selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def need_referrals(context, need):
    """The need's referrals the current user may see (one query), newest first."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if need is None or user is None or not user.is_authenticated:
        return []
    rows = list(selectors.need_referrals(need)[:10])
    return [r for r in rows if may(user, "matching.view_referral", r)]


@register.simple_tag(takes_context=True)
def can_choose_service(context, need):
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user and need is not None and may(user, "matching.choose_service", need))


@register.filter
def reason_text(referral_or_reasons):
    return reasons.render(getattr(referral_or_reasons, "reasons", referral_or_reasons))


@register.filter
def overdue(referral):
    return selectors.is_overdue(referral)
