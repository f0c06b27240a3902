"""JSON API for procurement at /api/procurement/: parse, authorize, call a service or selector."""

import datetime
from decimal import Decimal
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from sanshe.common.api import Pagination
from sanshe.directory.models import Organization
from sanshe.procurement import selectors, services
from sanshe.procurement.models import (
    Award,
    Bid,
    CatalogueItem,
    Challenge,
    Contract,
    Criterion,
    DeliveryRecord,
    Milestone,
    Payment,
    PerformanceEvaluation,
    ProjectStatus,
)
from sanshe.procurement.services import evaluation

router = Router(tags=["procurement"])


class CatalogueItemOut(Schema):
    id: UUID
    code: str
    name: str
    domain: str = Field(..., alias="domain.code")
    unit: str
    reference_price_fen: int
    service_class: str


class CallOut(Schema):
    id: UUID
    name: str
    status: str
    method: str
    budget_fen: int
    description: str
    enquiry_start: datetime.datetime | None
    submission_start: datetime.datetime | None
    choice_start: datetime.datetime | None
    evaluation_start: datetime.datetime | None
    evaluation_end: datetime.datetime | None
    menu_min_items: int
    voting_mode: str


class ResultRow(Schema):
    bid: UUID
    organization: str
    tally: float
    points: float


class ResultsOut(Schema):
    published: bool
    formula: str
    voters: int = 0
    rows: list[ResultRow] = []


class BidIn(Schema):
    organization: UUID
    summary: str = Field(..., min_length=1, max_length=2000)
    plan: str = Field(..., min_length=1, max_length=20000)
    team: str = Field(..., min_length=1, max_length=5000)
    items: list[UUID]
    budget_lines: list[tuple[str, int]]


class BidOut(Schema):
    id: UUID
    status: str
    price_fen: int
    submitted_at: datetime.datetime


class ChoiceIn(Schema):
    bids: list[UUID] = Field(..., max_length=100)


class ScoreIn(Schema):
    criterion: UUID
    points: int = Field(..., ge=0, le=100)


@router.get("/catalogue", response=list[CatalogueItemOut])
@paginate(Pagination, page_size=50)
def list_catalogue(request):
    return CatalogueItem.objects.select_related("domain").order_by("code")


@router.get("/calls", response=list[CallOut])
@paginate(Pagination, page_size=20)
def list_calls(request, status: ProjectStatus | None = None):
    return selectors.projects(status or "")


@router.get("/calls/{project_id}", response=CallOut)
def get_call(request, project_id: UUID):
    return selectors.project(project_id)


@router.get("/calls/{project_id}/results", response=ResultsOut)
def get_results(request, project_id: UUID):
    """Residents' choice totals: published only once the choice period has ended."""
    project = selectors.project(project_id)
    results = selectors.choice_results(project)
    if results is None:
        return {"published": False, "formula": str(evaluation.FORMULA)}
    return {
        "published": True,
        "formula": str(evaluation.FORMULA),
        "voters": results["voters"],
        "rows": [
            {"bid": r["bid"].pk, "organization": r["bid"].organization.name, "tally": r["tally"], "points": r["points"]}
            for r in results["rows"]
        ],
    }


@router.post("/calls/{project_id}/bids", response={201: BidOut}, auth=django_auth)
def submit_bid(request, project_id: UUID, payload: BidIn):
    project = selectors.project(project_id)
    organization = get_object_or_404(Organization, pk=payload.organization)
    data = payload.dict(exclude={"organization"})
    bid = services.submit_bid(actor=request.user, project=project, organization=organization, data=data)
    return Status(201, bid)


@router.put("/bids/{bid_id}", response=BidOut, auth=django_auth)
def amend_bid(request, bid_id: UUID, payload: BidIn):
    bid = get_object_or_404(Bid.objects.select_related("project"), pk=bid_id)
    return services.amend_bid(actor=request.user, bid=bid, data=payload.dict(exclude={"organization"}))


@router.post("/bids/{bid_id}/withdraw", response=BidOut, auth=django_auth)
def withdraw_bid(request, bid_id: UUID):
    bid = get_object_or_404(Bid.objects.select_related("project"), pk=bid_id)
    return services.withdraw_bid(actor=request.user, bid=bid)


@router.post("/calls/{project_id}/choices", response={204: None}, auth=django_auth)
def choose(request, project_id: UUID, payload: ChoiceIn):
    project = selectors.project(project_id)
    services.choose(actor=request.user, project=project, bids=payload.bids)
    return Status(204, None)


@router.post("/bids/{bid_id}/scores", response={204: None}, auth=django_auth)
def score(request, bid_id: UUID, payload: ScoreIn):
    bid = get_object_or_404(Bid.objects.select_related("project"), pk=bid_id)
    criterion = get_object_or_404(Criterion, pk=payload.criterion, project_id=bid.project_id)
    services.score_bid(actor=request.user, bid=bid, criterion=criterion, points=payload.points)
    return Status(204, None)


# --- Buyer, evaluator and contractor actions ---------------------------------------------------------


class PublishIn(Schema):
    enquiry_start: datetime.datetime
    submission_start: datetime.datetime
    choice_start: datetime.datetime
    evaluation_start: datetime.datetime
    evaluation_end: datetime.datetime
    criteria: list[tuple[str, str, int]] = Field(..., max_length=20)
    method: str = "open_tender"
    invited: list[UUID] = Field([], max_length=100)
    min_registered_years: int = Field(0, ge=0, le=50)
    min_rating: str = Field("", max_length=2)
    menu_min_items: int = Field(1, ge=1, le=100)
    voting_mode: str = "approval"
    continuous: bool = False
    budgeted_years: int = Field(1, ge=1, le=3)


class EvaluatorIn(Schema):
    evaluator: UUID


class ConflictIn(Schema):
    organization: UUID
    reason: str = Field(..., max_length=2000)


class ChallengeIn(Schema):
    organization: UUID
    text: str = Field(..., max_length=5000)


class AnswerIn(Schema):
    upheld: bool
    answer: str = Field(..., max_length=5000)
    rerank: bool = Field(True, description="An upheld challenge awards the next-ranked eligible bid; false cancels.")


class MilestoneIn(Schema):
    kind: str
    title: str = Field(..., max_length=200)
    due_date: datetime.date
    amount_fen: int = Field(0, ge=0)


class ContractIn(Schema):
    start: datetime.date
    term_years: int = Field(1, ge=1, le=3)
    milestones: list[MilestoneIn] = Field(..., max_length=100)


class ContractOut(Schema):
    id: UUID
    value_fen: int
    paid_fen: int
    start: datetime.date
    end: datetime.date
    term_years: int


class DeliveryIn(Schema):
    date: datetime.date
    place: str = Field(..., max_length=200)
    content: str = Field(..., max_length=5000)
    unique_people: int = Field(..., ge=0)
    visits: int = Field(..., ge=0)


class MilestoneMetIn(Schema):
    deliveries: list[UUID] = Field(
        ..., min_length=1, description="the contract's service records showing it was reached"
    )
    reason: str = Field("", max_length=500, description="why it is confirmed before its due date, when it is")


class PaymentIn(Schema):
    paid_on: datetime.date


class ReversalIn(Schema):
    paid_on: datetime.date
    reason: str = Field(..., max_length=500)


class IndicatorIn(Schema):
    name: str = Field(..., max_length=200)
    target: float
    actual: float
    unit: str = Field("", max_length=30)


class PerformanceIn(Schema):
    grade: str
    evaluator_organization: str = Field(..., max_length=200)
    summary: str = Field(..., max_length=5000)
    indicators: list[IndicatorIn] = Field(..., max_length=50)
    evaluated_on: datetime.date


class DecisionIn(Schema):
    decision: str


def _project(project_id):
    return selectors.project(project_id)


@router.post("/calls/{project_id}/publish", response=CallOut, auth=django_auth)
def publish(request, project_id: UUID, payload: PublishIn):
    data = payload.dict()
    data["invited"] = list(Organization.objects.filter(pk__in=data["invited"]))
    return services.publish_call(actor=request.user, project=_project(project_id), **data)


@router.post("/calls/{project_id}/evaluators", response={204: None}, auth=django_auth)
def assign_evaluator(request, project_id: UUID, payload: EvaluatorIn):
    from django.contrib.auth import get_user_model

    evaluator = get_object_or_404(get_user_model(), pk=payload.evaluator)
    services.assign_evaluator(actor=request.user, project=_project(project_id), evaluator=evaluator)
    return Status(204, None)


@router.post("/calls/{project_id}/conflicts", response={204: None}, auth=django_auth)
def declare_conflict(request, project_id: UUID, payload: ConflictIn):
    organization = get_object_or_404(Organization, pk=payload.organization)
    services.declare_conflict(
        actor=request.user, project=_project(project_id), organization=organization, reason=payload.reason
    )
    return Status(204, None)


@router.post("/calls/{project_id}/award", response={204: None}, auth=django_auth)
def award(request, project_id: UUID):
    services.award(actor=request.user, project=_project(project_id))
    return Status(204, None)


@router.post("/calls/{project_id}/challenges", response={204: None}, auth=django_auth)
def challenge(request, project_id: UUID, payload: ChallengeIn):
    record = get_object_or_404(Award, project_id=project_id)
    organization = get_object_or_404(Organization, pk=payload.organization)
    services.challenge(actor=request.user, award=record, organization=organization, text=payload.text)
    return Status(204, None)


@router.post("/challenges/{challenge_id}/answer", response={204: None}, auth=django_auth)
def answer_challenge(request, challenge_id: UUID, payload: AnswerIn):
    record = get_object_or_404(Challenge.objects.select_related("award__project"), pk=challenge_id)
    services.resolve_challenge(
        actor=request.user, challenge=record, upheld=payload.upheld, answer=payload.answer, rerank=payload.rerank
    )
    return Status(204, None)


@router.post("/calls/{project_id}/contract", response={201: ContractOut}, auth=django_auth)
def sign_contract(request, project_id: UUID, payload: ContractIn):
    contract = services.sign_contract(
        actor=request.user,
        project=_project(project_id),
        start=payload.start,
        term_years=payload.term_years,
        milestones=[m.dict() for m in payload.milestones],
    )
    return Status(201, contract)


@router.post("/milestones/{milestone_id}/met", response={204: None}, auth=django_auth)
def milestone_met(request, milestone_id: UUID, payload: MilestoneMetIn):
    milestone = get_object_or_404(Milestone.objects.select_related("contract__project"), pk=milestone_id)
    deliveries = DeliveryRecord.objects.filter(pk__in=payload.deliveries, contract=milestone.contract_id)
    services.mark_milestone(
        actor=request.user, milestone=milestone, met=True, deliveries=deliveries, reason=payload.reason
    )
    return Status(204, None)


@router.post("/milestones/{milestone_id}/payment", response={204: None}, auth=django_auth)
def pay(request, milestone_id: UUID, payload: PaymentIn):
    milestone = get_object_or_404(Milestone.objects.select_related("contract__project"), pk=milestone_id)
    services.pay(actor=request.user, milestone=milestone, paid_on=payload.paid_on)
    return Status(204, None)


@router.post("/payments/{payment_id}/reversal", response={204: None}, auth=django_auth)
def reverse_payment(request, payment_id: UUID, payload: ReversalIn):
    """Correct a mistaken payment with a linked negative payment; the original is never edited."""
    payment = get_object_or_404(Payment.objects.select_related("contract__project"), pk=payment_id)
    services.reverse_payment(actor=request.user, payment=payment, reason=payload.reason, paid_on=payload.paid_on)
    return Status(204, None)


@router.post("/contracts/{contract_id}/deliveries", response={204: None}, auth=django_auth)
def record_delivery(request, contract_id: UUID, payload: DeliveryIn):
    contract = get_object_or_404(Contract.objects.select_related("project"), pk=contract_id)
    services.record_delivery(actor=request.user, contract=contract, data=payload.dict())
    return Status(204, None)


@router.post("/contracts/{contract_id}/evaluation", response={204: None}, auth=django_auth)
def evaluate(request, contract_id: UUID, payload: PerformanceIn):
    contract = get_object_or_404(Contract.objects.select_related("project"), pk=contract_id)
    data = payload.dict()
    data["indicators"] = [
        {**i, "target": Decimal(str(i["target"])), "actual": Decimal(str(i["actual"]))} for i in data["indicators"]
    ]
    services.evaluate_performance(actor=request.user, contract=contract, **data)
    return Status(204, None)


@router.post("/contracts/{contract_id}/decision", response={204: None}, auth=django_auth)
def decide(request, contract_id: UUID, payload: DecisionIn):
    evaluation = get_object_or_404(
        PerformanceEvaluation.objects.select_related("contract__project"), contract_id=contract_id
    )
    services.decide(actor=request.user, evaluation=evaluation, decision=payload.decision)
    return Status(204, None)
