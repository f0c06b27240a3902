"""The rules of order alone (no database): the speaking queue and the count."""

import pytest

from sanshe.deliberation import procedure
from sanshe.deliberation.procedure import Request, Tally


def test_queue_puts_those_who_have_not_spoken_before_those_who_have():
    waiting = [Request("a2", "amy", 1), Request("b1", "bo", 2), Request("c1", "cai", 3)]
    order = procedure.speaking_order(waiting, {"amy": 1})
    assert [r.speaker for r in order] == ["bo", "cai", "amy"]


def test_queue_among_equals_is_who_asked_first():
    waiting = [Request("x", "cai", 5), Request("y", "bo", 2)]
    assert [r.speaker for r in procedure.speaking_order(waiting, {})] == ["bo", "cai"]


def test_nobody_speaks_twice_before_everyone_who_asked_has_spoken_once():
    waiting = [Request("a2", "amy", 1), Request("b1", "bo", 2)]
    assert not procedure.may_take_floor("amy", waiting, {"amy": 1})
    assert procedure.may_take_floor("bo", waiting, {"amy": 1})
    # Once bo has spoken too, amy may speak again.
    assert procedure.may_take_floor("amy", [Request("a2", "amy", 1)], {"amy": 1, "bo": 1})


def test_quorum():
    assert not procedure.has_quorum(4, 5)
    assert procedure.has_quorum(5, 5)


@pytest.mark.parametrize(
    ("tally", "majority", "result"),
    [
        (Tally(5, 4, 3, 12), procedure.SIMPLE, procedure.CARRIED),
        (Tally(4, 4, 3, 12), procedure.SIMPLE, procedure.FAILED),  # a tie fails
        (Tally(6, 3, 0, 9), procedure.TWO_THIRDS, procedure.CARRIED),
        (Tally(5, 3, 0, 9), procedure.TWO_THIRDS, procedure.FAILED),
        (Tally(0, 0, 4, 4), procedure.TWO_THIRDS, procedure.FAILED),  # nobody decided
        (Tally(6, 0, 6, 12), procedure.ABSOLUTE, procedure.FAILED),  # half of those present is not more than half
        (Tally(7, 0, 5, 12), procedure.ABSOLUTE, procedure.CARRIED),
    ],
)
def test_outcome_by_majority(tally, majority, result):
    assert procedure.outcome(tally, majority) == result


def test_a_motion_without_a_second_cannot_go_to_the_vote():
    assert not procedure.MOTIONS.can_move(procedure.PROPOSED, procedure.VOTING)
    assert procedure.MOTIONS.can_move(procedure.SECONDED, procedure.VOTING)
