"""This app's part of the demo city: a catalogue and purchase projects of 兰州 铁路西村街道 in every stage.

Ids and contents are deterministic (demo_id). Finished stages (and the project in planning) are
dated from as_of; only the live calls (open for bids, residents' choice, evaluation) and the
recent award with its challenge window are dated around the day the demo is loaded, so that
their periods are open when someone looks at them.
"""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from sanshe.demo.city import demo_id
from sanshe.directory.models import Organization
from sanshe.people.models import Role, RoleKind
from sanshe.places.models import Community, District, Street
from sanshe.procurement.models import (
    Award,
    Bid,
    BidEvent,
    BudgetLine,
    CatalogueItem,
    Choice,
    Contract,
    Criterion,
    CriterionKind,
    Decision,
    DeliveryRecord,
    EvaluatorAssignment,
    Indicator,
    Method,
    Milestone,
    Payment,
    PerformanceEvaluation,
    Project,
    ProjectEvent,
    ProjectItem,
    Score,
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


def _id(*key):
    return demo_id("procurement", *key)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


class _Demo:
    def __init__(self, as_of: datetime.date):
        self.as_of = as_of
        self.today = max(as_of, timezone.localdate())
        self.street = Street.objects.get(name="铁路西村街道")
        self.district = District.objects.get(pk=self.street.district_id)
        self.communities = {c.name: c for c in Community.objects.filter(street=self.street)}
        users = get_user_model().objects
        self.buyer = users.get(username="street")
        self.district_officer = users.get(username="district")
        self.evaluator = users.get(username="evaluator")
        self.residents = list(
            users.filter(
                roles__kind=RoleKind.RESIDENT, roles__verified_at__isnull=False, roles__community__street=self.street
            )
            .exclude(username="resident")
            .order_by("username")[:12]
        )
        self.panel = [self.evaluator, *self._panel_members()]
        self.items = {}

    def _panel_members(self):
        users = get_user_model().objects
        members = []
        for number, name in enumerate(("钱文", "吴宁", "郑海"), start=1):
            user = users.create(
                id=_id("panel", str(number)),
                username=f"panel{number}",
                display_name=name,
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            Role.objects.create(
                id=_id("panel-role", str(number)), user=user, kind=RoleKind.EVALUATOR, verified_at=_at(self.as_of)
            )
            members.append(user)
        return members

    def org(self, alternate):
        found = Organization.objects.filter(alternate_name=alternate).first()
        return found or Organization.objects.get(name__startswith="兰州", name__contains=alternate)

    # --- building blocks ---

    def catalogue(self):
        terms = {t.code: t for t in TaxonomyTerm.objects.domains()}
        for code, name, term, unit, price, service_class in CATALOGUE:
            self.items[code] = CatalogueItem.objects.create(
                id=_id("item", code),
                code=code,
                name=name,
                domain=terms[term],
                unit=unit,
                reference_price_fen=price,
                service_class=service_class,
            )

    def project(self, key, name, *, description, outputs, budget_fen, items, communities, drafted, continues_from=None):
        project = Project.objects.create(
            id=_id("project", key),
            name=name,
            buyer_street=self.street,
            created_by=self.buyer,
            description=description,
            outputs=outputs,
            budget_fen=budget_fen,
            budget_source=f"{drafted.year} 年铁路西村街道社区公共服务资金",
            continues_from=continues_from,
        )
        project.communities.set([self.communities[c] for c in communities])
        from sanshe.procurement.services import evidence_for

        project.evidence = evidence_for(project.communities.all())
        project.save(update_fields=["evidence"])
        for code, quantity in items:
            ProjectItem.objects.create(
                id=_id("project-item", key, code), project=project, catalogue_item=self.items[code], quantity=quantity
            )
        self.event(project, "", "draft", _at(drafted))
        return project

    def event(self, project, from_status, to_status, at, reason=""):
        ProjectEvent.objects.create(
            id=_id("event", str(project.pk), to_status),
            project=project,
            from_status=from_status,
            to_status=to_status,
            actor=self.buyer,
            reason=reason,
            at=at,
        )
        project.status = to_status
        project.save(update_fields=["status"])

    def publish(
        self, project, start: datetime.date, *, menu_min_items=2, continuous=False, budgeted_years=1, method=Method.OPEN
    ):
        project.enquiry_start = _at(start)
        project.submission_start = _at(start + datetime.timedelta(days=7))
        project.choice_start = _at(start + datetime.timedelta(days=21))
        project.evaluation_start = _at(start + datetime.timedelta(days=35))
        project.evaluation_end = _at(start + datetime.timedelta(days=42))
        project.method = method
        project.allowed_kinds = ["social_work_agency", "social_organization"]
        project.min_registered_years = 3
        project.min_rating = "3A"
        project.menu_min_items = menu_min_items
        project.continuous = continuous
        project.budgeted_years = budgeted_years
        project.save()
        for kind, name, weight in CRITERIA:
            Criterion.objects.create(
                id=_id("criterion", str(project.pk), kind), project=project, kind=kind, name=name, weight=weight
            )
        self.event(project, "draft", "published", _at(start - datetime.timedelta(days=1)))

    def bid(self, project, org, *, price_fen, summary, hours_after=0):
        submitted = project.submission_start + datetime.timedelta(days=2, hours=hours_after)
        bid = Bid.objects.create(
            id=_id("bid", str(project.pk), str(org.pk)),
            project=project,
            organization=org,
            submitted_at=submitted,
            summary=summary,
            plan=f"{org.name}派驻社工，按服务菜单逐项落实，每月向街道和社区报告。",
            team="持证社工 3 名、护理员 4 名、志愿者 20 名。",
            price_fen=price_fen,
        )
        bid.items.set(project.items.all())
        BudgetLine.objects.create(
            id=_id("line", str(bid.pk), "1"), bid=bid, description="人员经费", amount_fen=price_fen * 6 // 10
        )
        BudgetLine.objects.create(
            id=_id("line", str(bid.pk), "2"),
            bid=bid,
            description="活动与物料",
            amount_fen=price_fen - price_fen * 6 // 10,
        )
        BidEvent.objects.create(
            id=_id("bid-event", str(bid.pk)), bid=bid, to_status="submitted", actor=None, at=submitted
        )
        return bid

    def choices(self, project, bids, pattern):
        """pattern[i] is the list of bid indexes resident i approves."""
        for resident, chosen in zip(self.residents, pattern, strict=False):
            for index in chosen:
                Choice.objects.create(
                    id=_id("choice", str(bids[index].pk), str(resident.pk)), bid=bids[index], resident=resident
                )

    def scores(self, project, bids, base, generous_index=1):
        """Every panel member scores every bid; the second panel member is generous (+14)."""
        for e, evaluator in enumerate(self.panel):
            EvaluatorAssignment.objects.create(
                id=_id("assign", str(project.pk), str(evaluator.pk)), project=project, evaluator=evaluator
            )
            for b, bid in enumerate(bids):
                for criterion in project.criteria.exclude(kind=CriterionKind.RESIDENTS):
                    points = min(100, base[b] + (e * 3 % 5) - 2 + (14 if e == generous_index else 0))
                    Score.objects.create(
                        id=_id("score", str(bid.pk), str(criterion.pk), str(evaluator.pk)),
                        bid=bid,
                        criterion=criterion,
                        evaluator=evaluator,
                        points=points,
                    )

    def award(self, project, bids, decided: datetime.date):
        from sanshe.procurement.services import ranking

        result = ranking(project)
        winner = result.rows[0]
        record = Award.objects.create(
            id=_id("award", str(project.pk)),
            project=project,
            bid=winner.bid,
            decided_at=_at(decided, 15),
            total=round(winner.total, 2),
            challenge_until=_at(decided + datetime.timedelta(days=7), 15),
            sign_by=decided + datetime.timedelta(days=30),
            ranking=[
                {"bid": str(r.bid.pk), "organization": r.bid.organization.name, "total": round(r.total, 2)}
                for r in result.rows
            ],
        )
        for row in result.rows:
            status = "won" if row is winner else "lost"
            BidEvent.objects.create(
                id=_id("bid-result", str(row.bid.pk)),
                bid=row.bid,
                from_status="submitted",
                to_status=status,
                at=_at(decided, 15),
            )
            Bid.objects.filter(pk=row.bid.pk).update(status=status)
        self.event(project, "published", "awarded", _at(decided, 15))
        return record

    def contract(self, project, record, start: datetime.date, term_years=1):
        value = record.bid.price_fen
        contract = Contract.objects.create(
            id=_id("contract", str(project.pk)),
            project=project,
            award=record,
            organization=record.bid.organization,
            value_fen=value,
            start=start,
            end=start.replace(year=start.year + term_years) - datetime.timedelta(days=1),
            term_years=term_years,
            signed_at=_at(start - datetime.timedelta(days=3), 10),
        )
        plan = [
            ("delivery", "第一季度服务交付", 90, 0),
            ("reporting", "中期报告", 180, 0),
            ("payment", "首期款（40%）", 30, value * 4 // 10),
            ("payment", "中期款（30%）", 185, value * 3 // 10),
            ("payment", "尾款（30%）", 365 * term_years, value - value * 4 // 10 - value * 3 // 10),
        ]
        for kind, title, days, amount in plan:
            Milestone.objects.create(
                id=_id("milestone", str(contract.pk), title),
                contract=contract,
                kind=kind,
                title=title,
                due_date=start + datetime.timedelta(days=days),
                amount_fen=amount,
            )
        self.event(project, "awarded", "contracted", contract.signed_at)
        return contract

    def settle(self, contract, until: datetime.date):
        """Mark milestones due by `until` met and pay the payment ones."""
        for milestone in contract.milestones.filter(due_date__lte=until).order_by("due_date"):
            milestone.status = "met"
            milestone.met_at = _at(milestone.due_date, 17)
            milestone.save(update_fields=["status", "met_at"])
            if milestone.kind == "payment":
                Payment.objects.create(
                    id=_id("payment", str(milestone.pk)),
                    contract=contract,
                    milestone=milestone,
                    amount_fen=milestone.amount_fen,
                    paid_on=milestone.due_date + datetime.timedelta(days=5),
                )
                contract.paid_fen += milestone.amount_fen
        contract.save(update_fields=["paid_fen"])

    def mistake_and_reversal(self, contract):
        """The first payment was recorded twice; the duplicate is corrected by a linked reversing payment."""
        first = contract.milestones.filter(kind="payment").order_by("due_date").first()
        if first is None or first.status != "met":
            return
        paid_on = first.due_date + datetime.timedelta(days=6)
        duplicate = Payment.objects.create(
            id=_id("payment-duplicate", str(first.pk)),
            contract=contract,
            milestone=first,
            amount_fen=first.amount_fen,
            paid_on=paid_on,
            recorded_by=self.buyer,
        )
        Payment.objects.create(
            id=_id("payment-reversal", str(first.pk)),
            contract=contract,
            milestone=first,
            amount_fen=-first.amount_fen,
            paid_on=paid_on + datetime.timedelta(days=1),
            reverses=duplicate,
            reason="首期款重复录入，冲正。",
            recorded_by=self.buyer,
        )

    def deliveries(self, contract, until: datetime.date, place, content):
        day = contract.start + datetime.timedelta(days=3)
        number = 0
        while day <= min(until, contract.end):
            number += 1
            people = 18 + number * 7 % 13
            DeliveryRecord.objects.create(
                id=_id("delivery", str(contract.pk), str(number)),
                contract=contract,
                date=day,
                place=place,
                content=content,
                unique_people=people,
                visits=people * (2 + number % 3),
            )
            day += datetime.timedelta(days=14)

    # --- the stages ---

    def load(self):
        self.catalogue()
        yixin, longyuan, guangji, xiyang = (self.org(n) for n in ("益心社工", "陇原同行", "广济社工", "夕阳红"))
        Violation.objects.create(
            id=_id("violation", "1"),
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
        old_award = self.award(old, old_bids, datetime.date(2025, 1, 5))
        old_contract = self.contract(old, old_award, datetime.date(2025, 2, 1))
        self.deliveries(old_contract, datetime.date(2026, 1, 31), "铁路西村社区长者食堂", "长者助餐与独居老人探访")
        self.settle(old_contract, datetime.date(2026, 1, 31))
        evaluation = PerformanceEvaluation.objects.create(
            id=_id("evaluation", str(old_contract.pk)),
            contract=old_contract,
            evaluator=self.evaluator,
            evaluator_organization="甘肃公益评估中心",
            grade="A",
            decision=Decision.RENEW,
            summary="助餐和探访全年达标，服务记录完整；四点半课堂课时略少于约定。建议续签并增加课堂课时。",
            evaluated_on=datetime.date(2026, 2, 20),
        )
        for name, target, actual, unit in (
            ("助餐人次", 12000, 13480, "人次"),
            ("独居老人探访户次", 2400, 2520, "户次"),
            ("四点半课堂课时", 160, 148, "课时"),
            ("居民满意度", 90, 94, "%"),
        ):
            Indicator.objects.create(
                id=_id("indicator", name), evaluation=evaluation, name=name, target=target, actual=actual, unit=unit
            )
        self.event(old, "contracted", "completed", _at(datetime.date(2026, 2, 25)), reason="续签")

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
        current_award = self.award(current, current_bids, datetime.date(2026, 3, 8))
        current_contract = self.contract(current, current_award, datetime.date(2026, 4, 1), term_years=2)
        self.deliveries(current_contract, as_of, "铁路西村社区长者食堂", "长者助餐、独居老人探访、四点半课堂")
        self.settle(current_contract, as_of)
        self.mistake_and_reversal(current_contract)

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
        self.award(legal, legal_bids, self.today - datetime.timedelta(days=2))

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


def load(as_of):
    """Add this app's demo rows; called once, inside the demo city's transaction."""
    _Demo(as_of).load()
