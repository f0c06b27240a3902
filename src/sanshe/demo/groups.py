"""The demo city's resident groups, in 铁路西村: the retired workers' choir grown from 5 to 23 members over a
year with a social worker's coaching (now 成熟, each step with its evidence), the market committee beside the
sports committee (founded in the funds' story), and building representatives (楼栋长) for most buildings.

Every row goes through the services, by the person who would do it, at its moment (`clock.frozen_at`), with
deterministic ids."""

import datetime

from sanshe.common import ids
from sanshe.demo.city import NAMESPACE
from sanshe.demo.funds import COMMUNITY, on
from sanshe.demo.people import person
from sanshe.directory.models import Organization
from sanshe.groups import services
from sanshe.groups.models import Capability, GroupKind
from sanshe.people import invitations
from sanshe.people.models import User
from sanshe.places import services as place_services
from sanshe.places.models import Community

CHOIR = "铁路西村退休职工合唱团"
FOUNDED = datetime.date(2025, 9, 6)
SINGERS = (
    "田桂芳 李淑珍 王凤英 周玉兰 郑秀英 孙桂兰 何丽华 高玉梅 罗建华 梁志强 宋桂香 唐秀云 许国庆 韩冬梅 "
    "冯淑华 邓建国 曹玉珍 彭美玲 曾德福 萧翠英 程桂荣 袁素芬 谢长林"
).split()
REPRESENTATIVES = "蒋德山 沈玉华 卢海波 姜翠兰 崔永福 钟素梅 谭建军 陆桂英 汪海涛 范秀芝".split()
BUILDINGS = 12  # 1号楼 to 12号楼; the last two have no representative yet


def load(as_of: datetime.date) -> None:
    with ids.deterministic(NAMESPACE, "groups"):
        _load()


def _residents(prefix, names, community, verified):
    return [person(f"{prefix}{i:02d}", name, community, verified_at=verified) for i, name in enumerate(names, 1)]


def _load():
    community = Community.objects.get(name=COMMUNITY)
    staff = User.objects.get(username="staff")
    coach = User.objects.get(username="socialworker")
    verified = datetime.datetime(2025, 8, 1, 10, tzinfo=datetime.UTC)
    singers = _residents("choir", SINGERS, community, verified)
    _choir(community, staff, coach, singers)
    _market_committee(community, staff)
    _buildings(community, staff, _residents("louzhang", REPRESENTATIVES, community, verified))


def _choir(community, staff, coach, singers):
    leader, founders, later = singers[0], singers[1:5], singers[5:]
    with on(FOUNDED):
        choir = services.found_group(
            actor=leader,
            community=community,
            name=CHOIR,
            members=founders,
            description="退休铁路职工每周二、周五下午在党群服务中心排练，逢年过节给邻居们唱歌。",
        )
        for member in founders:
            for invitation in invitations.pending_for(member):
                invitations.answer(actor=member, invitation=invitation, accept=True)
    choir.organization = Organization.objects.filter(name=CHOIR).first()
    choir.save(update_fields=["organization", "modified_at"])
    with on(FOUNDED + datetime.timedelta(days=10)):
        services.register_group(actor=staff, group=choir, filing="filed", filing_number="铁西街备字2025第012号")
        organization = Organization.objects.filter(name="兰州市城关区益心社会工作服务中心").first()
        services.assign_coach(actor=staff, group=choir, coach=coach, organization=organization)
    # One by one over the year, neighbours ask to join and the leader says yes.
    for week, singer in enumerate(later):
        day = FOUNDED + datetime.timedelta(days=20 + week * 19)
        with on(day, 15):
            request = services.request_to_join(actor=singer, group=choir, message="我也想唱歌。")
        with on(day, 19):
            services.answer_request(actor=leader, join_request=request, approve=True)
    notes = (
        (60, Capability.MEETS, "每月第一个周二自己开会，商量曲目和演出。"),
        (120, Capability.PLANS, "春节慰问演出由团员自己策划、联系场地，社工只旁听。"),
        (200, Capability.RECRUITS, "在市集上摆摊招募，新来的6位团员都是自己招来的。"),
        (280, Capability.MONEY, "设了财务，团费和演出补贴每月公开账目。"),
    )
    for days, capability, text in notes:
        with on(FOUNDED + datetime.timedelta(days=days), 16):
            services.note_coaching(actor=coach, group=choir, capability=capability, text=text)
    with on(FOUNDED + datetime.timedelta(days=130), 17):
        services.step_stage(actor=coach, group=choir, stage="growing", reason="已能自己开会、自己策划演出。")
    with on(FOUNDED + datetime.timedelta(days=290), 17):
        services.set_role(actor=leader, group=choir, user=singers[1], role="treasurer")
        services.step_stage(
            actor=staff, group=choir, stage="mature", reason="自己招募、自己管钱、自己办演出，社工只在需要时帮忙。"
        )
    with on(FOUNDED + datetime.timedelta(days=300), 9):
        services.post_recruitment(
            actor=leader,
            group=choir,
            title="合唱团招募男声",
            text="不识谱也没关系，老团员一对一带。",
            where="每月第二个周六上午，邻里市集东口合唱团摊位",
        )


def _market_committee(community, staff):
    wang = User.objects.get(username="resident")
    members = [User.objects.get(username=u) for u in ("mademin", "liuyi", "zhaohong")]
    with on(datetime.date(2025, 12, 20)):
        committee = services.found_group(
            actor=wang,
            community=community,
            name="铁路西村邻里市集管理委员会",
            kind=GroupKind.COMMITTEE,
            members=members,
            description="居民自己办每季度的邻里市集：排摊位、管义卖、管好市集微基金。",
        )
        for member in members:
            for invitation in invitations.pending_for(member):
                invitations.answer(actor=member, invitation=invitation, accept=True)
    with on(datetime.date(2025, 12, 27)):
        services.register_group(actor=staff, group=committee)


def _buildings(community, staff, representatives):
    with on(datetime.date(2025, 10, 8)):
        buildings = [
            place_services.add_building(
                actor=staff, community=community, name=f"{n}号楼", units=3 if n % 2 else 2, households=36 + n * 2
            )
            for n in range(1, BUILDINGS + 1)
        ]
    for n, (building, rep) in enumerate(zip(buildings, representatives, strict=False)):
        with on(datetime.date(2025, 10, 15) + datetime.timedelta(days=n)):
            unit = services.found_group(
                actor=rep,
                community=community,
                name=f"{building.name}楼栋居民",
                building=building,
                description="楼栋长联系每户邻居，有事找他。",
            )
            services.register_group(actor=staff, group=unit)
