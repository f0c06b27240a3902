"""An operating standard as a template: the data a district loads to hold its centres to a standard
(pure: no Django import). `SHENZHEN` follows the shape of Shenzhen's 社区党群服务中心 standard: 22 service
categories of which a centre runs at least 12, four indicator groups worth 100 points, yearly minimums
per kind of delivery (sessions and people counted separately) and a short residents' survey."""

from dataclasses import dataclass


@dataclass(frozen=True)
class IndicatorTemplate:
    name: str
    weight: int
    evidence: str


@dataclass(frozen=True)
class StandardTemplate:
    name: str
    issuer: str
    minimum_categories: int
    satisfaction_weight: int
    categories: tuple[str, ...]
    groups: tuple[tuple[str, tuple[IndicatorTemplate, ...]], ...]
    minimums: tuple[tuple[str, int, int], ...]  # (delivery kind, sessions a year, people a year)
    questions: tuple[str, ...]


Ind = IndicatorTemplate

SHENZHEN = StandardTemplate(
    name="深圳市社区党群服务中心运营标准（演示）",
    issuer="深圳市民政局",
    minimum_categories=12,
    satisfaction_weight=20,
    categories=(
        "党建引领",
        "长者服务",
        "青少年服务",
        "儿童服务",
        "家庭服务",
        "妇女服务",
        "残障人士服务",
        "新市民服务",
        "社区矫正与安置帮教",
        "禁毒服务",
        "心理健康服务",
        "就业帮扶",
        "社会救助",
        "志愿服务",
        "社区营造",
        "社区教育",
        "文化体育",
        "健康促进",
        "法律咨询",
        "邻里互助",
        "社区安全与应急",
        "议事协商",
    ),
    groups=(
        (
            "组织管理",
            (
                Ind("运营制度与服务台账", 8, "运营制度文件、服务台账"),
                Ind("人员配置与持证社工", 7, "人员名册、社会工作者职业资格证书"),
                Ind("场地开放与公示", 5, "开放时间公示照片、场地使用登记"),
            ),
        ),
        (
            "服务提供",
            (
                Ind("服务菜单落实", 10, "服务菜单及每类服务的开展记录"),
                Ind("个案服务", 10, "个案档案、需求评估与结案记录"),
                Ind("小组工作", 8, "小组计划书与每节过程记录"),
                Ind("社区活动", 7, "活动方案、签到表、现场照片"),
                Ind("转介与资源链接", 10, "转介单及接收方回执"),
            ),
        ),
        (
            "服务成效",
            (
                Ind("年度服务目标达成", 10, "年度计划与完成情况对照表"),
                Ind("重点人群覆盖", 8, "重点服务对象名册与服务记录"),
                Ind("居民参与与志愿服务", 7, "志愿者名册与服务时数记录"),
            ),
        ),
        (
            "财务与档案",
            (
                Ind("经费使用规范", 6, "财务报表、支出票据"),
                Ind("档案完整", 4, "档案目录与抽查记录"),
            ),
        ),
    ),
    minimums=(("activity", 48, 1200), ("casework", 30, 30), ("group_work", 8, 60), ("referral", 20, 20)),
    questions=(
        "你知道这个中心提供哪些服务吗？",
        "需要帮助时，中心的工作人员帮上忙了吗？",
        "中心的开放时间方便你吗？",
        "总的来说，你对这个中心满意吗？",
    ),
)
