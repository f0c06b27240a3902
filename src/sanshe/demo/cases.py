"""The demo city's case files and a handover: 益心社工's social worker 陈晓梅 leaves in October 2026.

Her open cases in 铁路西村 (elderly home visits, a 四点半课堂 child, a youth in community correction) go to
马晓燕 (the `socialworker` login) with handover notes, arranged by the admin 刘芳 (`orgadmin`); 马晓燕 has
acknowledged all but one, which 刘芳 sees as 交接中 and which waits on 马晓燕's 我的工作台. Then 陈晓梅's role
ends. 王秀兰 (`resident`) is one of the people served: 我的个案 shows who read her file.
Every row goes through the services, each at its moment (`clock.frozen_at`)."""

import datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from sanshe.cases import archive, handovers, notebook, services
from sanshe.cases.models import CaseKind, NoteKind
from sanshe.common import clock
from sanshe.demo import plan
from sanshe.demo.people import account
from sanshe.directory.models import Organization
from sanshe.people import services as people_services
from sanshe.people.models import Role, RoleKind, User
from sanshe.places.models import Community

SHANGHAI = ZoneInfo("Asia/Shanghai")
ORGANIZATION = "兰州市城关区益心社会工作服务中心"
COMMUNITY = "铁路西村社区"
LEAVES_ON = datetime.date(2026, 10, 20)

# alias, kind, resident username (None: recorded by staff), opened, file, notes [(days after opening, kind, text,
# structured fields)], handover note, acknowledged by the receiver
CASES = (
    (
        "王阿姨",
        CaseKind.ELDERLY_VISIT,
        "resident",
        datetime.date(2025, 3, 10),
        {
            "name": "王秀兰",
            "address": "铁路西村 12 栋 3 单元",
            "assessment": "独居，膝关节退变，上下楼困难",
            "goals": "每月两次上门探访，联系助浴",
            "plan": "探访、助浴转介、邻里互助结对",
        },
        (
            (
                14,
                NoteKind.VISIT,
                "上门探访，家中整洁，提到洗澡不方便。",
                {"health": "稳定", "living": "有隐患", "needs_help": "是"},
            ),
            (40, NoteKind.REFERRAL, "转介社区助浴服务，已约周四上门。", {}),
            (200, NoteKind.VISIT, "助浴每周一次，情绪很好，参加了市集。", {"health": "稳定", "mood": "好"}),
        ),
        "王阿姨是市集微基金管理委员会主任，周二上午开会，探访约在周三。女儿在外地，电话在档案里。",
        True,
    ),
    (
        "老周",
        CaseKind.ELDERLY_VISIT,
        None,
        datetime.date(2025, 9, 2),
        {
            "name": "周德贵",
            "address": "铁路西村 5 栋",
            "assessment": "高龄独居，听力差，不用手机",
            "goals": "每周电话或上门一次",
            "plan": "探访，协调楼长每日看一眼",
        },
        (
            (7, NoteKind.VISIT, "敲门要用力，老人耳背。", {"health": "稳定", "living": "安全", "mood": "一般"}),
            (60, NoteKind.CALL, "打给楼长，老人这周好。", {}),
        ),
        "老周不用手机，联系楼长刘师傅；敲门要用力。冬天注意取暖。",
        True,
    ),
    (
        "小宇",
        CaseKind.AFTER_SCHOOL,
        None,
        datetime.date(2026, 3, 2),
        {
            "name": "李宇（三年级）",
            "assessment": "父母都上班到六点，数学作业常不会做",
            "goals": "按时完成作业，每周和家长沟通一次",
            "plan": "四点半课堂，每周五家长群反馈",
        },
        (
            (10, NoteKind.GROUP, "课堂上数学作业完成，很开心。", {"attended": "是", "homework": "完成"}),
            (45, NoteKind.CALL, "和妈妈电话，孩子在家也肯做作业了。", {"family_contact": "是"}),
        ),
        "小宇妈妈周五下午才看群消息；孩子怕大声批评。",
        True,
    ),
    (
        "小飞",
        CaseKind.CORRECTION_YOUTH,
        None,
        datetime.date(2026, 5, 18),
        {
            "name": "（司法所转介）",
            "assessment": "19岁，社区矫正期一年，与父亲关系紧张",
            "goals": "按时报到，找到工作",
            "plan": "每月面谈，就业转介，家庭关系辅导",
        },
        (
            (
                20,
                NoteKind.VISIT,
                "按时报到，在找送餐的工作。",
                {"reported": "是", "school_or_work": "都没有", "family": "紧张"},
            ),
        ),
        "小飞信任人要时间，第一次见面请约在司法所，不要上门。",
        False,
    ),
)


# section, title, text, consent of the person (key people only)
NOTEBOOK = (
    (
        "key_people",
        "刘师傅（5栋楼长）",
        "退休铁路职工，5栋的事他都知道，有单元总阀钥匙；独居老人家里有事先找他。",
        "本人口头同意写入，2025年3月",
    ),
    ("resources", "停水停电找谁", "停水：自来水公司 96777；停电：供电所 95598；楼道灯坏了报物业。", ""),
    ("history", "铁路西村的来历", "上世纪五十年代兰州铁路局职工宿舍，老住户多是铁路退休职工，彼此几十年的邻居。", ""),
    ("lessons", "市集微基金第一年", "拍卖前一周要在每个单元门口贴通知；老人更信面对面说，不看群消息。", ""),
)
# title, kind, date, access, keep years, text
DOCUMENTS = (
    (
        "2025年铁路西村居民议事会纪要（第一季度）",
        "minutes",
        datetime.date(2025, 3, 28),
        "public",
        10,
        "议题：小广场修补、市集时间。决定：修补费用由市集微基金出一半。",
    ),
    (
        "2025年铁路西村社区综合服务项目年度报告",
        "report",
        datetime.date(2026, 1, 31),
        "staff",
        10,
        "助餐13480人次，探访2520户次，四点半课堂148课时；居民满意度94%。",
    ),
    (
        "2026年铁路西村居民议事会纪要（第三季度）",
        "minutes",
        datetime.date(2026, 9, 26),
        "public",
        10,
        "议题：冬季取暖检查、独居老人探访。决定：楼长和社工一起排探访表。",
    ),
)


def _memory(community) -> None:
    """The community's notebook and archive, written by its staff member 张静 (`staff`)."""
    staff = User.objects.get(username="staff")
    with clock.frozen_at(_at(datetime.date(2026, 3, 5))):
        for section, title, text, consent in NOTEBOOK:
            notebook.write(
                actor=staff, community=community, section=section, title=title, text=text, consent_note=consent
            )
    for title, kind, dated, access, years, text in DOCUMENTS:
        with clock.frozen_at(_at(dated, 17)):
            archive.upload(
                actor=staff,
                community=community,
                file=ContentFile(text.encode(), name=f"{dated}-{kind}.txt"),
                kind=kind,
                title=title,
                dated=dated,
                keep_years=years,
                access=access,
            )


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=SHANGHAI)


def _closed_case(worker, organization, community) -> None:
    """The first case in 铁路西村, before the contracts: opened in 2024, closed when the family moved."""
    opened, closed = datetime.date(2024, 4, 8), datetime.date(2025, 6, 30)
    with clock.frozen_at(_at(opened)):
        case = services.open_case(
            actor=worker,
            organization=organization,
            community=community,
            kind=CaseKind.ELDERLY_VISIT,
            alias="马大爷",
            consent_note="本人口头同意，儿子在场",
            file={"name": "马长顺", "assessment": "脑梗后行动不便"},
            opened_on=opened,
        )
    with clock.frozen_at(_at(closed)):
        services.close_case(actor=worker, case=case, outcome="moved", note="随儿子搬到安宁区，已告知当地社区。")


def load(as_of: datetime.date) -> None:
    if as_of <= LEAVES_ON:
        raise ValueError(f"the handover happens on {LEAVES_ON}; the demo city must describe a later day")
    organization = Organization.objects.get(name=ORGANIZATION)
    community = Community.objects.get(name=COMMUNITY)
    admin = User.objects.get(username="orgadmin")
    receiver = User.objects.get(username="socialworker")
    leaving = account("chenxiaomei", "陈晓梅")
    role = Role.objects.create(
        id=plan.demo_id("role", "chenxiaomei", "social_worker"),
        user=leaving,
        kind=RoleKind.SOCIAL_WORKER,
        organization=organization,
    )
    _memory(community)
    _closed_case(leaving, organization, community)
    cases = []
    for alias, kind, resident, opened, file, notes, handover_note, acknowledged in CASES:
        with clock.frozen_at(_at(opened)):
            case = services.open_case(
                actor=leaving,
                organization=organization,
                community=community,
                kind=kind,
                alias=alias,
                resident=User.objects.get(username=resident) if resident else None,
                consent_note="本人同意" if resident else "本人（或监护人）签字同意，工作人员在场",
                consent_to_share=True,
                file=file,
                opened_on=opened,
            )
        for days, note_kind, text, fields in notes:
            day = opened + datetime.timedelta(days=days)
            with clock.frozen_at(_at(day, 15)):
                services.read_case(actor=leaving, case=case, purpose="写记录前查看")
                services.add_note(actor=leaving, case=case, kind=note_kind, on=day, text=text, fields=fields)
        cases.append((case, handover_note, acknowledged))
    with clock.frozen_at(_at(LEAVES_ON - datetime.timedelta(days=3))):
        items = handovers.hand_over(
            actor=admin,
            organization=organization,
            giver=leaving,
            receivers={f"cases.Case:{case.pk}": receiver for case, _note, _ack in cases},
            notes={f"cases.Case:{case.pk}": note for case, note, _ack in cases},
        )
    with clock.frozen_at(_at(LEAVES_ON - datetime.timedelta(days=1), 16)):
        for item, (_case, _note, acknowledged) in zip(items, cases, strict=True):
            if acknowledged:
                handovers.read_note(actor=receiver, item=item)
                handovers.acknowledge(actor=receiver, item=item)
    with clock.frozen_at(_at(LEAVES_ON, 17)):
        people_services.remove_organization_member(actor=admin, role=role)
