"""Writes to procurement, one module per sub-domain; each function is one use case that checks the
permission in a transaction and records the state change through `sanshe.common.transitions.move()`.

Services read the time from `sanshe.common.clock`; a caller (a test) may still say when an action
happens with `now=`, which freezes that clock for the call.

    catalogue    the purchasable-service catalogue
    projects     drafting a project from the evidence; continuations; terminating or cancelling
    calls        publishing the call
    bids         eligibility, submitting, amending, withdrawing
    choice       residents' choice (点单)
    evaluation   the panel, conflicts, scores and the award ranking
    awards       award, challenges and re-ranking
    contracts    signing (default milestones 40/30/30), milestones, delivery records
    payments     paying met milestones and reversing mistakes
    performance  third-party evaluation and the buyer's decision
"""

from sanshe.procurement.services.awards import award, challenge, resolve_challenge
from sanshe.procurement.services.bids import (
    add_bid_document,
    amend_bid,
    eligibility_reasons,
    submit_bid,
    withdraw_bid,
)
from sanshe.procurement.services.calls import publish_call
from sanshe.procurement.services.catalogue import add_catalogue_item
from sanshe.procurement.services.choice import choose
from sanshe.procurement.services.contracts import (
    default_milestones,
    has_evidence,
    mark_milestone,
    record_delivery,
    sign_contract,
)
from sanshe.procurement.services.evaluation import (
    assign_evaluator,
    declare_conflict,
    has_conflict,
    ranking,
    score_bid,
)
from sanshe.procurement.services.payments import net_paid, pay, payment_refusal, reverse_payment
from sanshe.procurement.services.performance import decide, evaluate_performance
from sanshe.procurement.services.projects import draft_project, evidence_for, link_continuation, terminate_project

__all__ = [
    "add_bid_document",
    "add_catalogue_item",
    "amend_bid",
    "assign_evaluator",
    "award",
    "challenge",
    "choose",
    "declare_conflict",
    "decide",
    "default_milestones",
    "draft_project",
    "eligibility_reasons",
    "evaluate_performance",
    "evidence_for",
    "has_conflict",
    "has_evidence",
    "link_continuation",
    "mark_milestone",
    "net_paid",
    "pay",
    "payment_refusal",
    "publish_call",
    "ranking",
    "record_delivery",
    "resolve_challenge",
    "reverse_payment",
    "score_bid",
    "sign_contract",
    "submit_bid",
    "terminate_project",
    "withdraw_bid",
]
