"""JSON API for funds: the public ledger, its verification, applications and committee votes."""

import datetime
from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from ninja.security import django_auth

from sanshe.common.api import Pagination
from sanshe.funds import selectors, services
from sanshe.funds.models import Application, VoteChoice

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


@router.get("/", response=list[FundOut])
@paginate(Pagination, page_size=20)
def list_funds(request):
    return selectors.funds()


@router.get("/{fund_id}", response=FundOut)
def get_fund(request, fund_id: UUID):
    return selectors.fund(fund_id)


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
