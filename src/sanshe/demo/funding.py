"""The demo city's funding sources: funders of every kind, a foundation's grant call in 武侯区, and
organizations that live on government purchase to very different degrees.

The story: the operator registers the funders (the district and street budgets that buy services, the
province's welfare lottery fund, 武侯区社区发展基金会, a World Bank programme, a company's CSR fund and
residents' donations in aggregate). In March 2026 the foundation's officer 周敏 opens a grant call for
elders' mutual aid in 玉林街道; two agencies apply, the panel reviews, the foundation awards 玉林社工 and
signs the agreement with milestones and a final report. 玉林社工 also has a World Bank grant and a CSR
gift: its money is mixed. 城关区's agency that won 铁路西村's contracts lives almost wholly on them.

Called from the funds demo (funding lives in the funds app), after procurement's rows exist.
"""

import datetime
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model

from sanshe.common import clock, ids
from sanshe.demo.city import NAMESPACE
from sanshe.directory.models import Organization
from sanshe.funds import services as funds
from sanshe.funds.models import FunderKind
from sanshe.people.models import Role, RoleKind
from sanshe.places.models import Community, District, Street
from sanshe.procurement import services as procurement
from sanshe.procurement.models import CatalogueItem, Contract, CriterionKind

TZ = ZoneInfo("Asia/Shanghai")
FOUNDATION = "成都市武侯区社区发展基金会"
GRANTEE = "成都市武侯区玉林社会工作服务中心"
APPLICANT = "成都锦城同心社会工作服务中心"
CRITERIA = (
    (CriterionKind.PLAN, "项目设计与居民参与", 50),
    (CriterionKind.TEAM, "执行团队", 30),
    (CriterionKind.PRICE, "预算合理", 20),
)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=TZ)


def load(as_of: datetime.date) -> None:
    with ids.deterministic(NAMESPACE, "funding"):
        _Demo().load()


class _Demo:
    def __init__(self):
        users = get_user_model().objects
        self.admin = users.get(username="admin")
        self.officer = users.get(username="funder")  # 周敏, holding the funder role at the foundation
        self.panel = list(users.filter(roles__kind=RoleKind.EVALUATOR).distinct().order_by("username")[:3])
        self.foundation = Organization.objects.get(name=FOUNDATION)

    def staff_of(self, organization, username, name):
        """The organization's admin who applies and records its funding (a demo account without password)."""
        found = (
            get_user_model()
            .objects.filter(roles__organization=organization, roles__kind=RoleKind.ORG_ADMIN)
            .order_by("username")
            .first()
        )
        if found:
            return found
        user = get_user_model().objects.create(
            id=ids.derived_id(NAMESPACE, "funding", "user", username), username=username, display_name=name
        )
        user.set_unusable_password()
        user.save(update_fields=["password"])
        Role.objects.create(
            user=user, kind=RoleKind.ORG_ADMIN, organization=organization, verified_at=_at(datetime.date(2025, 1, 6))
        )
        return user

    def funders(self):
        """Every kind of funder, as the operator registers them."""
        register = funds.register_funder
        with clock.frozen_at(_at(datetime.date(2025, 1, 6))):
            chengguan = District.objects.get(name="城关区")
            wuhou = District.objects.get(name="武侯区")
            return {
                "province": register(
                    actor=self.admin, name="甘肃省福利彩票公益金", kind=FunderKind.GOVERNMENT_PROVINCE
                ),
                "city": register(actor=self.admin, name="成都市民政局社区发展专项", kind=FunderKind.GOVERNMENT_CITY),
                "chengguan": register(
                    actor=self.admin, name="城关区财政", kind=FunderKind.GOVERNMENT_DISTRICT, district=chengguan
                ),
                "wuhou": register(
                    actor=self.admin, name="武侯区财政", kind=FunderKind.GOVERNMENT_DISTRICT, district=wuhou
                ),
                "tielu": register(
                    actor=self.admin,
                    name="铁路西村街道财政",
                    kind=FunderKind.GOVERNMENT_STREET,
                    street=Street.objects.get(name="铁路西村街道"),
                ),
                "yulin": register(
                    actor=self.admin,
                    name="玉林街道财政",
                    kind=FunderKind.GOVERNMENT_STREET,
                    street=Street.objects.get(name="玉林街道"),
                ),
                "foundation": register(
                    actor=self.admin,
                    name=FOUNDATION,
                    kind=FunderKind.FOUNDATION,
                    organization=self.foundation,
                    description="地方性公募基金会，资助居民自组织和社区微项目。",
                ),
                "fukang": register(
                    actor=self.admin,
                    name="深圳市福田区福康社区公益基金会",
                    kind=FunderKind.FOUNDATION,
                    organization=Organization.objects.get(name="深圳市福田区福康社区公益基金会"),
                ),
                "world_bank": register(
                    actor=self.admin,
                    name="世界银行社区养老服务能力建设项目",
                    kind=FunderKind.INTERNATIONAL,
                    description="世界银行贷款项目中的社区养老服务能力建设子项目。",
                ),
                "undp": register(actor=self.admin, name="联合国开发计划署社区韧性项目", kind=FunderKind.INTERNATIONAL),
                "csr": register(
                    actor=self.admin,
                    name="蓉城电力公益基金（企业社会责任）",
                    kind=FunderKind.COMPANY,
                    description="企业社会责任项目，每年资助社区为老服务。",
                ),
                "individuals": register(
                    actor=self.admin,
                    name="个人捐赠（汇总）",
                    kind=FunderKind.INDIVIDUALS,
                    description="居民和爱心人士的小额捐赠，只统计总额，不登记个人信息。",
                ),
            }

    def grant_call(self):
        """The foundation's grant call for elders' mutual aid in 玉林街道: review, award, agreement."""
        communities = list(Community.objects.filter(street__name="玉林街道").order_by("name"))
        items = {item.code: item for item in CatalogueItem.objects.filter(code__in=["GM-YL-03", "GM-SQ-01"])}
        start = datetime.date(2026, 3, 10)
        day = datetime.timedelta(days=1)
        with clock.frozen_at(_at(datetime.date(2026, 3, 2))):
            project = procurement.draft_project(
                actor=self.officer,
                name="玉林片区长者互助小额资助",
                description="资助社会组织在玉林街道组织低龄老人探访高龄独居老人，并开展院落互助活动。",
                outputs="每月探访独居老人不少于 120 户次，每季度院落互助活动不少于 3 场，年底提交结项报告。",
                budget_fen=30_000_000,
                budget_source="武侯区社区发展基金会 2026 年社区互助资助计划",
                communities=communities,
                items=[(items["GM-YL-03"], 1000), (items["GM-SQ-01"], 12)],
                buyer_organization=self.foundation,
            )
            procurement.publish_call(
                actor=self.officer,
                project=project,
                enquiry_start=_at(start),
                submission_start=_at(start + 7 * day),
                choice_start=_at(start + 21 * day),
                evaluation_start=_at(start + 28 * day),
                evaluation_end=_at(start + 35 * day),
                criteria=list(CRITERIA),
                menu_min_items=2,
                min_registered_years=3,
            )
        applicants = []
        for number, (name, price, summary) in enumerate(
            (
                (GRANTEE, 26_000_000, "低龄老人结对探访高龄独居老人，院落里办互助茶话会。"),
                (APPLICANT, 28_000_000, "组织新市民志愿者陪伴老人，开展手机课堂。"),
            )
        ):
            organization = Organization.objects.get(name=name)
            staff = self.staff_of(organization, f"grantee{number + 1}", ("李静", "王浩")[number])
            with clock.frozen_at(project.submission_start + datetime.timedelta(days=2, hours=number)):
                applicants.append(
                    procurement.submit_bid(
                        actor=staff,
                        project=project,
                        organization=organization,
                        data={
                            "summary": summary,
                            "plan": f"{organization.name}派社工带领志愿者，按月探访、按季办活动，年底交结项报告。",
                            "team": "持证社工 2 名、低龄老人志愿者 30 名。",
                            "items": list(project.items.all()),
                            "budget_lines": [("人员经费", price // 2), ("活动与物料", price - price // 2)],
                        },
                    )
                )
        with clock.frozen_at(project.submission_start):
            for evaluator in self.panel:
                procurement.assign_evaluator(actor=self.officer, project=project, evaluator=evaluator)
        with clock.frozen_at(project.evaluation_start + day):
            for e, evaluator in enumerate(self.panel):
                for b, bid in enumerate(applicants):
                    for criterion in project.criteria.all():
                        procurement.score_bid(actor=evaluator, bid=bid, criterion=criterion, points=(86, 74)[b] + e * 2)
        with clock.frozen_at(_at(datetime.date(2026, 4, 16), 15)):
            procurement.award(actor=self.officer, project=project)
        with clock.frozen_at(_at(datetime.date(2026, 4, 28), 10)):
            return procurement.sign_contract(
                actor=self.officer,
                project=project,
                start=datetime.date(2026, 5, 1),
                term_years=1,
                milestones=[
                    {
                        "kind": "payment",
                        "title": "首期资助款",
                        "due_date": datetime.date(2026, 5, 15),
                        "amount_fen": 13_000_000,
                    },
                    {"kind": "delivery", "title": "半年探访记录", "due_date": datetime.date(2026, 10, 31)},
                    {"kind": "reporting", "title": "结项报告", "due_date": datetime.date(2027, 4, 30)},
                    {
                        "kind": "payment",
                        "title": "尾款",
                        "due_date": datetime.date(2027, 5, 15),
                        "amount_fen": 13_000_000,
                    },
                ],
            )

    def records(self, funders):
        """What the platform cannot derive: 玉林社工's other grants (mixed money) and a small gift to the
        城关区 agency that otherwise lives on 铁路西村's contracts."""
        grantee = Organization.objects.get(name=GRANTEE)
        grantee_admin = self.staff_of(grantee, "grantee1", "李静")
        with clock.frozen_at(_at(datetime.date(2026, 6, 1))):
            for funder, year, amount, note in (
                ("world_bank", 2025, 18_000_000, "社区养老服务能力建设子项目第一期"),
                ("world_bank", 2026, 12_000_000, "社区养老服务能力建设子项目第二期"),
                ("csr", 2026, 5_000_000, "长者助餐设备捐赠"),
                ("yulin", 2025, 4_000_000, "院落自治以奖代补"),
                ("individuals", 2026, 800_000, "九九重阳募捐"),
            ):
                funds.record_funding(
                    actor=grantee_admin,
                    organization=grantee,
                    funder=funders[funder],
                    year=year,
                    amount_fen=amount,
                    note=note,
                )
        bought = Contract.objects.filter(project__buyer_street__name="铁路西村街道").order_by("start").last()
        if bought is None:
            return
        contractor_admin = self.staff_of(bought.organization, "contractor1", "张敏")
        with clock.frozen_at(_at(datetime.date(2026, 9, 1))):
            funds.record_funding(
                actor=contractor_admin,
                organization=bought.organization,
                funder=funders["individuals"],
                year=2026,
                amount_fen=600_000,
                note="中秋义卖所得",
            )

    def load(self):
        funders = self.funders()
        self.grant_call()
        self.records(funders)
