"""The demo city's needs: a few hundred in residents' own words, in every state, through the needs services.

Residents post their needs (staff record some for residents without phones, with consent); verified
neighbours back them (点单) through the support service; staff assign themselves and move the needs along,
residents withdraw their own. Each need is dated in the weeks before loading (`clock.frozen_at`), and its
rows get ids from `ids.deterministic`, so every load gives the same needs with the same ids.
"""

import datetime
import random
from decimal import Decimal

from sanshe.common import clock, ids
from sanshe.demo.city import NAMESPACE, SEED
from sanshe.needs import services
from sanshe.needs.models import NeedStatus, UnmetReason
from sanshe.people import services as people_services
from sanshe.people.models import Role, RoleKind, User
from sanshe.places.models import Community
from sanshe.taxonomy.models import TaxonomyTerm

# (public summary, the resident's words, domain code, target group code or "", age range, private details)
TEMPLATES = [
    (
        "想找人每天中午送饭",
        "父亲八十多岁独居，腿脚不便，做饭困难，希望每天中午有人送一份热饭。",
        "elderly",
        "elderly-alone",
        (75, 90),
        "父亲有高血压，每天服药；住3号楼2单元501。",
    ),
    (
        "希望有人上门助浴",
        "母亲卧床两年，家里卫生间小，我一个人给她洗澡很吃力，想请专业的人每周上门一次。",
        "elderly",
        "elderly-disabled",
        (70, 92),
        "母亲脑梗后偏瘫，需要两人搀扶。",
    ),
    (
        "老人想学用智能手机",
        "家里老人想学微信视频、扫码乘车和网上挂号，孩子们都不在身边。",
        "elderly",
        "elderly-empty-nest",
        (62, 80),
        "",
    ),
    (
        "需要法律咨询：拖欠工资",
        "在工地干了半年活，老板拖欠工资三个月，不知道怎么维权。",
        "legal",
        "migrant-workers",
        (25, 55),
        "欠薪约一万二，有考勤记录。",
    ),
    (
        "遗嘱和房产继承咨询",
        "想立一份遗嘱，把房子留给照顾我的小女儿，怕以后子女有纠纷。",
        "legal",
        "elderly-empty-nest",
        (65, 85),
        "房产证在本人名下。",
    ),
    (
        "孩子放学后没人照看",
        "我和爱人都上班到六点，孩子三点半放学，想找四点半课堂或托管。",
        "children",
        "",
        (6, 11),
        "孩子有轻微哮喘。",
    ),
    (
        "留守孩子需要作业辅导",
        "孩子跟着奶奶住，父母在外打工，作业没人辅导，成绩下滑。",
        "children",
        "left-behind-children",
        (8, 13),
        "父母在广东务工，每年回来一次。",
    ),
    (
        "想找心理咨询",
        "最近失眠焦虑，工作压力大，想找人聊一聊，不想让单位知道。",
        "mental-health",
        "",
        (28, 45),
        "曾在医院诊断为轻度焦虑。",
    ),
    (
        "残疾人康复训练",
        "儿子二十岁，智力障碍，想找离家近的康复训练和职业培训。",
        "disability-rehabilitation",
        "people-with-disabilities",
        (18, 30),
        "持有残疾证二级。",
    ),
    (
        "需要轮椅借用",
        "老伴骨折出院，需要借一台轮椅用两个月。",
        "disability-rehabilitation",
        "elderly-disabled",
        (68, 85),
        "",
    ),
    (
        "找工作：会开车",
        "今年下岗了，有驾照，想找附近的工作或者技能培训。",
        "employment",
        "unemployed",
        (35, 52),
        "家里有两个孩子上学。",
    ),
    (
        "家庭矛盾需要调解",
        "婆媳关系紧张，经常吵架，影响孩子，希望有社工帮忙调解。",
        "marriage-family",
        "families",
        (30, 60),
        "已分居三个月。",
    ),
    (
        "申请低保需要帮助",
        "爱人重病，家里收入很低，不知道低保怎么申请、要什么材料。",
        "social-assistance",
        "low-income",
        (40, 65),
        "爱人尿毒症透析，每月医疗费三千多。",
    ),
    (
        "楼道路灯坏了很久",
        "我们楼三到六层的路灯坏了一个多月，老人晚上上下楼很危险。",
        "community-building",
        "all-residents",
        (50, 80),
        "",
    ),
    (
        "小区想办邻里活动",
        "新搬来的住户多，大家互相不认识，希望社区组织邻里节或兴趣小组。",
        "community-building",
        "all-residents",
        (25, 60),
        "",
    ),
    (
        "需要定期测血压",
        "血压一直偏高，想在社区定期免费测血压，有医生给建议。",
        "medical-health",
        "elderly-empty-nest",
        (60, 80),
        "正在服用降压药。",
    ),
    (
        "慢病用药指导",
        "糖尿病十年了，用药有点乱，希望家庭医生上门看看。",
        "medical-health",
        "elderly-alone",
        (65, 85),
        "胰岛素注射，血糖控制不稳定。",
    ),
    ("孕期和产后照护咨询", "第一次怀孕，家人不在身边，想了解产检和产后照护。", "women", "women", (24, 34), "孕20周。"),
    (
        "外地孩子入学咨询",
        "刚从老家过来打工，孩子要转学，不知道要办什么手续。",
        "migrants",
        "migrant-children",
        (7, 12),
        "居住证正在办理。",
    ),
    (
        "退役军人就业帮扶",
        "退役两年，想找稳定工作，了解有没有退役军人的优待政策。",
        "veterans",
        "veterans",
        (26, 40),
        "",
    ),
    (
        "独居老人希望有人探访",
        "老伴去世后一个人住，子女在外地，希望有志愿者每周来看看、聊聊天。",
        "elderly",
        "elderly-alone",
        (72, 90),
        "有过一次在家摔倒，无人发现。",
    ),
    (
        "青少年沉迷手机",
        "孩子上初中，每天玩手机到半夜，不听劝，想找专业的人帮忙。",
        "youth",
        "youth-at-risk",
        (12, 15),
        "孩子不愿意和父母沟通。",
    ),
    (
        "停电后需要应急帮助",
        "家里有老人用制氧机，停电时很危险，希望社区有应急预案。",
        "emergency",
        "elderly-disabled",
        (70, 88),
        "老人慢阻肺，需要24小时吸氧。",
    ),
    (
        "想找助餐点",
        "一个人吃饭不方便，想知道附近哪里有老年食堂，价格怎么样。",
        "elderly",
        "elderly-alone",
        (66, 84),
        "",
    ),
]
PER_COMMUNITY = 24
STATUS_WEIGHTS = [
    (NeedStatus.OPEN, 40),
    (NeedStatus.MATCHED, 15),
    (NeedStatus.IN_SERVICE, 12),
    (NeedStatus.MET, 15),
    (NeedStatus.UNMET, 8),
    (NeedStatus.WITHDRAWN, 5),
]
# The path a need took to reach its state (each step a move through the needs service).
PATHS = {
    NeedStatus.OPEN: [],
    NeedStatus.MATCHED: [NeedStatus.MATCHED],
    NeedStatus.IN_SERVICE: [NeedStatus.MATCHED, NeedStatus.IN_SERVICE],
    NeedStatus.MET: [NeedStatus.MATCHED, NeedStatus.IN_SERVICE, NeedStatus.MET],
    NeedStatus.UNMET: [NeedStatus.UNMET],
    NeedStatus.WITHDRAWN: [NeedStatus.WITHDRAWN],
}
NEIGHBOURS = 6  # extra verified residents per community, who support their neighbours' needs
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ("秀英", "桂兰", "建国", "淑珍", "国华", "玉梅", "志强", "丽娟", "海燕", "德胜", "春花", "明")


def _neighbours(rng, community, staff: User) -> None:
    """Residents who joined the community and whom its staff verified (demo neighbours do not log in)."""
    for i in range(NEIGHBOURS):
        name = SURNAMES[rng.randrange(len(SURNAMES))] + GIVEN[rng.randrange(len(GIVEN))]
        with ids.deterministic(NAMESPACE, "needs", "neighbour", str(community.pk), str(i)):
            user = User.objects.create(
                id=ids.new_id(), username=f"nb-{community.pk.hex[:8]}-{i}", display_name=name, password="!"
            )
            role = people_services.join_community(user=user, community=community)
        people_services.verify_residency(actor=staff, role=role)


def community_staff(community) -> User:
    """The community's staff member who takes its needs on: the city's own, else a demo one (who cannot log in)."""
    role = (
        Role.objects.filter(kind=RoleKind.COMMUNITY_STAFF, community=community).select_related("user").order_by("id")
    ).first()
    if role is not None:
        return role.user
    with ids.deterministic(NAMESPACE, "needs", "community-staff", str(community.pk)):
        user = User.objects.create(
            id=ids.new_id(),
            username=f"cs-{community.pk.hex[:8]}",
            display_name=f"{community.name}工作人员",
            password="!",
        )
        Role.objects.create(user=user, kind=RoleKind.COMMUNITY_STAFF, community=community, verified_at=clock.now())
    return user


def _home_point(community, n) -> dict:
    """Where the need is, somewhere inside its community (not all on the community's centre). A
    separate random stream keeps the rest of the demo city unchanged."""
    from sanshe.matching.gaps import sample_points

    points = sample_points(community)
    if not points:
        return {"latitude": community.latitude, "longitude": community.longitude}
    lat, lng = random.Random(f"{SEED}-need-{community.pk}-{n}").choice(points)
    return {"latitude": Decimal(f"{lat:.6f}"), "longitude": Decimal(f"{lng:.6f}")}


def _residents(community) -> list[tuple[User, bool]]:
    roles = Role.objects.filter(kind=RoleKind.RESIDENT, community=community).select_related("user").order_by("id")
    return [(role.user, role.verified_at is not None) for role in roles]


def _post(rng, community, n, resident, staff, terms, posted_at):
    """One need, posted by the resident or recorded by staff (about one in five), with its private details."""
    summary, words, domain_code, group_code, ages, private = TEMPLATES[rng.randrange(len(TEMPLATES))]
    recorded = rng.random() < 0.2
    age = rng.randint(*ages)
    fields = {
        "summary": summary,
        "description": words,
        "is_public": rng.random() < 0.85,
        "for_whom": rng.choice(["self", "family", "neighbour"]) if age >= 18 else "family",
        "beneficiary_age": age,
        "domain": terms[("domain", domain_code)],
        "target_group": terms.get(("target_group", group_code)),
        "urgency": rng.choice([1, 2, 2, 3]),
        "preferred_times": [{"day": rng.choice(["MO", "WE", "FR", "SA"]), "from": "09:00", "to": "11:30"}],
        **_home_point(community, n),
        "is_guardian": age < 18,
    }
    details = {"details": private, "guardian_name": "", "guardian_relation": ""}
    if age < 18:
        details |= {"guardian_name": "王" + GIVEN[n % len(GIVEN)], "guardian_relation": "母亲"}
    with clock.frozen_at(posted_at):
        if recorded:
            need = services.record_need(
                actor=staff,
                community=community,
                consent_note="本人口头同意，入户走访时登记",
                resident=resident,
                private=details,
                **fields,
            )
        else:
            need = services.post_need(actor=resident, community=community, private=details, **fields)
    return need, recorded


def _move_along(rng, need, status, resident, staff, recorded, moment) -> None:
    """Staff take the need on and move it step by step to its state; a resident withdraws their own."""
    if status == NeedStatus.OPEN:
        return
    if not recorded:
        with clock.frozen_at(moment):
            services.assign_staff(actor=staff, need=need, staff=staff)
    unmet_reason = rng.choice(UnmetReason.values) if status == NeedStatus.UNMET else ""
    for to in PATHS[status]:
        moment += datetime.timedelta(days=rng.randint(1, 4), hours=rng.randint(0, 8))
        actor = resident if to == NeedStatus.WITHDRAWN and resident is not None else staff
        with clock.frozen_at(moment):
            services.change_status(actor=actor, need=need, to_status=to, unmet_reason=unmet_reason)


def load(as_of: datetime.date) -> None:
    """Needs for every community of the demo city, dated in the weeks before loading."""
    rng = random.Random(SEED + 3)
    start = clock.now()
    terms = {(t.taxonomy.role, t.code): t for t in TaxonomyTerm.objects.select_related("taxonomy")}
    communities = list(Community.objects.order_by("sort_key", "id"))
    statuses = [s for s, w in STATUS_WEIGHTS for _ in range(w)]
    for community in communities:
        staff = community_staff(community)
        _neighbours(rng, community, staff)
        people = _residents(community)
        if not people:
            continue
        verified = [user for user, ok in people if ok]
        for n in range(PER_COMMUNITY):
            status = statuses[rng.randrange(len(statuses))]
            resident, _verified = people[rng.randrange(len(people))]
            posted_at = start - datetime.timedelta(days=rng.randint(20, 60), hours=rng.randint(0, 10))
            with ids.deterministic(NAMESPACE, "need", str(community.pk), str(n)):
                need, recorded = _post(rng, community, n, resident, staff, terms, posted_at)
                if need.is_public and verified:
                    backers = rng.sample(verified, k=min(len(verified), rng.randint(0, 5)))
                    for k, backer in enumerate(backers, start=1):
                        if backer != resident:
                            with clock.frozen_at(posted_at + datetime.timedelta(hours=k)):
                                services.support(actor=backer, need=need)
                _move_along(rng, need, status, resident, staff, recorded, posted_at + datetime.timedelta(days=1))
    # The city's services were bulk-created (no signals): index them with these needs at once.
