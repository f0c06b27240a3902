"""A person's part of the micro-funds, for their data download: committee roles and votes (groups keep their own)."""

from sanshe.funds.models import CommitteeMember, Vote


def _iso(value):
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    return {
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
