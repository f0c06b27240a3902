"""What the procurement pages share: phase names, the refusal page, the user's organizations."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from sanshe.directory.models import Organization


def phase_label(phase: str) -> str:
    labels = {
        "upcoming": _("即将开始"),
        "enquiry": _("答疑期"),
        "submission": _("投标期"),
        "choice": _("居民点单期"),
        "evaluation": _("评审期"),
        "decision": _("评审已结束，待定标"),
    }
    return labels.get(phase, "")


def refused(request, project, *, title, reason):
    """The page a user reaches when this step is not theirs or not now: what was refused and why."""
    return render(
        request, "procurement/refused.html", {"project": project, "title": title, "reason": reason}, status=403
    )


def organizations_of(user):
    from sanshe.people.predicates import ORG_MEMBER_KINDS, roles_of

    ids = [r.organization_id for r in roles_of(user) if r.kind in ORG_MEMBER_KINDS]
    return Organization.objects.filter(pk__in=ids).order_by("sort_key")


def is_officer(user) -> bool:
    """A buyer: a street or district officer, or the staff of a registered funder running grant calls."""
    from sanshe.procurement.rules import is_officer
    from sanshe.procurement.selectors import funder_organizations

    return user.is_authenticated and (is_officer(user) or funder_organizations(user).exists())
