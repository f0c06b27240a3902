"""Phase × role × action grid of procurement's permissions, in the meinBerlin style: every allowed
cell sits beside about two forbidden ones (the same role in another phase, or another role in the
same phase). Each cell calls the real service at a moment of that phase and is rolled back."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from sanshe.procurement import services
from sanshe.procurement.models import Bid, CriterionKind, Project
from tests.procurement.conftest import DURING, bid_data, make_bids

pytestmark = pytest.mark.django_db

ALLOWED, FORBIDDEN = True, False

# phase -> [(role, action, expected)]
GRID = {
    "submission": [
        ("bidder", "amend", ALLOWED),
        ("bidder", "withdraw", ALLOWED),
        ("evaluator", "declare", ALLOWED),
        ("rival", "amend", FORBIDDEN),
        ("buyer", "amend", FORBIDDEN),
        ("admin", "amend", FORBIDDEN),
        ("rival", "withdraw", FORBIDDEN),
        ("resident", "choose", FORBIDDEN),
        ("evaluator", "score", FORBIDDEN),
        ("buyer", "award", FORBIDDEN),
    ],
    "choice": [
        ("resident", "choose", ALLOWED),
        ("neighbour", "choose", ALLOWED),
        ("evaluator", "declare", ALLOWED),
        ("unverified", "choose", FORBIDDEN),
        ("outsider", "choose", FORBIDDEN),
        ("bidder", "choose", FORBIDDEN),
        ("anonymous", "choose", FORBIDDEN),
        ("bidder", "amend", FORBIDDEN),
        ("bidder", "withdraw", FORBIDDEN),
        ("evaluator", "score", FORBIDDEN),
    ],
    "evaluation": [
        ("evaluator", "score", ALLOWED),
        ("evaluator", "declare", ALLOWED),
        ("unassigned", "score", FORBIDDEN),
        ("buyer", "score", FORBIDDEN),
        ("bidder", "score", FORBIDDEN),
        ("unassigned", "declare", FORBIDDEN),
        ("bidder", "declare", FORBIDDEN),
        ("resident", "choose", FORBIDDEN),
        ("buyer", "award", FORBIDDEN),
    ],
    "decision": [
        ("buyer", "award", ALLOWED),
        ("district", "award", ALLOWED),
        ("admin", "award", ALLOWED),
        ("evaluator", "declare", ALLOWED),
        ("other_buyer", "award", FORBIDDEN),
        ("evaluator", "award", FORBIDDEN),
        ("bidder", "award", FORBIDDEN),
        ("resident", "award", FORBIDDEN),
        ("anonymous", "award", FORBIDDEN),
        ("evaluator", "score", FORBIDDEN),
        ("bidder", "amend", FORBIDDEN),
        ("resident", "choose", FORBIDDEN),
    ],
}


class _Undo(Exception):
    pass


def _attempt(do) -> bool:
    """True if the service accepts (its writes are then undone), False if it refuses."""
    try:
        with transaction.atomic():
            do()
            raise _Undo
    except _Undo:
        return True
    except (PermissionDenied, ValidationError):
        return False


@pytest.fixture
def setting(world, call):
    bids = make_bids(world, call)
    for evaluator in world.evaluators[:3]:
        services.assign_evaluator(actor=world.buyer, project=call, evaluator=evaluator)
    roles = {
        "buyer": world.buyer,
        "other_buyer": world.other_buyer,
        "district": world.district,
        "admin": world.admin,
        "bidder": world.staff[0],
        "rival": world.staff[1],
        "evaluator": world.evaluators[0],
        "unassigned": world.evaluators[3],
        "resident": world.residents[0],
        "neighbour": world.residents[1],
        "unverified": world.unverified,
        "outsider": world.outsider,
        "anonymous": AnonymousUser(),
    }
    criterion = call.criteria.exclude(kind=CriterionKind.RESIDENTS).first()

    def actions(user, now):
        # Fresh rows for every cell: an accepted service changes them in memory before it is undone.
        project = Project.objects.get(pk=call.pk)
        target = Bid.objects.get(pk=bids[0].pk)
        return {
            "amend": lambda: services.amend_bid(actor=user, bid=target, data=bid_data(world, project), now=now),
            "withdraw": lambda: services.withdraw_bid(actor=user, bid=target, now=now),
            "choose": lambda: services.choose(actor=user, project=project, bids=[target], now=now),
            "declare": lambda: services.declare_conflict(
                actor=user, project=project, organization=target.organization, reason="曾在该机构兼职。"
            ),
            "score": lambda: services.score_bid(actor=user, bid=target, criterion=criterion, points=50, now=now),
            "award": lambda: services.award(actor=user, project=project, now=now),
        }

    return roles, actions


def test_the_grid_has_about_two_forbidden_cells_for_each_allowed_one():
    cells = [expected for rows in GRID.values() for _role, _action, expected in rows]
    allowed, forbidden = cells.count(ALLOWED), cells.count(FORBIDDEN)
    assert (allowed, forbidden) == (12, 29)
    assert 2 <= forbidden / allowed <= 3


@pytest.mark.parametrize("phase", list(GRID))
def test_phase_by_role_by_action(setting, phase):
    roles, actions = setting
    outcomes = {
        (role, action): _attempt(actions(roles[role], DURING[phase])[action]) for role, action, _expected in GRID[phase]
    }
    assert outcomes == {(role, action): expected for role, action, expected in GRID[phase]}
