"""When a contract ends and another organization wins the re-tender, each open case of the old contract moves
to the new organization only if the person agreed (recorded); otherwise it closes and the person is told how to
ask for service again. A moved case keeps its whole history: notes, reviews, events."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.cases.models import Case, CaseAssignment, CaseEvent, CaseStatus, Outcome
from sanshe.cases.services import start_assignment
from sanshe.cases.workflow import CASE
from sanshe.common import clock
from sanshe.common.refusals import refuse
from sanshe.common.transitions import move
from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify
from sanshe.people.predicates import is_community_staff, is_org_admin, is_org_member

ASK_AGAIN = gettext_lazy(
    "%(organization)s 的服务合同已结束，您的个案已结案。如果还需要服务，可以在平台上“发布需求”，"
    "或请社区工作人员帮您登记，新的服务机构会联系您。"
)


def may_transfer(user, contract) -> bool:
    """The old organization's admin, or staff of a community the contract served, asks and records consent."""
    if is_org_admin(user, contract.organization_id):
        return True
    return any(is_community_staff(user, pk) for pk in contract.project.communities.values_list("pk", flat=True))


def successors(contract) -> list:
    """Contracts of other organizations serving a community this contract served: where its cases may go."""
    from sanshe.procurement.models import Contract

    return list(
        Contract.objects.filter(project__communities__in=contract.project.communities.all())
        .exclude(organization=contract.organization_id)
        .select_related("organization", "project")
        .distinct()
        .order_by("-start", "id")
    )


def open_cases_of(contract):
    return Case.objects.filter(contract=contract, status=CaseStatus.OPEN).order_by("opened_on", "id")


@transaction.atomic
def transfer(*, actor, contract, new_contract, receiver, decisions: dict) -> dict:
    """`decisions`: {case id: consent note, or "" when the person did not agree}; every open case needs one.

    Returns {"moved": n, "closed": n}."""
    if not may_transfer(actor, contract):
        raise PermissionDenied(_("只有原机构的管理员或服务社区的工作人员可以办理换机构时的个案转移。"))
    new_organization = new_contract.organization
    if new_organization.pk == contract.organization_id:
        refuse(_("新合同仍是同一家机构，个案不需要转移。"))
    if not is_org_member(receiver, new_organization.pk):
        refuse(_("接手人应是%(organization)s的工作人员。") % {"organization": new_organization.name}, "receiver")
    cases = list(open_cases_of(contract).select_for_update())
    missing = [case.alias for case in cases if str(case.pk) not in decisions]
    if missing:
        refuse(_("请为每个个案记录本人是否同意转到新机构：%(list)s。") % {"list": "、".join(missing)})
    moved = closed = 0
    now = clock.now()
    for case in cases:
        note = (decisions[str(case.pk)] or "").strip()
        CaseAssignment.objects.filter(case=case, ended_at__isnull=True).update(ended_at=now)
        if note and case.consent_withdrawn_at is None:
            old_name = case.organization.name
            Case.objects.filter(pk=case.pk).update(
                organization=new_organization,
                contract=new_contract,
                consent_to_share=True,
                consent_note=note[:200],
                consent_given_at=now,
                modified_at=now,
            )
            case.refresh_from_db()
            CaseEvent.objects.create(
                case=case,
                kind=CaseEvent.Kind.TRANSFER,
                actor=actor,
                reason=_("本人同意（%(note)s），从 %(old)s 转到 %(new)s")
                % {"note": note[:100], "old": old_name, "new": new_organization.name},
            )
            start_assignment(case, receiver, "worker", actor)
            moved += 1
        else:
            move(
                case,
                CaseStatus.CLOSED,
                workflow=CASE,
                actor=actor,
                reason=_("换机构时本人未同意转移"),
                changes={"closed_on": clock.today(), "outcome": Outcome.NO_CONSENT_TO_TRANSFER, "next_review_on": None},
                history={"kind": CaseEvent.Kind.STATUS},
            )
            if case.resident_id:
                notify(
                    [case.resident_id],
                    Kind.CASE,
                    ASK_AGAIN,
                    reverse("needs:post"),
                    params={"organization": contract.organization.name},
                )
            closed += 1
    return {"moved": moved, "closed": closed}
