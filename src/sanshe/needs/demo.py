"""This app's part of the demo city: a few hundred needs in residents' own words, in every state."""

import random

from django.utils import timezone

from sanshe.common import crypto
from sanshe.demo.city import SEED, demo_id
from sanshe.needs import lifecycle
from sanshe.needs.models import Need, NeedEvent, NeedStatus, PrivateDetails, Support, UnmetReason
from sanshe.people.models import Role, RoleKind, User
from sanshe.places.models import Community
from sanshe.search import index
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
# The path a need took to reach its state (each step a NeedEvent).
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


def load(as_of):
    rng = random.Random(SEED + 3)
    terms = {(t.taxonomy.role, t.code): t for t in TaxonomyTerm.objects.select_related("taxonomy")}
    communities = list(Community.objects.order_by("sort_key", "id"))
    staff_of = {
        role.community_id: role.user
        for role in Role.objects.filter(kind=RoleKind.COMMUNITY_STAFF).select_related("user")
    }
    residents_of: dict = {}
    for role in Role.objects.filter(kind=RoleKind.RESIDENT).select_related("user"):
        residents_of.setdefault(role.community_id, []).append((role.user, role.verified_at is not None))
    now = timezone.now()
    users, roles = [], []
    for community in communities:
        for i in range(NEIGHBOURS):
            name = SURNAMES[rng.randrange(len(SURNAMES))] + GIVEN[rng.randrange(len(GIVEN))]
            user = User(
                id=demo_id("needs", "neighbour", str(community.pk), str(i)),
                username=f"nb-{community.pk.hex[:8]}-{i}",
                display_name=name,
                password="!",  # demo neighbours do not log in
            )
            users.append(user)
            roles.append(
                Role(
                    id=demo_id("needs", "neighbour-role", str(community.pk), str(i)),
                    user=user,
                    kind=RoleKind.RESIDENT,
                    community=community,
                    verified_at=now,
                )
            )
            residents_of.setdefault(community.pk, []).append((user, True))
    User.objects.bulk_create(users)
    Role.objects.bulk_create(roles)

    statuses = [s for s, w in STATUS_WEIGHTS for _ in range(w)]
    needs, events, privates, supports, assigned = [], [], [], [], []
    for community in communities:
        people = residents_of.get(community.pk, [])
        verified = [u for u, ok in people if ok]
        staff = staff_of.get(community.pk)
        for n in range(PER_COMMUNITY):
            summary, words, domain_code, group_code, ages, private = TEMPLATES[rng.randrange(len(TEMPLATES))]
            status = statuses[rng.randrange(len(statuses))]
            resident, _ok = people[rng.randrange(len(people))] if people else (None, False)
            # Some needs were recorded by staff for elderly residents without phones.
            recorded = staff is not None and rng.random() < 0.2
            age = rng.randint(*ages)
            need = Need(
                id=demo_id("need", str(community.pk), str(n)),
                community=community,
                resident=resident,
                recorded_by=staff if recorded else None,
                consent_recorded_at=now if recorded else None,
                consent_note="本人口头同意，入户走访时登记" if recorded else "",
                summary=summary,
                description=words,
                is_public=rng.random() < 0.85,
                for_whom=rng.choice(["self", "family", "neighbour"]) if age >= 18 else "family",
                beneficiary_age=age,
                domain=terms[("domain", domain_code)],
                target_group=terms.get(("target_group", group_code)),
                urgency=rng.choice([1, 2, 2, 3]),
                preferred_times=[{"day": rng.choice(["MO", "WE", "FR", "SA"]), "from": "09:00", "to": "11:30"}],
                status=status,
                unmet_reason=rng.choice(UnmetReason.values) if status == NeedStatus.UNMET else "",
                guardian_declared_at=now if age < 18 else None,
                latitude=community.latitude,
                longitude=community.longitude,
            )
            needs.append(need)
            events.append(
                NeedEvent(
                    id=demo_id("need-event", str(need.id), "0"),
                    need=need,
                    to_status=NeedStatus.OPEN,
                    actor=staff if recorded else resident,
                    reason="工作人员代居民登记" if recorded else "居民发布",
                )
            )
            previous = NeedStatus.OPEN
            for step, to in enumerate(PATHS[status], start=1):
                assert lifecycle.can_move(previous, to)
                events.append(
                    NeedEvent(
                        id=demo_id("need-event", str(need.id), str(step)),
                        need=need,
                        from_status=previous,
                        to_status=to,
                        actor=resident if to == NeedStatus.WITHDRAWN else staff,
                        reason=UnmetReason(need.unmet_reason).label if to == NeedStatus.UNMET else "",
                    )
                )
                previous = to
            payload = {"details": private, "guardian_name": "", "guardian_relation": ""}
            if age < 18:
                payload |= {"guardian_name": "王" + GIVEN[n % len(GIVEN)], "guardian_relation": "母亲"}
            if any(payload.values()):
                privates.append(PrivateDetails(need=need, ciphertext=crypto.encrypt_json(payload)))
            if staff is not None and status != NeedStatus.OPEN:
                assigned.append(Need.assigned_staff.through(need_id=need.id, user_id=staff.pk))
            if need.is_public and verified:
                backers = rng.sample(verified, k=min(len(verified), rng.randint(0, 5)))
                for backer in backers:
                    if backer != resident:
                        supports.append(
                            Support(id=demo_id("support", str(need.id), str(backer.pk)), need=need, user=backer)
                        )
                        need.support_count += 1
    Need.objects.bulk_create(needs, batch_size=500)
    NeedEvent.objects.bulk_create(events, batch_size=500)
    PrivateDetails.objects.bulk_create(privates, batch_size=500)
    Support.objects.bulk_create(supports, batch_size=500)
    Need.assigned_staff.through.objects.bulk_create(assigned, batch_size=500)
    # The demo city is bulk-created (no signals): index its services and these needs at once.
    index.rebuild()
