"""Reads of case files for pages and the API: only the cases a person may see, with what the lists show."""

from django.db.models import Exists, OuterRef, Prefetch, Q

from sanshe.cases.models import AssignmentRole, Case, CaseAssignment, CaseStatus, HandoverItem
from sanshe.people.models import RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS, roles_of


def _waiting_handover():
    return Exists(HandoverItem.objects.filter(case=OuterRef("pk"), acknowledged_at__isnull=True))


def visible_cases(user):
    """Cases the person works on (assigned, in an organization they still work for) or supervises."""
    member_of = [role.organization_id for role in roles_of(user) if role.kind in ORG_MEMBER_KINDS]
    admin_of = [role.organization_id for role in roles_of(user) if role.kind == RoleKind.ORG_ADMIN]
    assigned = CaseAssignment.objects.filter(case=OuterRef("pk"), worker=user, ended_at__isnull=True)
    return (
        Case.objects.filter(organization__in=member_of)
        .annotate(assigned=Exists(assigned), in_handover=_waiting_handover())
        .filter(Q(assigned=True) | Q(organization__in=admin_of))
        .select_related("organization", "community")
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=CaseAssignment.objects.filter(ended_at__isnull=True).select_related("worker"),
                to_attr="current_assignments",
            )
        )
    )


def my_open_cases(user):
    """The open cases a worker is assigned to, the nearest review first."""
    return (
        Case.objects.filter(
            status=CaseStatus.OPEN,
            assignments__worker=user,
            assignments__role=AssignmentRole.WORKER,
            assignments__ended_at__isnull=True,
        )
        .select_related("organization")
        .order_by("next_review_on", "id")
    )


def cases_of_person(user):
    return Case.objects.filter(resident=user).select_related("organization").prefetch_related("reads")


def case_detail(case_id):
    return (
        Case.objects.select_related("organization", "community", "resident")
        .annotate(in_handover=_waiting_handover())
        .get(pk=case_id)
    )


def waiting_for(user):
    """Handover items this person has been given and not yet acknowledged, oldest first."""
    return (
        HandoverItem.objects.filter(receiver=user, acknowledged_at__isnull=True)
        .select_related("organization")
        .order_by("created_at", "id")
    )


def in_handover(organization):
    """What waits for a receiver in this organization (the supervisor's view)."""
    return (
        HandoverItem.objects.filter(organization=organization, acknowledged_at__isnull=True)
        .select_related("receiver")
        .order_by("created_at", "id")
    )
