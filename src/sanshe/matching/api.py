"""JSON API for matching and referrals: parse, authorize, call a service or selector."""

import datetime
from typing import Literal
from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from sanshe.common.api import Pagination
from sanshe.common.permissions import may
from sanshe.directory.models import Organization, Service
from sanshe.matching import gaps, reasons, rules, selectors, services
from sanshe.matching.models import DeclineReason, Referral, ReferralStatus
from sanshe.needs.models import Need
from sanshe.places.models import Community

router = Router(tags=["matching"])


class CandidateOut(Schema):
    service_id: UUID
    service_name: str
    organization_name: str
    walk_minutes: float | None
    online: bool
    cost: int
    reasons: str


class EventOut(Schema):
    from_status: str
    to_status: str
    actor: str
    reason: str
    at: datetime.datetime


class ReferralOut(Schema):
    id: UUID
    need_id: UUID
    need_summary: str
    community_id: UUID
    service_id: UUID
    service_name: str
    organization_id: UUID
    status: str
    status_label: str
    source: str
    reasons: str
    walk_minutes: float | None
    sent_at: datetime.datetime | None
    overdue: bool
    decline_reason: str
    outcome: str
    feedback_score: int | None
    created_at: datetime.datetime

    @staticmethod
    def resolve_need_summary(obj):
        return obj.need.summary

    @staticmethod
    def resolve_community_id(obj):
        return obj.need.community_id

    @staticmethod
    def resolve_service_name(obj):
        return obj.service.name

    @staticmethod
    def resolve_organization_id(obj):
        return obj.service.organization_id

    @staticmethod
    def resolve_status_label(obj):
        return obj.get_status_display()

    @staticmethod
    def resolve_reasons(obj):
        return reasons.render(obj.reasons)

    @staticmethod
    def resolve_overdue(obj):
        return selectors.is_overdue(obj)


class ReferralDetailOut(ReferralOut):
    events: list[EventOut]

    @staticmethod
    def resolve_events(obj):
        return [
            {
                "from_status": e.from_status,
                "to_status": e.to_status,
                "actor": str(e.actor) if e.actor else "",
                "reason": e.reason,
                "at": e.at,
            }
            for e in obj.events.all()
        ]


def _need_for_staff(request, need_id):
    need = get_object_or_404(Need.objects.select_related("community", "domain", "target_group"), pk=need_id)
    if not may(request.user, "matching.choose_service", need):
        raise PermissionDenied(_("只有需求所在社区的工作人员可以查看它的候选服务。"))
    return need


@router.get("/needs/{need_id}/candidates", response=list[CandidateOut], auth=django_auth)
def need_candidates(request, need_id: UUID, limit: int = Query(10, ge=1, le=50)):
    need = _need_for_staff(request, need_id)
    return [
        {
            "service_id": c.service.pk,
            "service_name": c.service.name,
            "organization_name": c.service.organization.name,
            "walk_minutes": None if c.online else round(c.minutes, 1),
            "online": c.online,
            "cost": c.cost,
            "reasons": c.reason_text,
        }
        for c in services.candidates_for(need, limit=limit)
    ]


class ChooseIn(Schema):
    service_id: UUID
    send: bool = True


@router.post("/needs/{need_id}/referrals", response={201: ReferralDetailOut}, auth=django_auth)
def choose(request, need_id: UUID, payload: ChooseIn):
    need = _need_for_staff(request, need_id)
    service = get_object_or_404(Service, pk=payload.service_id)
    referral = services.choose_service(actor=request.user, need=need, service=service, send=payload.send)
    return Status(201, selectors.need_referrals(need).get(pk=referral.pk))


def _visible(request, referral_id) -> Referral:
    referral = get_object_or_404(selectors.referrals().prefetch_related("events__actor"), pk=referral_id)
    if not may(request.user, "matching.view_referral", referral):
        raise PermissionDenied(rules.CANNOT_VIEW_REFERRAL)
    return referral


@router.get("/referrals/{referral_id}", response=ReferralDetailOut, auth=django_auth)
def get_referral(request, referral_id: UUID):
    return _visible(request, referral_id)


class ReferralFilter(Schema):
    community: UUID | None = None
    organization: UUID | None = None
    status: ReferralStatus | None = None
    overdue: bool = False


@router.get("/referrals", response=list[ReferralOut], auth=django_auth)
@paginate(Pagination, page_size=20)
def list_referrals(request, filters: Query[ReferralFilter]):
    """A community's referrals (its staff), an organization's incoming ones (its members), else the resident's own."""
    status = filters.status.value if filters.status else ""
    if filters.community:
        community = get_object_or_404(Community, pk=filters.community)
        if not may(request.user, "matching.view_community_referrals", community):
            raise PermissionDenied(rules.CANNOT_VIEW_COMMUNITY_REFERRALS)
        return selectors.community_referrals(community, status, filters.overdue)
    if filters.organization:
        organization = get_object_or_404(Organization, pk=filters.organization)
        if not may(request.user, "matching.view_org_referrals", organization):
            raise PermissionDenied(rules.CANNOT_VIEW_ORG_REFERRALS)
        return selectors.organization_referrals(organization, status)
    qs = selectors.resident_referrals(request.user)
    return qs.filter(status=status) if status else qs


class ActionIn(Schema):
    action: Literal["send", "cancel", "accept", "decline", "start", "complete", "fail", "feedback", "resend"]
    reason: DeclineReason | None = None
    note: str = Field("", max_length=2000)
    outcome: str = Field("", max_length=2000)
    score: int | None = Field(None, ge=1, le=5)
    service_id: UUID | None = None


@router.post("/referrals/{referral_id}/actions", response=ReferralDetailOut, auth=django_auth)
def referral_action(request, referral_id: UUID, payload: ActionIn):
    referral = get_object_or_404(selectors.referrals(), pk=referral_id)
    data = payload.dict()
    if data.get("reason") is not None:
        data["reason"] = DeclineReason(data["reason"]).value
    result = services.act(request.user, referral, data)
    return selectors.referrals().prefetch_related("events__actor").get(pk=result.pk)


class MatchSummaryOut(Schema):
    considered: int
    served: int
    unserved: dict[str, int]
    walk_minutes_total: float
    walk_minutes_mean: float
    written: int
    # Older unsent batch proposals this run replaces (withdrawn when written; would be, on a dry run).
    superseded: int
    withdrawn: int


@router.post("/communities/{community_id}/match", response=MatchSummaryOut, auth=django_auth)
def run_matching(request, community_id: UUID, dry_run: bool = False):
    community = get_object_or_404(Community, pk=community_id)
    result = services.run_matching(actor=request.user, community=community, dry_run=dry_run)
    return {
        "considered": result.considered,
        "served": result.served,
        "unserved": result.unserved,
        "walk_minutes_total": round(result.walk_minutes_total, 1),
        "walk_minutes_mean": round(result.walk_minutes_mean, 1),
        "written": result.written,
        "superseded": len(result.supersede),
        "withdrawn": result.withdrawn,
    }


class GapOut(Schema):
    domain_code: str
    domain: str
    open_needs: int
    needs_within: dict[str, int]
    residents: int
    residents_within: dict[str, int]
    nearest_minutes: float | None
    label: str


@router.get("/communities/{community_id}/gaps", response=list[GapOut], auth=django_auth)
def community_gaps(request, community_id: UUID):
    community = get_object_or_404(Community.objects.select_related("street__district"), pk=community_id)
    if not may(request.user, "matching.view_gaps", community):
        raise PermissionDenied(rules.CANNOT_VIEW_GAPS)
    return [g.as_dict() for g in gaps.community_gaps(community).rows]
