"""JSON API for funds: the public ledger, its verification, applications and committee votes."""

import datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from sanshe.common.api import Pagination
from sanshe.directory.models import Organization
from sanshe.funds import funding, selectors, services
from sanshe.funds.models import Application, Fund, Funder, VoteChoice

router = Router(tags=["funds"])


class FundOut(Schema):
    id: UUID
    name: str
    community_id: UUID
    community: str
    balance_fen: int
    quorum: int
    majority_percent: int
    groups_only: bool
    max_per_grant_fen: int
    max_per_group_year_fen: int
    forbidden_categories: list[str]

    @staticmethod
    def resolve_community(obj):
        return obj.community.name


class TransactionOut(Schema):
    id: UUID
    sequence: int
    kind: str
    date: datetime.date
    description: str
    assets_fen: int
    previous_hash: str
    hash: str
    receipt_number: int | None

    @staticmethod
    def resolve_receipt_number(obj):
        receipt = getattr(obj, "receipt", None)
        return receipt.number if receipt else None


class VerifyOut(Schema):
    fund_id: UUID
    ok: bool
    entries: int
    first_bad_sequence: int | None = None
    problem: str | None = None


class VoteOut(Schema):
    voter: str
    choice: str
    reason: str

    @staticmethod
    def resolve_voter(obj):
        return str(obj.voter)


class ApplicationOut(Schema):
    id: UUID
    fund_id: UUID
    group: str
    title: str
    status: str
    requested_fen: int
    approved_fen: int | None
    decision_reason: str
    votes: list[VoteOut]

    @staticmethod
    def resolve_group(obj):
        return obj.group.name

    @staticmethod
    def resolve_votes(obj):
        return list(obj.votes.all())


class VoteIn(Schema):
    choice: VoteChoice
    reason: str = ""


class FunderOut(Schema):
    id: UUID
    name: str
    kind: str
    kind_label: str
    organization_id: UUID | None
    district_id: UUID | None
    street_id: UUID | None

    @staticmethod
    def resolve_kind_label(obj):
        return obj.get_kind_display()


class KindShareOut(Schema):
    kind: str
    label: str
    amount_fen: int
    percent: float


class FunderShareOut(Schema):
    key: str
    name: str
    kind: str
    amount_fen: int
    percent: float


class YearOut(Schema):
    year: int
    total_fen: int
    government_purchase_fen: int


class FundingOut(Schema):
    """Money received over the last three years, by kind of source and by funder; how much of it was
    government purchase (None when nothing was received)."""

    first_year: int
    last_year: int
    total_fen: int
    government_purchase_percent: float | None
    government_percent: float | None
    kinds: list[KindShareOut]
    funders: list[FunderShareOut]
    years: list[YearOut]


class FundingRecordIn(Schema):
    organization_id: UUID
    funder_id: UUID
    year: int
    amount_fen: int
    contract_id: UUID | None = None
    project_id: UUID | None = None
    fund_id: UUID | None = None
    note: str = ""


class FundingRecordOut(Schema):
    id: UUID
    organization_id: UUID
    funder_id: UUID
    year: int
    amount_fen: int
    contract_id: UUID | None
    project_id: UUID | None
    fund_id: UUID | None
    note: str


def _funding_out(summary) -> dict:
    return {
        "first_year": summary.years[0],
        "last_year": summary.years[-1],
        "total_fen": summary.total_fen,
        "government_purchase_percent": summary.purchase_percent,
        "government_percent": summary.government_percent,
        "kinds": summary.kinds,
        "funders": summary.funders,
        "years": [{"year": y, "total_fen": t, "government_purchase_fen": g} for y, t, g in summary.by_year],
    }


@router.get("/funders", response=list[FunderOut])
@paginate(Pagination, page_size=50)
def list_funders(request, kind: str = ""):
    return funding.funders(kind)


@router.get("/organizations/{organization_id}/funding", response=FundingOut)
def organization_funding(request, organization_id: UUID):
    organization = get_object_or_404(Organization, pk=organization_id)
    return _funding_out(funding.organization_summary(organization))


@router.post("/funding-records", response={201: FundingRecordOut}, auth=django_auth)
def create_funding_record(request, payload: FundingRecordIn):
    from sanshe.procurement.models import Contract, Project

    def optional(model, pk):
        return get_object_or_404(model, pk=pk) if pk else None

    record = services.record_funding(
        actor=request.user,
        organization=get_object_or_404(Organization, pk=payload.organization_id),
        funder=get_object_or_404(Funder, pk=payload.funder_id),
        year=payload.year,
        amount_fen=payload.amount_fen,
        contract=optional(Contract.objects.select_related("project"), payload.contract_id),
        project=optional(Project, payload.project_id),
        fund=optional(Fund, payload.fund_id),
        note=payload.note,
    )
    return Status(201, record)


@router.get("/", response=list[FundOut])
@paginate(Pagination, page_size=20)
def list_funds(request):
    return selectors.funds()


@router.get("/{fund_id}", response=FundOut)
def get_fund(request, fund_id: UUID):
    return selectors.fund(fund_id)


@router.get("/{fund_id}/funding", response=FundingOut)
def fund_funding(request, fund_id: UUID):
    return _funding_out(funding.summarize(funding.fund_flows(selectors.fund(fund_id))))


@router.get("/{fund_id}/transactions", response=list[TransactionOut])
@paginate(Pagination, page_size=50)
def list_transactions(request, fund_id: UUID):
    return selectors.transactions(selectors.fund(fund_id))


@router.get("/{fund_id}/verify", response=VerifyOut)
def verify_fund(request, fund_id: UUID):
    fund = selectors.fund(fund_id)
    report = selectors.verify(fund)
    problem = report.problems[0] if report.problems else None
    return {
        "fund_id": fund.pk,
        "ok": report.ok,
        "entries": report.entries,
        "first_bad_sequence": problem.sequence if problem else None,
        "problem": problem.code if problem else None,
    }


@router.get("/{fund_id}/applications", response=list[ApplicationOut])
@paginate(Pagination, page_size=20)
def list_applications(request, fund_id: UUID):
    return selectors.applications(selectors.fund(fund_id))


@router.get("/applications/{application_id}", response=ApplicationOut)
def get_application(request, application_id: UUID):
    return selectors.application(application_id)


@router.post("/applications/{application_id}/votes", response={201: VoteOut}, auth=django_auth)
def cast_vote(request, application_id: UUID, payload: VoteIn):
    application = get_object_or_404(Application.objects.select_related("fund", "group"), pk=application_id)
    vote = services.cast_vote(actor=request.user, application=application, choice=payload.choice, reason=payload.reason)
    return Status(201, vote)
