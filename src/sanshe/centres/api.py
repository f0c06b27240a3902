"""JSON API for centres: centres, standards and closed rounds' results to read; score sheets to submit."""

import datetime
from uuid import UUID

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.security import django_auth

from sanshe.centres import selectors, services
from sanshe.centres.models import Assignment, Round, RoundStatus, Standard
from sanshe.common.api import Pagination

router = Router(tags=["centres"])


class CentreOut(Schema):
    id: UUID
    name: str
    kind: str
    district: str
    communities: list[str]
    address: str
    hours: str
    certified_social_workers: int

    @staticmethod
    def resolve_district(obj):
        return obj.district.name

    @staticmethod
    def resolve_communities(obj):
        return [c.name for c in obj.communities.all()]


class IndicatorOut(Schema):
    id: UUID
    group: str
    name: str
    weight: int
    evidence: str

    @staticmethod
    def resolve_group(obj):
        return obj.group.name


class MinimumOut(Schema):
    kind: str
    sessions: int
    people: int


class StandardOut(Schema):
    id: UUID
    name: str
    minimum_categories: int
    satisfaction_weight: int
    categories: list[str]
    indicators: list[IndicatorOut]
    minimums: list[MinimumOut]

    @staticmethod
    def resolve_categories(obj):
        return [c.name for c in obj.categories.all()]

    @staticmethod
    def resolve_indicators(obj):
        return selectors.indicators(obj)

    @staticmethod
    def resolve_minimums(obj):
        return list(obj.minimums.all())


class ResultOut(Schema):
    centre_id: UUID
    centre: str
    raw: float
    calibrated: float
    satisfaction: float | None
    total: float
    grade: str
    raw_grade: str

    @staticmethod
    def resolve_centre(obj):
        return obj.centre.name


class GroupOut(Schema):
    group: str
    label: str
    offset: float
    lead: float
    generous: bool
    harsh: bool


class RoundResultsOut(Schema):
    id: UUID
    name: str
    district: str
    period_start: datetime.date
    period_end: datetime.date
    results: list[ResultOut]
    groups: list[GroupOut]


class ScoreIn(Schema):
    indicator: UUID
    percent: int = Field(ge=0, le=100)
    note: str = Field("", max_length=500)


class SheetIn(Schema):
    scores: list[ScoreIn] = Field(max_length=200)


class SheetOut(Schema):
    assignment: UUID
    centre: str
    group: str
    submitted_at: datetime.datetime | None


@router.get("/", response=list[CentreOut])
@paginate(Pagination, page_size=20)
def list_centres(request):
    return selectors.centres()


@router.get("/standards", response=list[StandardOut])
@paginate(Pagination, page_size=20)
def list_standards(request):
    return Standard.objects.prefetch_related("categories", "minimums")


@router.get("/rounds/{round_id}/results", response=RoundResultsOut)
def round_results(request, round_id: UUID):
    """A closed round's results: each centre's raw and calibrated grade, each assessor group's leniency."""
    round_ = get_object_or_404(Round.objects.select_related("district", "standard"), pk=round_id)
    if round_.status != RoundStatus.CLOSED:
        raise Http404
    computed = selectors.compute_results(round_)
    return {
        "id": round_.pk,
        "name": round_.name,
        "district": round_.district.name,
        "period_start": round_.period_start,
        "period_end": round_.period_end,
        "results": selectors.stored_results(round_),
        "groups": [
            {
                "group": g.group,
                "label": str(g.label),
                "offset": g.calibration.offset,
                "lead": g.calibration.lead,
                "generous": g.calibration.generous,
                "harsh": g.calibration.harsh,
            }
            for g in computed.groups
        ],
    }


@router.get("/{centre_id}", response=CentreOut)
def get_centre(request, centre_id: UUID):
    return get_object_or_404(selectors.centres(), pk=centre_id)


@router.post("/assignments/{assignment_id}/scores", response=SheetOut, auth=django_auth)
def submit_scores(request, assignment_id: UUID, payload: SheetIn):
    """The assigned assessor's whole sheet: every indicator of the standard, 0–100 % each."""
    assignment = get_object_or_404(
        Assignment.objects.select_related("round__standard", "centre"), pk=assignment_id, assessor=request.user
    )
    assignment = services.submit_scores(
        actor=request.user,
        assignment=assignment,
        percents={s.indicator: s.percent for s in payload.scores},
        notes={s.indicator: s.note for s in payload.scores},
    )
    return {
        "assignment": assignment.pk,
        "centre": assignment.centre.name,
        "group": assignment.group,
        "submitted_at": assignment.submitted_at,
    }
