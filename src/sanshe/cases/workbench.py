"""我的工作台, cases' part: my cases by their next review, work handed to me to acknowledge, and for an
organization's admin what still waits for a receiver."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.cases import selectors
from sanshe.common import clock
from sanshe.common.contributions import WorkItem, work_day, work_section
from sanshe.people.models import RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS, roles_of
from sanshe.people.selectors import role_scopes


def _case_item(case) -> WorkItem:
    due = case.next_review_on
    return WorkItem(
        str(case),
        reverse("cases:detail", args=[case.pk]),
        since=case.opened_on,
        note=_("%(day)s 评估") % {"day": work_day(due)} if due else "",
        late=bool(due and due < clock.today()),
    )


def _handover_item(item) -> WorkItem:
    return WorkItem(
        f"{item.kind}：{item.title}",
        reverse("cases:handover_item", args=[item.pk]),
        since=item.created_at,
        note=_("%(giver)s 交给您") % {"giver": item.giver_name},
    )


def _waiting_item(item) -> WorkItem:
    return WorkItem(
        f"{item.kind}：{item.title}",
        reverse("cases:handover_item", args=[item.pk]),
        since=item.created_at,
        note=_("等 %(receiver)s 确认") % {"receiver": item.receiver},
    )


def sections(user) -> list:
    if not any(role.kind in ORG_MEMBER_KINDS for role in roles_of(user)):
        return []
    index = reverse("cases:index")
    out = [
        work_section(
            "org_staff",
            "handovers_to_accept",
            _("交给我的工作，请确认接手"),
            selectors.waiting_for(user),
            _handover_item,
            url=index,
            first=True,
        ),
        work_section(
            "org_staff", "my_cases", _("我的个案（按下次评估）"), selectors.my_open_cases(user), _case_item, url=index
        ),
    ]
    for organization in role_scopes(user, {RoleKind.ORG_ADMIN}, "organization"):
        out.append(
            work_section(
                "org_staff",
                "cases_in_handover",
                _("交接中、等接手人确认"),
                selectors.in_handover(organization),
                _waiting_item,
                url=index,
                scope=organization.name,
            )
        )
    return out
