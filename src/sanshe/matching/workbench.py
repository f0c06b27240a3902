"""我的工作台, matching's part: referrals to answer, to chase or to rate; needs no service fits; the worst gaps."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.contributions import WorkItem, WorkSection, work_day, work_section
from sanshe.matching import candidates as cand
from sanshe.matching import gaps, selectors
from sanshe.matching.models import Referral, ReferralStatus
from sanshe.people.models import RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS, roles_of
from sanshe.people.selectors import role_scopes

# Needs checked for a candidate on one visit: the oldest open ones of the community.
NEEDS_CHECKED = 200
GAPS_SHOWN = 3


def _referral_url(referral) -> str:
    return reverse("matching:referral", args=[referral.pk])


def reply_by(referral) -> datetime.datetime:
    return referral.sent_at + datetime.timedelta(days=settings.SANSHE_MATCHING_REPLY_DAYS)


def incoming(organizations):
    """Referrals sent to these organizations' services and not yet answered, the longest waiting first."""
    return (
        Referral.objects.filter(service__organization__in=organizations, status=ReferralStatus.SENT)
        .select_related("need", "service")
        .order_by("sent_at", "id")
    )


def incoming_count(user) -> int:
    """The menu's badge on 收到的转介."""
    return incoming([role.organization_id for role in roles_of(user) if role.kind in ORG_MEMBER_KINDS]).count()


def _incoming_item(referral) -> WorkItem:
    due = reply_by(referral)
    return WorkItem(
        f"{referral.need.summary} → {referral.service.name}",
        _referral_url(referral),
        since=referral.sent_at,
        note=_("请在 %(day)s 前答复") % {"day": work_day(due)},
        late=due < clock.now(),
    )


def _resident_item(referral) -> WorkItem:
    note = referral.get_status_display()
    if referral.status == ReferralStatus.COMPLETED:
        note = _("服务已完成，请评价")
    return WorkItem(
        f"{referral.need.summary} → {referral.service.name}",
        _referral_url(referral),
        since=referral.status_changed_at,
        note=note,
    )


def _overdue_item(referral) -> WorkItem:
    return WorkItem(
        f"{referral.need.summary} → {referral.service.name}",
        _referral_url(referral),
        since=referral.sent_at,
        note=_("%(day)s 转介，机构还没有答复") % {"day": work_day(referral.sent_at)},
        late=True,
    )


def _without_candidate(community, loaded, rules) -> WorkSection:
    """Open needs of the community that no service can take (the engine finds no candidate)."""
    needs = list(selectors.matchable_needs([community]).order_by("created_at", "id")[:NEEDS_CHECKED])
    services, _facts = loaded
    edges = cand.generate(selectors.need_inputs(needs), services, rules)
    stranded = [need for index, need in enumerate(needs) if not len(edges.of_need(index))]
    items = tuple(
        WorkItem(
            need.summary,
            reverse("matching:need_candidates", args=[need.pk]),
            since=need.created_at,
            note=need.domain.label,
        )
        for need in stranded[:3]
    )
    return WorkSection(
        "community_staff",
        "needs_without_candidate",
        _("找不到合适服务的需求"),
        len(stranded),
        items,
        url=reverse("matching:community_gaps", args=[community.pk]),
        scope=community.name,
    )


def _worst_gaps(community, loaded) -> WorkSection:
    worst = gaps.community_gaps(community, loaded).worst
    url = reverse("matching:community_gaps", args=[community.pk])
    items = tuple(WorkItem(gap.label, f"{url}?domain={gap.domain_code}") for gap in worst[:GAPS_SHOWN])
    return WorkSection(
        "community_staff", "worst_gaps", _("本社区最缺的服务"), len(worst), items, url=url, scope=community.name
    )


def sections(user) -> list:
    out = []
    if any(role.kind == RoleKind.RESIDENT for role in roles_of(user)):
        waiting = Q(status__in=[ReferralStatus.SENT, ReferralStatus.ACCEPTED, ReferralStatus.IN_SERVICE]) | Q(
            status=ReferralStatus.COMPLETED, feedback_score__isnull=True
        )
        mine = selectors.resident_referrals(user).filter(waiting).order_by("status_changed_at", "id")
        out.append(
            work_section(
                "resident",
                "my_referrals",
                _("需求转介的进展"),
                mine,
                _resident_item,
                url=reverse("matching:my_referrals"),
            )
        )
    communities = role_scopes(user, {RoleKind.COMMUNITY_STAFF}, "community")
    loaded = selectors.load_services() if communities else None
    rules = selectors.rules_from_settings() if communities else None
    for community in communities:
        overdue = selectors.community_referrals(community, overdue=True).order_by("sent_at", "id")
        url = reverse("matching:community_referrals", args=[community.pk]) + "?overdue=1"
        out.append(
            work_section(
                "community_staff",
                "overdue_referrals",
                _("超过 %(days)s 天没有答复的转介") % {"days": settings.SANSHE_MATCHING_REPLY_DAYS},
                overdue,
                _overdue_item,
                url=url,
                scope=community.name,
            )
        )
        out.append(_without_candidate(community, loaded, rules))
        out.append(_worst_gaps(community, loaded))
    for organization in role_scopes(user, ORG_MEMBER_KINDS, "organization"):
        out.append(
            work_section(
                "org_staff",
                "referrals_to_answer",
                _("转来的需求，等您接收或婉拒"),
                incoming([organization]),
                _incoming_item,
                url=reverse("matching:organization_referrals", args=[organization.pk]) + "?status=sent",
                scope=organization.name,
                first=True,
            )
        )
    return out
