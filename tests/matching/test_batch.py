"""Batch matching through the service and the `sanshe match` command."""

import pytest
from django.core.management import CommandError, call_command

from sanshe.matching import services
from sanshe.matching.models import Referral, ReferralEvent, ReferralStatus
from tests.factories import NeedFactory, domain

from .conftest import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def crowd(community):
    """Three legal needs, one service with two places nearby, one far: two served, one short of places."""
    near = make_service(community, name="近处法律服务", capacity=2)
    make_service(community, name="远处法律服务", lat="36.09")
    needs = [NeedFactory(community=community, domain=domain("legal"), urgency=u) for u in (1, 3, 2)]
    NeedFactory(community=community, domain=domain("youth"))
    return near, needs


def test_batch_serves_as_many_as_places_allow_urgent_first(community, crowd):
    near, needs = crowd
    result = services.propose([community])
    assert result.considered == 4
    assert result.served == 2
    assert {p.need for p in result.proposals} == {needs[1], needs[2]}
    assert result.unserved == {"附近服务名额不足": 1, "步行范围内没有符合条件的服务": 1}
    assert result.walk_minutes_mean == pytest.approx(2.4, abs=0.1)


def test_written_proposals_are_referrals_with_history(community, crowd):
    result = services.propose([community])
    assert services.write_proposals(result) == 2
    referrals = list(Referral.objects.all())
    assert {r.status for r in referrals} == {ReferralStatus.PROPOSED}
    assert all(r.reasons and r.walk_minutes is not None for r in referrals)
    assert ReferralEvent.objects.count() == 2
    # Needs with a live referral are not matched again; the places they hold are reserved.
    assert services.propose([community]).served == 0


def test_command_dry_run_prints_and_writes_nothing(community, crowd, capsys):
    call_command("match", "--community", community.name, "--dry-run")
    out = capsys.readouterr().out
    assert "近处法律服务" in out and "步行约2分钟" in out
    assert "可服务：2 个" in out
    assert "未能匹配（附近服务名额不足）：1 个" in out
    assert "试运行" in out
    assert not Referral.objects.exists()


def test_command_writes_for_a_street(community, crowd, capsys):
    call_command("match", "--street", str(community.street.pk))
    assert Referral.objects.count() == 2
    assert "已写入 2 条建议转介" in capsys.readouterr().out


def test_command_names_an_unknown_place(db):
    with pytest.raises(CommandError, match="找不到社区“不存在”"):
        call_command("match", "--community", "不存在")
