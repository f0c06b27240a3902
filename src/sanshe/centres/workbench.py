"""What waits in centre evaluations: score sheets an assessor owes, rounds an officer must open or close."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.centres import selectors
from sanshe.common.contributions import WorkItem, work_section
from sanshe.people.models import RoleKind
from sanshe.people.predicates import roles_of


def sections(user) -> list:
    kinds = {r.kind for r in roles_of(user)}
    found = []
    if kinds & {RoleKind.EVALUATOR, RoleKind.COMMUNITY_STAFF, RoleKind.STREET_OFFICER}:
        owed = selectors.assignments_owed(user)
        found.append(
            work_section(
                "evaluator"
                if RoleKind.EVALUATOR in kinds
                else "officer"
                if RoleKind.STREET_OFFICER in kinds
                else "community_staff",
                "centres_scores_owed",
                _("待打分的服务中心"),
                owed,
                lambda a: WorkItem(
                    f"{a.centre.name} · {a.get_group_display()}",
                    reverse("centres:score", args=[a.pk]),
                    since=a.round.period_end,
                ),
                url=reverse("centres:mine"),
            )
        )
    if RoleKind.DISTRICT_OFFICER in kinds:
        found.append(
            work_section(
                "officer",
                "centres_rounds_open",
                _("进行中的服务中心评估"),
                selectors.rounds_to_close(user),
                lambda r: WorkItem(
                    r.name,
                    reverse("centres:round", args=[r.pk]),
                    since=r.period_end,
                    note=_("还有 %(n)s 份评分未交") % {"n": r.owed} if r.owed else _("可以结束评估"),
                ),
                url=reverse("centres:mine"),
            )
        )
    return [section for section in found if section.count]
