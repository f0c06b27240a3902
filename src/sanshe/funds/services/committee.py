"""Setting up a fund and its management committee (one chair and one treasurer at a time)."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common.refusals import refuse, require
from sanshe.funds import refusals
from sanshe.funds import rules as fund_rules
from sanshe.funds.models import CommitteeMember, CommitteeRole, Fund, FundEventKind
from sanshe.funds.services import history
from sanshe.funds.services.posting import create_accounts


@transaction.atomic
def create_fund(*, actor, community, name: str, **fields) -> Fund:
    require(actor, "funds.add_fund", community, refusals.ADD_FUND)
    fund = Fund(community=community, name=name, **fields)
    fund.full_clean()
    fund.save()
    create_accounts(fund)
    return fund


@transaction.atomic
def add_committee_member(*, actor, fund, user, role, term_from, term_to=None) -> CommitteeMember:
    """Community staff or the fund's chair appoint a member; one chair and one treasurer at a time."""
    require(actor, "funds.manage_committee", fund, refusals.APPOINT_MEMBER)
    if role not in CommitteeRole.values:
        refuse(_("请选择主任、出纳或委员。"), "role")
    fund = Fund.objects.select_for_update().get(pk=fund.pk)
    member = CommitteeMember(fund=fund, user=user, role=role, term_from=term_from, term_to=term_to)
    member.full_clean()
    overlapping = CommitteeMember.objects.filter(fund=fund).exclude(term_to__lt=term_from)
    if term_to is not None:
        overlapping = overlapping.filter(term_from__lte=term_to)
    if overlapping.filter(user=user).exists():
        refuse(_("%(user)s 在这段任期内已经是本基金的委员。") % {"user": user}, "user")
    if role in (CommitteeRole.CHAIR, CommitteeRole.TREASURER) and overlapping.filter(role=role).exists():
        refuse(
            _("这段任期内已经有一位%(role)s；请先结束现任%(role)s的任期，再任命新的。")
            % {"role": CommitteeRole(role).label},
            "role",
        )
    member.save()
    fund_rules.forget(user)
    history.record(
        FundEventKind.COMMITTEE_APPOINTED,
        actor,
        fund=fund,
        subject=user,
        reason=f"{CommitteeRole(role).label} · {term_from.isoformat()}–{term_to.isoformat() if term_to else ''}",
    )
    return member


@transaction.atomic
def end_committee_term(*, actor, member, term_to: datetime.date, reason: str = "") -> CommitteeMember:
    """End a member's term (the row stays: past committees remain visible)."""
    require(actor, "funds.manage_committee", member.fund, refusals.END_TERM)
    member = CommitteeMember.objects.select_for_update().get(pk=member.pk)
    if not isinstance(term_to, datetime.date):
        refuse(_("请填写任期结束日期。"), "term_to")
    if term_to < member.term_from:
        refuse(_("任期结束日期不能早于任期开始日期 %(date)s。") % {"date": member.term_from.isoformat()}, "term_to")
    if member.term_to is not None and member.term_to <= term_to:
        refuse(_("这位委员的任期已经在 %(date)s 结束。") % {"date": member.term_to.isoformat()}, "term_to")
    member.term_to = term_to
    member.save(update_fields=["term_to", "modified_at"])
    user = member.user
    fund_rules.forget(user)
    fund_rules.forget(actor)
    history.record(
        FundEventKind.COMMITTEE_ENDED,
        actor,
        fund=member.fund,
        subject=user,
        reason=f"{member.get_role_display()} · {term_to.isoformat()} · {(reason or '').strip()}".strip(" ·"),
    )
    return member
