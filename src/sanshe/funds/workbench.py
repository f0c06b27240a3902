"""我的工作台, the funds' part: applications waiting for a committee member's vote, and the resident's own
groups' applications under the committee's vote."""

from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sanshe.common import clock
from sanshe.common.contributions import WorkItem, work_section
from sanshe.funds.models import Application, ApplicationStatus, CommitteeMember, Vote
from sanshe.groups.models import Membership
from sanshe.people.models import RoleKind
from sanshe.people.predicates import roles_of


def applications_to_vote_on(user, today):
    """Applications under vote in the funds whose committee the user sits on today, without the user's vote."""
    sits = CommitteeMember.objects.filter(user=user, term_from__lte=today).filter(
        Q(term_to__isnull=True) | Q(term_to__gte=today)
    )
    voted = Vote.objects.filter(application=OuterRef("pk"), voter=user)
    return (
        Application.objects.filter(status=ApplicationStatus.SUBMITTED, fund__in=sits.values("fund"))
        .exclude(Exists(voted))
        .select_related("fund", "group")
        .order_by("submitted_at", "id")
    )


def _application_item(application, note) -> WorkItem:
    return WorkItem(
        f"{application.group.name} · {application.title}",
        reverse("funds:application_detail", args=[application.pk]),
        since=application.submitted_at,
        note=note,
    )


def sections(user) -> list:
    out = [
        work_section(
            "committee",
            "applications_to_vote_on",
            _("等您表决的资助申请"),
            applications_to_vote_on(user, clock.today()),
            lambda application: _application_item(application, application.fund.name),
            url=reverse("funds:fund_list"),
        )
    ]
    if any(role.kind == RoleKind.RESIDENT for role in roles_of(user)):
        mine = (
            Application.objects.filter(
                status=ApplicationStatus.SUBMITTED,
                group__in=Membership.objects.filter(user=user).values("group"),
            )
            .select_related("group")
            .annotate(votes_cast=Count("votes"))
            .order_by("submitted_at", "id")
        )
        out.append(
            work_section(
                "resident",
                "group_applications",
                _("我的小组的申请（委员会表决中）"),
                mine,
                lambda application: _application_item(
                    application,
                    ngettext("已有 %(n)s 位委员表决", "已有 %(n)s 位委员表决", application.votes_cast)
                    % {"n": application.votes_cast},
                ),
                url=reverse("funds:fund_list"),
            )
        )
    return out
