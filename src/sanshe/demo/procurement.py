"""Procurement in the demo city: a catalogue and purchase projects of 兰州 铁路西村街道 in every stage.

Every row goes through the procurement services with the actor who would do it (the platform admin
keeps the catalogue, the street officer buys, organizations' staff bid and record deliveries,
residents choose, the panel scores, the evaluator grades), at the moment it would happen
(`clock.frozen_at`), so the demo shows only states the services allow and every step is in the
history. Finished stages (and the project in planning) are dated from as_of; the live calls (open
for bids, residents' choice, evaluation) and the recent award with its challenge window are dated
around the day the demo is loaded, so that their periods are open when someone looks at them.
Ids are deterministic (`ids.deterministic`; users, whose ids are not PublicModel's, by `ids.derived_id`).
"""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from sanshe.common import clock, ids
from sanshe.demo.city import NAMESPACE
from sanshe.directory.models import Organization
from sanshe.people.models import Role, RoleKind
from sanshe.places.models import Community, Street
from sanshe.procurement import services
from sanshe.procurement.models import (
    BidStatus,
    CriterionKind,
    Decision,
    Method,
    MilestoneKind,
    ServiceClass,
    Violation,
)
from sanshe.taxonomy.models import TaxonomyTerm

TZ = ZoneInfo("Asia/Shanghai")

CATALOGUE = (
    ("GM-YL-01", "老年人助餐服务", "elderly", "人次", 1500, ServiceClass.PUBLIC),
    ("GM-YL-02", "居家养老上门服务", "elderly", "小时", 4000, ServiceClass.PUBLIC),
    ("GM-YL-03", "独居老人探访", "elderly", "户次", 3000, ServiceClass.PUBLIC),
    ("GM-YL-04", "长者助浴", "elderly", "人次", 8000, ServiceClass.PUBLIC),
    ("GM-ET-01", "四点半课堂", "children", "课时", 20000, ServiceClass.PUBLIC),
    ("GM-ET-02", "儿童暑期托管", "children", "人天", 6000, ServiceClass.PUBLIC),
    ("GM-FL-01", "社区法律咨询", "legal", "次", 5000, ServiceClass.PUBLIC),
    ("GM-FL-02", "法律明白人培训", "legal", "场", 150000, ServiceClass.PUBLIC),
    ("GM-XL-01", "心理疏导个案", "mental-health", "小时", 30000, ServiceClass.PUBLIC),
    ("GM-SQ-01", "社区营造活动", "community-building", "场", 200000, ServiceClass.PUBLIC),
    ("GM-FZ-01", "需求调研与评估", "community-building", "项", 3000000, ServiceClass.AUXILIARY),
    ("GM-FZ-02", "项目绩效第三方评估", "community-building", "项", 2000000, ServiceClass.AUXILIARY),
)
CRITERIA = (
    (CriterionKind.PRICE, "价格", 20),
    (CriterionKind.PLAN, "专业方案", 35),
    (CriterionKind.TEAM, "服务团队", 15),
    (CriterionKind.TRACK_RECORD, "过往业绩", 10),
    (CriterionKind.RESIDENTS, "居民点单", 20),
)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def _user_id(*key) -> uuid.UUID:
    return ids.derived_id(NAMESPACE, "procurement", *key)


def load(as_of: datetime.date):
    """Add procurement's demo rows, through the services; called inside the demo city's transaction."""
    with ids.deterministic(NAMESPACE, "procurement"):
        _Demo(as_of).load()


class _Demo:
    def __init__(self, as_of: datetime.date):
        self.as_of = as_of
        self.today = max(as_of, clock.today())
        self.street = Street.objects.get(name="铁路西村街道")
        self.communities = {c.name: c for c in Community.objects.filter(street=self.street)}
        users = get_user_model().objects
        self.admin = users.get(username="admin")
        self.buyer = users.get(username="street")
        self.evaluator = users.get(username="evaluator")
        self.residents = list(
            users.filter(
                roles__kind=RoleKind.RESIDENT, roles__verified_at__isnull=False, roles__community__street=self.street
            )
            .exclude(username="resident")
            .distinct()
            .order_by("username")[:12]
        )
        self.panel = [
            self.evaluator,
            *self._people(RoleKind.EVALUATOR, ("panel", "钱文"), ("panel", "吴宁"), ("panel", "郑海")),
        ]
        self.staff = {}  # organization id -> the staff member who acts for it
        self.items = {}

    def _people(self, kind, *people, **scope):
        """Accounts without a password for the demo's extra actors (the panel, bidders' staff)."""
        made = []
        for prefix, name in people:
            number = 1 + get_user_model().objects.filter(username__startswith=prefix).count()
            user = get_user_model().objects.create(
                id=_user_id("user", prefix, number), username=f"{prefix}{number}", display_name=name
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            Role.objects.create(user=user, kind=kind, verified_at=_at(datetime.date(2024, 10, 1)), **scope)
            made.append(user)
        return made

    def org(self, alternate, staff_name=None):
        found = Organization.objects.filter(alternate_name=alternate).first()
        found = found or Organization.objects.get(name__startswith="兰州", name__contains=alternate)
        if found.pk not in self.staff:
            member = (
                get_user_model()
                .objects.filter(roles__organization=found, roles__kind=RoleKind.ORG_ADMIN)
                .order_by("username")
                .first()
            )
            if member is None:
                (member,) = self._people(RoleKind.ORG_STAFF, ("bidder", staff_name), organization=found)
            self.staff[found.pk] = member
        return found

    def served(self, project):
        communities = {c.pk for c in project.communities.all()}
        return [
            r
            for r in self.residents
            if r.roles.filter(kind=RoleKind.RESIDENT, community__in=communities, verified_at__isnull=False).exists()
        ]

    # --- building blocks ---

    def catalogue(self):
        terms = {t.code: t for t in TaxonomyTerm.objects.domains()}
        with clock.frozen_at(_at(datetime.date(2024, 10, 8))):
            for code, name, term, unit, price, service_class in CATALOGUE:
                self.items[code] = services.add_catalogue_item(
                    actor=self.admin,
                    data={
                        "code": code,
                        "name": name,
                        "domain": terms[term],
                        "unit": unit,
                        "reference_price_fen": price,
                        "service_class": service_class,
                    },
                )

    def project(self, key, name, *, description, outputs, budget_fen, items, communities, drafted, continues_from=None):
        with clock.frozen_at(_at(drafted)):
            return services.draft_project(
                actor=self.buyer,
                name=name,
                description=description,
                outputs=outputs,
                budget_fen=budget_fen,
                budget_source=f"{drafted.year} 年铁路西村街道社区公共服务资金",
                communities=[self.communities[c] for c in communities],
                items=[(self.items[code], quantity) for code, quantity in items],
                buyer_street=self.street,
                continues_from=continues_from,
            )

    def publish(
        self, project, start: datetime.date, *, menu_min_items=2, continuous=False, budgeted_years=1, method=Method.OPEN
    ):
        day = datetime.timedelta(days=1)
        with clock.frozen_at(_at(start - day)):
            services.publish_call(
                actor=self.buyer,
                project=project,
                enquiry_start=_at(start),
                submission_start=_at(start + 7 * day),
                choice_start=_at(start + 21 * day),
                evaluation_start=_at(start + 35 * day),
                evaluation_end=_at(start + 42 * day),
                criteria=list(CRITERIA),
                method=method,
                allowed_kinds=["social_work_agency", "social_organization"],
                min_registered_years=3,
                min_rating="3A",
                menu_min_items=menu_min_items,
                continuous=continuous,
                budgeted_years=budgeted_years,
            )

    def bid(self, project, org, *, price_fen, summary, hours_after=0):
        submitted = project.submission_start + datetime.timedelta(days=2, hours=hours_after)
        staff = price_fen * 6 // 10
        with clock.frozen_at(submitted):
            return services.submit_bid(
                actor=self.staff[org.pk],
                project=project,
                organization=org,
                data={
                    "summary": summary,
                    "plan": f"{org.name}派驻社工，按服务菜单逐项落实，每月向街道和社区报告。",
                    "team": "持证社工 3 名、护理员 4 名、志愿者 20 名。",
                    "items": list(project.items.all()),
                    "budget_lines": [("人员经费", staff), ("活动与物料", price_fen - staff)],
                },
            )

    def choices(self, project, bids, pattern):
        """pattern[i] is the list of bid indexes the i-th served resident approves."""
        with clock.frozen_at(project.choice_start + datetime.timedelta(days=2)):
            for resident, chosen in zip(self.served(project), pattern, strict=False):
                services.choose(actor=resident, project=project, bids=[bids[index] for index in chosen])

    def scores(self, project, bids, base, generous_index=1):
        """Every panel member scores every bid; the second panel member is generous (+14)."""
        with clock.frozen_at(project.submission_start):
            for evaluator in self.panel:
                services.assign_evaluator(actor=self.buyer, project=project, evaluator=evaluator)
        criteria = list(project.criteria.exclude(kind=CriterionKind.RESIDENTS))
        with clock.frozen_at(project.evaluation_start + datetime.timedelta(days=1)):
            for e, evaluator in enumerate(self.panel):
                for b, bid in enumerate(bids):
                    for criterion in criteria:
                        points = min(100, base[b] + (e * 3 % 5) - 2 + (14 if e == generous_index else 0))
                        services.score_bid(actor=evaluator, bid=bid, criterion=criterion, points=points)

    def award(self, project, decided: datetime.date):
        with clock.frozen_at(_at(decided, 15)):
            return services.award(actor=self.buyer, project=project)

    def challenge_rejected(self, record, text, answer):
        """The runner-up challenges within the window; the buyer answers that the challenge fails."""
        loser = record.project.bids.filter(status=BidStatus.LOST).select_related("organization").first()
        with clock.frozen_at(record.decided_at + datetime.timedelta(days=2)):
            raised = services.challenge(
                actor=self.staff[loser.organization_id], award=record, organization=loser.organization, text=text
            )
        with clock.frozen_at(record.decided_at + datetime.timedelta(days=5)):
            services.resolve_challenge(actor=self.buyer, challenge=raised, upheld=False, answer=answer)

    def contract(self, project, start: datetime.date, term_years=1):
        with clock.frozen_at(_at(start - datetime.timedelta(days=3), 10)):
            return services.sign_contract(actor=self.buyer, project=project, start=start, term_years=term_years)

    def settle(self, contract, until: datetime.date, correct_first=False):
        """Confirm the milestones due by `until` and pay the payment ones five days later. With
        `correct_first`, the first payment is reversed (entered with the wrong date) and paid again."""
        first = True
        for milestone in contract.milestones.filter(due_date__lte=until).order_by("due_date"):
            with clock.frozen_at(_at(milestone.due_date, 17)):
                # The service records up to the due date are the evidence the milestone was reached.
                records = contract.deliveries.filter(date__lte=milestone.due_date)
                services.mark_milestone(actor=self.buyer, milestone=milestone, met=True, deliveries=records)
            if milestone.kind != MilestoneKind.PAYMENT:
                continue
            paid_on = milestone.due_date + datetime.timedelta(days=5)
            with clock.frozen_at(_at(paid_on, 11)):
                payment = services.pay(actor=self.buyer, milestone=milestone, paid_on=paid_on)
            if correct_first and first:
                again = paid_on + datetime.timedelta(days=1)
                with clock.frozen_at(_at(again, 10)):
                    services.reverse_payment(
                        actor=self.buyer, payment=payment, reason="首期款付款日期录错，冲正后重新登记。", paid_on=again
                    )
                    services.pay(actor=self.buyer, milestone=milestone, paid_on=again)
            first = False

    def deliveries(self, contract, until: datetime.date, place, content):
        day = contract.start + datetime.timedelta(days=3)
        number = 0
        while day <= min(until, contract.end):
            number += 1
            people = 18 + number * 7 % 13
            with clock.frozen_at(_at(day, 18)):
                services.record_delivery(
                    actor=self.staff[contract.organization_id],
                    contract=contract,
                    data={
                        "date": day,
                        "place": place,
                        "content": content,
                        "unique_people": people,
                        "visits": people * (2 + number % 3),
                    },
                )
            day += datetime.timedelta(days=14)

    # --- the stages ---

    def load(self):
        self.catalogue()
        yixin = self.org("益心社工")
        longyuan = self.org("陇原同行", "高鹏")
        guangji = self.org("广济社工", "韩雪")
        xiyang = self.org("夕阳红", "罗红梅")
        Violation.objects.create(
            organization=Organization.objects.get(name="兰州市城关区律师公益法律服务团"),
            occurred_on=datetime.date(2024, 9, 1),
            serious=False,
            description="年度报告逾期提交，已整改。",
        )
        as_of = self.as_of
        # Evaluated and renewed: last year's comprehensive service, grade A, renewed.
        old = self.project(
            "2025-comprehensive",
            "2025年铁路西村街道社区综合服务项目",
            description="为铁路西村、建西东路两个社区的独居老人提供探访和助餐，为双职工家庭子女提供四点半课堂。",
            outputs="独居老人每月探访不少于 2 次；助餐全年不少于 12000 人次；四点半课堂每学期不少于 80 课时。",
            budget_fen=60_000_000,
            items=[("GM-YL-01", 12000), ("GM-YL-03", 2400), ("GM-ET-01", 160)],
            communities=["铁路西村社区", "建西东路社区"],
            drafted=datetime.date(2024, 11, 1),
        )
        self.publish(old, datetime.date(2024, 11, 20))
        old_bids = [
            self.bid(
                old,
                yixin,
                price_fen=56_000_000,
                summary="益心社工驻点两个社区：每天助餐，独居老人每月探访两次，工作日四点半课堂。",
            ),
            self.bid(
                old,
                xiyang,
                price_fen=52_000_000,
                summary="夕阳红养老中心以长者食堂为主，配送上门，探访由护理员兼做。",
                hours_after=3,
            ),
        ]
        self.choices(old, old_bids, [[0], [0], [0, 1], [1], [0], [0]])
        self.scores(old, old_bids, [82, 74])
        old_award = self.award(old, datetime.date(2025, 1, 5))
        self.challenge_rejected(
            old_award,
            text="评审专家打分偏高，请复核中标结果。",
            answer="经复核，评分与居民点单结果均按公告规则计算，专家评分已按校准处理，质疑不成立。",
        )
        old_contract = self.contract(old, datetime.date(2025, 2, 1))
        self.deliveries(old_contract, datetime.date(2026, 1, 31), "铁路西村社区长者食堂", "长者助餐与独居老人探访")
        self.settle(old_contract, datetime.date(2026, 1, 31))
        with clock.frozen_at(_at(datetime.date(2026, 2, 20), 16)):
            evaluation = services.evaluate_performance(
                actor=self.evaluator,
                contract=old_contract,
                grade="A",
                evaluator_organization="甘肃公益评估中心",
                summary="助餐和探访全年达标，服务记录完整；四点半课堂课时略少于约定。建议续签并增加课堂课时。",
                indicators=[
                    {"name": name, "target": target, "actual": actual, "unit": unit}
                    for name, target, actual, unit in (
                        ("助餐人次", 12000, 13480, "人次"),
                        ("独居老人探访户次", 2400, 2520, "户次"),
                        ("四点半课堂课时", 160, 148, "课时"),
                        ("居民满意度", 90, 94, "%"),
                    )
                ],
                evaluated_on=datetime.date(2026, 2, 20),
            )
        with clock.frozen_at(_at(datetime.date(2026, 2, 25))):
            services.decide(actor=self.buyer, evaluation=evaluation, decision=Decision.RENEW)

        # Under contract: the renewal, renamed, continuing last year's project; two years, continuous and budgeted.
        current = self.project(
            "2026-neighbours",
            "幸福邻里·铁路西村长者与儿童关爱计划",
            description="延续上一年的社区综合服务：独居老人探访与助餐，双职工家庭子女的四点半课堂，新增课堂课时。",
            outputs="助餐每年不少于 13000 人次；探访每月 2 次；四点半课堂每学期不少于 100 课时。",
            budget_fen=130_000_000,
            items=[("GM-YL-01", 13000), ("GM-YL-03", 2400), ("GM-ET-01", 200)],
            communities=["铁路西村社区", "建西东路社区"],
            drafted=datetime.date(2026, 1, 10),
            continues_from=old,
        )
        self.publish(current, datetime.date(2026, 1, 20), continuous=True, budgeted_years=2)
        current_bids = [
            self.bid(
                current,
                yixin,
                price_fen=118_000_000,
                summary="益心社工继续驻点：每天助餐、每月两次探访，课堂课时增加到每学期 100 课时。",
            ),
            self.bid(
                current,
                longyuan,
                price_fen=112_000_000,
                summary="陇原同行以志愿者网络为主，课堂引入高校支教。",
                hours_after=5,
            ),
        ]
        self.choices(current, current_bids, [[0], [0], [0], [1], [0, 1], [0], [1], [0]])
        self.scores(current, current_bids, [84, 76])
        self.award(current, datetime.date(2026, 3, 8))
        current_contract = self.contract(current, datetime.date(2026, 4, 1), term_years=2)
        self.deliveries(current_contract, as_of, "铁路西村社区长者食堂", "长者助餐、独居老人探访、四点半课堂")
        self.settle(current_contract, as_of, correct_first=True)

        # Awarded, challenge window and signing ahead.
        legal = self.project(
            "2026-legal",
            "建西东路社区法律明白人培训",
            description="在建西东路社区培养 30 名法律明白人，开展婚姻、继承、劳动纠纷普法讲座。",
            outputs="培训 6 场，每场不少于 30 人；法律咨询 120 次。",
            budget_fen=2_000_000,
            items=[("GM-FL-02", 6), ("GM-FL-01", 120)],
            communities=["建西东路社区"],
            drafted=as_of - datetime.timedelta(days=80),
        )
        self.publish(legal, as_of - datetime.timedelta(days=60))
        legal_bids = [
            self.bid(
                legal, guangji, price_fen=1_800_000, summary="广济社工联合律师事务所，每两月一场培训，每周一次咨询。"
            ),
            self.bid(
                legal,
                yixin,
                price_fen=1_650_000,
                summary="益心社工在社区服务站开课，培训后组织明白人结对帮扶。",
                hours_after=2,
            ),
        ]
        self.choices(legal, legal_bids, [[0], [1], [0], [0]])
        self.scores(legal, legal_bids, [78, 75])
        self.award(legal, self.today - datetime.timedelta(days=2))

        # Evaluation: choice over, panel scoring.
        today = self.today
        mind = self.project(
            "2026-mind",
            "铁路西村街道社区心理关爱服务",
            description="为独居老人、困境家庭提供心理疏导个案和社区支持小组。",
            outputs="个案服务 300 小时，支持小组 12 场。",
            budget_fen=12_000_000,
            items=[("GM-XL-01", 300), ("GM-SQ-01", 12)],
            communities=["铁路西村社区", "西站东路社区"],
            drafted=today - datetime.timedelta(days=50),
        )
        self.publish(mind, today - datetime.timedelta(days=38))
        mind_bids = [
            self.bid(mind, yixin, price_fen=11_500_000, summary="益心社工的心理社工每周驻点两天，做个案并带小组。"),
            self.bid(
                mind, guangji, price_fen=10_800_000, summary="广济社工与医院心理科合作，个案转介更快。", hours_after=4
            ),
        ]
        self.choices(mind, mind_bids, [[0], [1], [1], [0, 1], [1]])
        self.scores(mind, mind_bids, [80, 77])

        # Residents' choice: open now (王秀兰 of 铁路西村社区 can choose).
        homecare = self.project(
            "2026-homecare",
            "铁路西村社区居家养老上门服务",
            description="为失能、半失能老人提供上门助洁、助浴和陪同就医。",
            outputs="上门服务 3000 小时，助浴 600 人次。",
            budget_fen=20_000_000,
            items=[("GM-YL-02", 3000), ("GM-YL-04", 600), ("GM-YL-03", 600)],
            communities=["铁路西村社区", "建西东路社区"],
            drafted=today - datetime.timedelta(days=40),
        )
        self.publish(homecare, today - datetime.timedelta(days=24))
        homecare_bids = [
            self.bid(
                homecare,
                yixin,
                price_fen=18_500_000,
                summary="益心社工：护理员每天上门，助浴车每周两次进社区，陪诊由社工安排。",
            ),
            self.bid(
                homecare,
                xiyang,
                price_fen=17_200_000,
                summary="夕阳红养老中心：以长者食堂为据点，上门服务按预约排班。",
                hours_after=2,
            ),
            self.bid(
                homecare,
                longyuan,
                price_fen=19_000_000,
                summary="陇原同行：专业护理团队加邻里志愿者，夜间也能应急上门。",
                hours_after=6,
            ),
        ]
        self.choices(homecare, homecare_bids, [[0], [1, 2], [0]])

        # Open call: bids being received.
        school = self.project(
            "2026-afterschool",
            "建西东路社区四点半课堂（2027年春季）",
            description="为双职工家庭小学生提供课后作业辅导和兴趣活动。",
            outputs="每学期 120 课时，每课时不少于 20 名儿童。",
            budget_fen=3_000_000,
            items=[("GM-ET-01", 120), ("GM-ET-02", 100)],
            communities=["建西东路社区"],
            drafted=today - datetime.timedelta(days=20),
        )
        self.publish(school, today - datetime.timedelta(days=10), menu_min_items=1)
        self.bid(school, yixin, price_fen=2_700_000, summary="益心社工：大学生志愿者辅导作业，周五兴趣课。")

        # Planning: drafted from the needs, not yet published.
        self.project(
            "2027-bathing",
            "西站东路社区长者助浴服务",
            description="西站东路社区独居和失能老人洗澡难，拟购买上门助浴服务。",
            outputs="助浴 800 人次，安全事故为零。",
            budget_fen=7_000_000,
            items=[("GM-YL-04", 800)],
            communities=["西站东路社区"],
            drafted=as_of - datetime.timedelta(days=3),
        )
