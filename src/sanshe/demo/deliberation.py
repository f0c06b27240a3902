"""The demo city's deliberation: four stories from the forums, each through the services by the person who
would do it, at its moment (`clock.frozen_at`), with deterministic ids (the demo city's loader sets them).

- 123号院: an open-space meeting where residents, the 城建办 and the contractor agreed how to renovate the
  courtyard; its commitments since then: some done, one overdue.
- 铁路西村's 居民议事会 on the activity room (合唱队 or 棋牌队?), run by Robert's Rules: a motion that failed,
  one carried.
- 沙尾社区 (an urban village of migrant workers): a round-table assessment whose needs went into the needs board.
- A survey of 铁路西村's older residents, answered on phones and on paper, with results.
"""

import datetime
from zoneinfo import ZoneInfo

from sanshe.common import clock
from sanshe.deliberation.models import MeetingKind
from sanshe.deliberation.services import floor, meetings, minutes, profile, surveys
from sanshe.people.models import Role, RoleKind, User
from sanshe.places.models import Community
from sanshe.taxonomy.models import TaxonomyTerm

SHANGHAI = ZoneInfo("Asia/Shanghai")
COMMUNITY = "铁路西村社区"
MIGRANT_COMMUNITY = "沙尾社区"


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=SHANGHAI)


def on(day: datetime.date, hour: int = 9, minute: int = 0):
    return clock.frozen_at(at(day, hour, minute))


def load(as_of: datetime.date) -> None:
    community = Community.objects.select_related("street").get(name=COMMUNITY)
    staff = User.objects.get(username="staff")
    _courtyard(community, staff, as_of)
    _activity_room(community, staff, as_of)
    _round_table(as_of)
    _elderly_survey(community, staff, as_of)
    _profiles(community, staff, as_of)


def _signed_in(meeting, staff, names):
    return {
        name: meetings.register_by_name(actor=staff, meeting=meeting, name=name, party=party, attended=True)
        for name, party in names
    }


def _courtyard(community, staff, as_of):
    day = as_of - datetime.timedelta(days=75)
    with on(day - datetime.timedelta(days=10)):
        meeting = meetings.call_meeting(
            actor=staff,
            kind=MeetingKind.OPEN_SPACE,
            title="123号院怎么改：开放空间讨论会",
            street=community.street,
            community=community,
            venue="123号院中间的空地（下雨改在社区活动室）",
            starts_at=at(day, 9),
            ends_at=at(day, 12),
            purpose="老旧小区改造要动123号院：院子里要什么、先做什么，由住在这里的人说了算。",
            invited_parties=["城建办", "物业公司", "施工方（兰州建工）", "123号院居民"],
            capacity=60,
            agenda=["院子里缺什么", "分组讨论", "各组报告和承诺"],
        )
    with on(day, 9):
        _signed_in(
            meeting,
            staff,
            [
                ("刘城建", "城建办"),
                ("马经理", "施工方"),
                ("陈物业", "物业公司"),
                ("李大爷", ""),
                ("周阿姨", ""),
                ("小吴", ""),
            ],
        )
        meetings.open_meeting(actor=staff, meeting=meeting)
        topics = [
            ("雨天院子积水，老人出门摔跤", "李大爷", "9:30–10:15", "东墙根"),
            ("晾衣服的地方和停车抢地方", "周阿姨", "9:30–10:15", "老槐树下"),
            ("孩子没处玩", "小吴", "10:15–11:00", "东墙根"),
        ]
        reports = [
            "重新找坡排水，门口加雨水篦子；施工方按居民画的积水点位施工。",
            "划出固定晾衣区，电动车集中停放并装充电桩，物业负责管理。",
            "腾出锅炉房旁的空地做儿童角，铺塑胶地面。",
        ]
        for (title, proposer, slot, corner), report in zip(topics, reports, strict=True):
            topic = minutes.propose_topic(actor=staff, meeting=meeting, title=title, proposer=proposer)
            minutes.place_topic(actor=staff, topic=topic, slot=slot, corner=corner)
            minutes.report_topic(actor=staff, topic=topic, report=report)
    with on(day, 11, 40):
        decision = minutes.record_decision(
            actor=staff,
            meeting=meeting,
            text="按三个小组的方案改造123号院：排水、晾衣和停车、儿童角一起做，改造预算由原来的40万元增加到120万元。",
        )
        promises = [
            ("重新找坡排水、加装雨水篦子", "施工方（兰州建工）", day + datetime.timedelta(days=40)),
            ("追加改造预算并完成审批", "城建办", day + datetime.timedelta(days=20)),
            ("划定晾衣区，电动车集中停放并装充电桩", "物业公司", day + datetime.timedelta(days=60)),
            ("锅炉房旁空地改成儿童角", "施工方（兰州建工）", as_of + datetime.timedelta(days=30)),
        ]
        commitments = [
            minutes.add_commitment(
                actor=staff, meeting=meeting, what=what, department=who, due_on=due, decision=decision
            )
            for what, who, due in promises
        ]
        meetings.close_meeting(actor=staff, meeting=meeting)
    drainage, budget, drying, _corner = commitments
    with on(day + datetime.timedelta(days=18), 16):
        minutes.finish_commitment(actor=staff, commitment=budget, note="区里批复追加预算80万元")
    with on(day + datetime.timedelta(days=38), 16):
        minutes.finish_commitment(actor=staff, commitment=drainage, note="排水改造完工，下雨验收不再积水")
    with on(day + datetime.timedelta(days=45), 10):
        # 物业 began, then stalled: the deadline has passed and the commitment is overdue.
        minutes.report_progress(actor=staff, commitment=drying, progress=30, note="晾衣区已划线，充电桩还没报装")


def _activity_room(community, staff, as_of):
    day = as_of - datetime.timedelta(days=20)
    with on(day - datetime.timedelta(days=7)):
        meeting = meetings.call_meeting(
            actor=staff,
            kind=MeetingKind.COUNCIL,
            title="活动室怎么分：合唱队和棋牌队",
            street=community.street,
            community=community,
            venue="铁路西村社区活动室",
            starts_at=at(day, 19),
            ends_at=at(day, 21),
            purpose="合唱队排练和棋牌队打麻将都要用活动室，声音互相干扰，近来吵了几次。按议事规则商量出一个办法。",
            capacity=30,
            quorum=7,
            speaking_seconds=120,
            invited_parties=["夕阳红合唱队", "棋牌队", "楼上住户"],
            agenda=["活动室的使用时间", "噪音和开门关门"],
        )
    wang = User.objects.get(username="resident")
    with on(day, 18, 50):
        wang_place = meetings.register(actor=wang, meeting=meeting)
        meetings.sign_in(actor=staff, registration=wang_place)
        people = _signed_in(
            meeting,
            staff,
            [
                ("吴军", "夕阳红合唱队"),
                ("胡兰", "夕阳红合唱队"),
                ("老郑", "棋牌队"),
                ("老孙", "棋牌队"),
                ("高阳", "楼上住户"),
                ("刘毅", ""),
                ("赵红", ""),
            ],
        )
    with on(day, 19):
        meetings.open_meeting(actor=staff, meeting=meeting)
        for name in ("吴军", "老郑", "高阳"):
            floor.ask_to_speak(actor=staff, registration=people[name])
        for _ in range(3):
            floor.next_speaker(actor=staff, meeting=meeting)
        floor.end_speech(actor=staff, meeting=meeting)
    with on(day, 19, 30):
        first = floor.propose_motion(actor=staff, mover=people["老郑"], text="活动室全天给棋牌队，合唱队到广场排练。")
        floor.second_motion(actor=staff, motion=first, seconder=people["老孙"])
        floor.open_vote(actor=staff, motion=first)
        votes = {
            "老郑": "yes",
            "老孙": "yes",
            "吴军": "no",
            "胡兰": "no",
            "高阳": "no",
            "刘毅": "no",
            "赵红": "abstain",
        }
        for name, choice in votes.items():
            floor.cast_vote(actor=staff, motion=first, attendee=people[name], choice=choice)
        floor.cast_vote(actor=wang, motion=first, attendee=wang_place, choice="no")
        floor.close_vote(actor=staff, motion=first)
    with on(day, 20, 5):
        second = floor.propose_motion(
            actor=staff,
            mover=people["高阳"],
            text="单日上午合唱队排练，双日下午棋牌队使用，晚上八点以后都不用；门口贴使用表。",
        )
        floor.second_motion(actor=staff, motion=second, seconder=people["刘毅"])
        floor.open_vote(actor=staff, motion=second)
        votes = {
            "老郑": "yes",
            "老孙": "abstain",
            "吴军": "yes",
            "胡兰": "yes",
            "高阳": "yes",
            "刘毅": "yes",
            "赵红": "yes",
        }
        for name, choice in votes.items():
            floor.cast_vote(actor=staff, motion=second, attendee=people[name], choice=choice)
        floor.cast_vote(actor=wang, motion=second, attendee=wang_place, choice="yes")
        floor.close_vote(actor=staff, motion=second)
        minutes.add_commitment(
            actor=staff,
            meeting=meeting,
            what="做一张活动室使用表贴在门口，并在居民群里公布",
            owner=staff,
            due_on=day + datetime.timedelta(days=3),
        )
        meetings.close_meeting(actor=staff, meeting=meeting)


ROUND_TABLE_NEEDS = (
    (
        "孩子放学后没人看，想找四点半课堂",
        "我和老公都在电子厂上班，经常倒班，孩子三点半放学就一个人在出租屋里。",
        "children",
        "migrant-children",
        9,
    ),
    (
        "想学电脑和手机办事",
        "在工地做了十几年，现在想转行，不会用电脑，社保也不会在手机上查。",
        "employment",
        "migrant-workers",
        46,
    ),
    ("夜班下班后想找地方洗热水澡", "出租屋没有热水器，夜班下班后澡堂都关门了。", "elderly", "migrant-workers", 33),
)


def _round_table(as_of):
    community = Community.objects.select_related("street").get(name=MIGRANT_COMMUNITY)
    staff = Role.objects.select_related("user").get(kind=RoleKind.COMMUNITY_STAFF, community=community).user
    day = as_of - datetime.timedelta(days=12)
    with on(day - datetime.timedelta(days=5)):
        meeting = meetings.call_meeting(
            actor=staff,
            kind=MeetingKind.ROUND_TABLE,
            title="沙尾新市民恳谈会：说说你最难的事",
            street=community.street,
            community=community,
            venue="沙尾社区党群服务中心一楼",
            starts_at=at(day, 20),
            ends_at=at(day, 21, 30),
            purpose="很多新来的住户下了夜班才有空：晚上八点开，围坐一圈，每人说一件最难的事。",
            agenda=["每人说一件最难的事", "哪些事可以一起想办法"],
        )
    domains = {t.code: t for t in TaxonomyTerm.objects.domains()}
    groups = {t.code: t for t in TaxonomyTerm.objects.target_groups()}
    with on(day, 20, 30):
        _signed_in(meeting, staff, [("小芳", "电子厂"), ("老韦", "工地"), ("阿强", "快递站")])
        meetings.open_meeting(actor=staff, meeting=meeting)
        for summary, description, domain, group, age in ROUND_TABLE_NEEDS:
            minutes.record_participant_need(
                actor=staff,
                meeting=meeting,
                consent_note="恳谈会上本人口头同意登记",
                summary=summary,
                description=description,
                domain=domains.get(domain) or next(iter(domains.values())),
                target_group=groups.get(group),
                beneficiary_age=age,
                is_guardian=True,
                private={"guardian_name": "小芳", "guardian_relation": "母亲"} if age < 18 else {},
            )
        meetings.close_meeting(actor=staff, meeting=meeting)


def _elderly_survey(community, staff, as_of):
    opened = as_of - datetime.timedelta(days=10)
    domains = {t.code: t for t in TaxonomyTerm.objects.domains()}
    with on(opened):
        survey = surveys.create_survey(
            actor=staff,
            community=community,
            title="铁路西村老年居民需求问卷",
            intro="想知道大家最需要什么服务，好安排明年的助老项目。匿名填写，纸质问卷可以交到社区服务站。",
            opens_on=opened,
            closes_on=as_of + datetime.timedelta(days=20),
            anonymous=True,
            questions=[
                {"kind": "single", "text": "您平时和谁住？", "options": ["一个人住", "和老伴住", "和子女住"]},
                {
                    "kind": "multiple",
                    "text": "您最需要哪些服务？",
                    "options": ["助餐", "助浴", "陪同看病", "上门理发", "学用智能手机"],
                    "domain": domains.get("elderly"),
                },
                {"kind": "scale", "text": "您对社区老年食堂满意吗？"},
                {
                    "kind": "ranking",
                    "text": "小区改造，您希望先做哪件？",
                    "options": ["加装电梯", "楼道扶手", "修路灯"],
                },
                {"kind": "text", "text": "还有什么想对社区说的？", "required": False},
            ],
        )
    phone_answers = {
        "mademin": {1: 1, 2: [0, 2], 3: 4, 4: [0, 1, 2], 5: "食堂的菜能不能少放盐"},
        "liuyi": {1: 0, 2: [0, 1, 2], 3: 3, 4: [1, 0, 2], 5: ""},
        "zhaohong": {1: 2, 2: [4], 3: 5, 4: [0, 2, 1], 5: "想学用手机挂号"},
        "sunqiu": {1: 1, 2: [0, 3], 3: 4, 4: [0, 1, 2], 5: ""},
    }
    with on(opened + datetime.timedelta(days=2), 10):
        for username, answers in phone_answers.items():
            surveys.answer(actor=User.objects.get(username=username), survey=survey, answers=answers)
    paper = [
        {1: 0, 2: [0, 1], 3: 2, 4: [1, 2, 0], 5: "楼道太黑，晚上不敢下楼"},
        {1: 0, 2: [2], 3: 3, 4: [0, 1, 2], 5: ""},
        {1: 1, 2: [0], 3: 4, 4: [2, 0, 1], 5: ""},
    ]
    with on(opened + datetime.timedelta(days=5), 15):
        for answers in paper:
            surveys.enter_paper_answer(actor=staff, survey=survey, answers=answers)


def _profiles(community, staff, as_of):
    year = as_of.year - 1
    shawei = Community.objects.get(name=MIGRANT_COMMUNITY)
    shawei_staff = Role.objects.select_related("user").get(kind=RoleKind.COMMUNITY_STAFF, community=shawei).user
    with on(as_of - datetime.timedelta(days=30)):
        profile.record_population(
            actor=staff,
            community=community,
            year=year,
            source="铁路西村社区居委会人口台账",
            figures={
                "age_0_6": 310,
                "age_7_14": 520,
                "age_15_24": 610,
                "age_25_59": 3900,
                "age_60_79": 2650,
                "age_80_plus": 610,
                "registered": 7200,
                "resident": 8600,
                "floating": 1400,
                "living_alone": 420,
                "shift_workers_percent": 6,
            },
        )
        profile.record_population(
            actor=shawei_staff,
            community=shawei,
            year=year,
            source="沙头街道流动人口登记（出租屋管理）",
            figures={
                "age_0_6": 2100,
                "age_7_14": 2600,
                "age_15_24": 5200,
                "age_25_59": 19800,
                "age_60_79": 1300,
                "age_80_plus": 200,
                "registered": 4100,
                "resident": 31200,
                "floating": 27100,
                "living_alone": 5200,
                "shift_workers_percent": 38,
            },
        )
        for department, task, document, hours in (
            ("街道综治办", "出租屋和流动人口信息采集", "沙头街道〔2025〕12号", 60),
            ("街道创文办", "创文迎检：楼道清理和台账", "创文工作方案", 45),
            ("区卫健局", "疫苗接种入户通知", "区卫健局通知", 20),
            ("街道统计站", "各类报表（每月十余张）", "", 30),
        ):
            profile.record_task(
                actor=shawei_staff,
                community=shawei,
                department=department,
                task=task,
                source_document=document,
                hours_per_month=hours,
            )
        profile.record_task(
            actor=staff,
            community=community,
            department="街道民政科",
            task="高龄津贴年审入户",
            source_document="民政科年审通知",
            hours_per_month=16,
        )
