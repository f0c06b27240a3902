"""A resident tapping 提交评价 twice at once keeps one answer sheet; two assessors of one group cannot be
assigned to one centre at once (PostgreSQL)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from sanshe.centres import services
from sanshe.centres.models import AssessorGroup, Assignment, SatisfactionResponse
from tests.centres.conftest import new_round

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serializes writers, so requests cannot race there; run with DATABASE_URL=postgres://...",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def race(workers, action):
    barrier = threading.Barrier(len(workers))
    outcomes = []

    def work(worker):
        try:
            barrier.wait()
            action(worker)
            outcomes.append("ok")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(w,)) for w in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_two_submissions_of_one_survey_keep_one_sheet(world, scoring_round):
    values = {q.pk: 4 for q in world.standard.questions.all()}
    outcomes = race(
        range(4),
        lambda _n: services.answer_survey(
            actor=world.resident, round=scoring_round, centre=world.centres[0], values=values
        ),
    )
    assert outcomes == ["ok", "refused", "refused", "refused"]
    assert SatisfactionResponse.objects.count() == 1


def test_two_evaluators_assigned_to_one_centre_at_once_leave_one(world):
    round_ = new_round(world)
    outcomes = race(
        [world.evaluator, world.other_evaluator],
        lambda assessor: services.assign(
            actor=world.officer,
            round=round_,
            centre=world.centres[0],
            group=AssessorGroup.THIRD_PARTY,
            assessor=assessor,
        ),
    )
    assert outcomes == ["ok", "refused"]
    assert Assignment.objects.filter(round=round_, centre=world.centres[0]).count() == 1
