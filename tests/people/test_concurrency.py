"""One-time codes and invitations under concurrent requests (PostgreSQL runs them at once)."""

import threading

import pytest
from django.db import connection, connections

from sanshe.people import codes, invitations, services
from sanshe.people.models import CodePurpose, Invitation, OneTimeCode, Role, RoleKind

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite serializes writers; run with DATABASE_URL=postgres://... to race them.",
    ),
]


def race(count, work):
    barrier = threading.Barrier(count)
    outcomes = []

    def run():
        try:
            barrier.wait()
            outcomes.append(work())
        except Exception as error:  # noqa: BLE001 - every outcome is recorded and checked
            outcomes.append(type(error).__name__)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_a_code_sent_six_times_at_once_logs_in_once(resident):
    issued = codes.issue(user=resident, purpose=CodePurpose.LOGIN, phone=resident.phone)
    outcomes = race(6, lambda: codes.redeem(user=resident, purpose=CodePurpose.LOGIN, code=issued.code) is not None)
    assert sorted(outcomes) == [False] * 5 + [True]


def test_codes_issued_at_once_leave_one_open(resident):
    outcomes = race(6, lambda: codes.issue(user=resident, purpose=CodePurpose.RESET).pk)
    assert len(set(outcomes)) == 6  # each issued, none failed
    assert OneTimeCode.objects.filter(user=resident, purpose=CodePurpose.RESET, used_at__isnull=True).count() == 1


def test_an_invitation_accepted_twice_at_once_gives_one_role(organization, org_admin, newcomer):
    invitation = services.invite_organization_member(
        actor=org_admin, organization=organization, login="lisi", kind=RoleKind.ORG_STAFF
    )
    outcomes = race(4, lambda: invitations.answer(actor=newcomer, invitation=invitation, accept=True).status)
    assert outcomes.count("accepted") == 1 and outcomes.count("ValidationError") == 3
    assert Role.objects.filter(user=newcomer, organization=organization).count() == 1
    assert Invitation.objects.get(pk=invitation.pk).status == "accepted"
