"""A person's part of the micro-funds, for their data download: groups, committee roles and votes."""

from sanshe.funds.models import CommitteeMember, GroupMember, Vote


def _iso(value):
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    return {
        "resident_groups": [
            {"group": m.group.name, "community": m.group.community.name, "joined_at": _iso(m.created_at)}
            for m in GroupMember.objects.filter(user=user).select_related("group__community")
        ],
        "fund_committee_roles": [
            {
                "fund": m.fund.name,
                "role": m.role,
                "role_label": str(m.get_role_display()),
                "term_from": _iso(m.term_from),
                "term_to": _iso(m.term_to),
            }
            for m in CommitteeMember.objects.filter(user=user).select_related("fund")
        ],
        "fund_votes": [
            {
                "application": v.application.title,
                "fund": v.application.fund.name,
                "choice": v.choice,
                "reason": v.reason,
                "at": _iso(v.created_at),
            }
            for v in Vote.objects.filter(voter=user).select_related("application__fund")
        ],
    }
