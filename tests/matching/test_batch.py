"""Batch matching through the service and the `sanshe match` command."""

import pytest
from django.core.management import CommandError, call_command

from sanshe.matching import batch
from sanshe.matching.models import Referral, ReferralEvent, ReferralStatus
from tests.factories import NeedFactory, domain

from .conftest import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_user(community):
    from sanshe.people.models import RoleKind
    from tests.factories import UserFactory, give_role

    user = UserFactory()
    give_role(user, RoleKind.COMMUNITY_STAFF, verified=True, community=community)
    return user


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
    result = batch.propose([community])
    assert result.considered == 4
    assert result.served == 2
    assert {p.need for p in result.proposals} == {needs[1], needs[2]}
    assert result.unserved == {"附近服务名额不足": 1, "步行范围内没有符合条件的服务": 1}
    assert result.walk_minutes_mean == pytest.approx(2.4, abs=0.1)


def test_written_proposals_are_referrals_with_history(community, crowd):
    result = batch.propose([community])
    assert batch.write_proposals(result) == 2
    referrals = list(Referral.objects.all())
    assert {r.status for r in referrals} == {ReferralStatus.PROPOSED}
    assert all(r.reasons and r.walk_minutes is not None for r in referrals)
    assert ReferralEvent.objects.count() == 2
    assert {r.need_id for r in referrals} == {p.need.pk for p in result.proposals}
    assert {(r.service_id, float(r.walk_minutes)) for r in referrals} == {
        (p.service.pk, round(p.minutes, 1)) for p in result.proposals
    }
    assert all(r.source == "batch" and r.status_changed_at is not None for r in referrals)
    assert Referral.objects.get(pk=referrals[0].pk).reasons == referrals[0].reasons


def test_rerun_replaces_unsent_batch_proposals(community, crowd, staff_user):
    first = batch.propose([community])
    batch.write_proposals(first)
    old = set(Referral.objects.values_list("pk", flat=True))
    again = batch.propose([community])
    # The old proposals' places count as free again: the same two needs are served.
    assert again.served == 2 and set(again.supersede) == old
    batch.write_proposals(again, actor=staff_user)
    assert again.withdrawn == 2
    assert set(Referral.objects.filter(status=ReferralStatus.CANCELLED).values_list("pk", flat=True)) == old
    live = Referral.objects.filter(status=ReferralStatus.PROPOSED)
    assert live.count() == 2 and not old & set(live.values_list("pk", flat=True))
    superseded = ReferralEvent.objects.filter(to_status=ReferralStatus.CANCELLED)
    assert superseded.count() == 2
    assert {(e.from_status, e.reason, e.actor_id) for e in superseded} == {
        (ReferralStatus.PROPOSED, "被新一批匹配取代", staff_user.pk)
    }


def test_rerun_dry_run_leaves_old_proposals(community, crowd):
    batch.write_proposals(batch.propose([community]))
    call_command("match", "--community", community.name, "--dry-run")
    assert Referral.objects.filter(status=ReferralStatus.PROPOSED).count() == 2
    assert not Referral.objects.filter(status=ReferralStatus.CANCELLED).exists()


def test_rerun_keeps_sent_and_hand_chosen_referrals(community, crowd, staff_user):
    batch.write_proposals(batch.propose([community]))
    sent, chosen = Referral.objects.all()[:2]
    Referral.objects.filter(pk=sent.pk).update(status=ReferralStatus.SENT)
    Referral.objects.filter(pk=chosen.pk).update(source="chosen")
    again = batch.propose([community])
    # Neither need is matched again, and their places stay reserved: the third need still finds none.
    assert again.served == 0 and again.supersede == []
    batch.write_proposals(again, actor=staff_user)
    assert Referral.objects.get(pk=sent.pk).status == ReferralStatus.SENT
    assert Referral.objects.get(pk=chosen.pk).status == ReferralStatus.PROPOSED
    assert not ReferralEvent.objects.filter(to_status=ReferralStatus.CANCELLED).exists()


def test_rerun_in_another_community_leaves_these_proposals(community, crowd):
    from tests.factories import CommunityFactory

    batch.write_proposals(batch.propose([community]))
    other = batch.propose([CommunityFactory()])
    assert other.supersede == []
    batch.write_proposals(other)
    assert Referral.objects.filter(status=ReferralStatus.PROPOSED).count() == 2


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
    out = capsys.readouterr().out
    assert "已写入 2 条建议转介；撤回被取代的旧建议 0 条" in out
    assert "可服务：2 个" in out and "未能匹配（步行范围内没有符合条件的服务）：1 个" in out


def _summary(out: str) -> list[str]:
    return out.split("\n\n", 1)[1].strip().splitlines()


@pytest.mark.parametrize("dry_run", [True, False])
def test_command_summary_in_chinese(community, crowd, capsys, dry_run):
    result = batch.propose([community])
    total, mean = result.walk_minutes_total, result.walk_minutes_mean
    call_command("match", "--community", community.name, *(["--dry-run"] if dry_run else []))
    lines = _summary(capsys.readouterr().out)
    assert lines[:5] == [
        f"范围：{community.name}；待匹配需求 4 个",
        "可服务：2 个",
        "未能匹配（步行范围内没有符合条件的服务）：1 个",
        "未能匹配（附近服务名额不足）：1 个",
        f"步行合计 {total:.1f} 分钟；平均 {mean:.1f} 分钟（线上服务不计）",
    ]
    if dry_run:
        assert lines[5] == "（试运行：未写入；正式运行会撤回 0 条旧的未发送建议）"
        assert not Referral.objects.exists()
    else:
        assert lines[5] == "已写入 2 条建议转介；撤回被取代的旧建议 0 条"
        assert Referral.objects.count() == 2


@pytest.mark.parametrize("dry_run", [True, False])
def test_command_summary_in_english(community, crowd, capsys, dry_run):
    batch.write_proposals(batch.propose([community]))  # an earlier batch: the rerun replaces it
    result = batch.propose([community])
    total, mean = result.walk_minutes_total, result.walk_minutes_mean
    call_command("match", "--community", str(community.pk), "--language", "en", *(["--dry-run"] if dry_run else []))
    out = capsys.readouterr().out
    assert "about 2 minutes' walk" in out
    lines = _summary(out)
    assert lines[:5] == [
        f"Scope: {community.name}; 4 needs to match",
        "Can be served: 2",
        "Not matched (no eligible service within walking distance): 1",
        "Not matched (not enough places at nearby services): 1",
        f"Walking: {total:.1f} minutes in total; {mean:.1f} minutes on average (online services not counted)",
    ]
    if dry_run:
        assert lines[5] == "(Dry run: nothing written; a real run would withdraw 2 older unsent proposals)"
        assert Referral.objects.filter(status=ReferralStatus.PROPOSED).count() == 2
    else:
        assert lines[5] == "Wrote 2 proposed referrals; withdrew 2 older proposals they replace"
        assert Referral.objects.filter(status=ReferralStatus.CANCELLED).count() == 2
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in "".join(lines[1:]))


def test_command_rejects_an_unknown_language_scope_in_english(db):
    with pytest.raises(CommandError, match="Cannot find community “nowhere”"):
        call_command("match", "--community", "nowhere", "--language", "en")


def test_command_names_an_unknown_place(db):
    with pytest.raises(CommandError, match="找不到社区“不存在”"):
        call_command("match", "--community", "不存在")
