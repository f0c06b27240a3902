"""One demo account per role (and a few more residents), all sharing DEMO_PASSWORD."""

from typing import NamedTuple

DEMO_PASSWORD = "sanshe-demo-2026"


class AccountData(NamedTuple):
    username: str
    display_name: str
    phone: str
    role: str  # a people.models.RoleKind value
    scope: str  # community, street, district or organization name; "" for unscoped roles
    verified: bool
    try_this: str  # what to look at when logged in as this account


ACCOUNTS = (
    AccountData(
        "resident",
        "王秀兰",
        "13919310001",
        "resident",
        "铁路西村社区",
        True,
        "退休铁路职工：查找附近服务，发布需求并看它被转介、接收；给邻居的需求点单；她也是市集微基金管理委员会主任：对小组的申请投票并宣布决定",
    ),
    AccountData(
        "newcomer",
        "李小军",
        "13826550002",
        "resident",
        "沙尾社区",
        False,
        "新来的外来务工人员，身份未核实：看看哪些操作需要先核实",
    ),
    AccountData("yulin", "陈丽", "15882040003", "resident", "玉林北路社区", True, "成都的居民：为孩子找四点半课堂"),
    AccountData(
        "staff",
        "张静",
        "13909310004",
        "community_staff",
        "铁路西村社区",
        True,
        "社区工作人员：核实居民身份，代不用手机的居民登记需求，分拣和合并需求，把需求转介给机构；查看服务可达性地图",
    ),
    AccountData(
        "orgstaff",
        "赵磊",
        "",
        "org_staff",
        "兰州市城关区益心社会工作服务中心",
        True,
        "机构工作人员：更新服务信息和本周名额，登记购买服务合同的服务记录",
    ),
    AccountData(
        "orgadmin",
        "刘芳",
        "13993110005",
        "org_admin",
        "兰州市城关区益心社会工作服务中心",
        True,
        "机构管理员：接收或婉拒转介来的需求，维护机构资料、服务和工作人员，在投标期代表机构投标",
    ),
    AccountData(
        "socialworker",
        "马晓燕",
        "18993120006",
        "social_worker",
        "兰州市城关区益心社会工作服务中心",
        True,
        "社工：接收转介，跟进个案",
    ),
    AccountData(
        "street",
        "杨建国",
        "",
        "street_officer",
        "铁路西村街道",
        True,
        "街道干部（购买方）：在“我的购买项目”起草项目、发布公告、定标、签约，凭证明确认里程碑并付款；项目卡住时可终止或取消",
    ),
    AccountData(
        "shawei",
        "黄小燕",
        "13923150021",
        "community_staff",
        "沙尾社区",
        True,
        "城中村社区的工作人员：在“议事协商”里看圆桌恳谈会上逐人记下的需求（已进入需求看板），登记人口结构和各部门派来的任务",
    ),
    AccountData("district", "何志强", "", "district_officer", "城关区", True, "区级干部：全区服务供给和购买服务"),
    AccountData(
        "funder",
        "周敏",
        "",
        "funder",
        "成都市武侯区社区发展基金会",
        True,
        "资助方：在“我的购买项目”发起基金会的资助项目（资助申请、评审、定标、签协议），查看资助去向",
    ),
    AccountData(
        "evaluator",
        "孙立",
        "",
        "evaluator",
        "",
        True,
        "评审专家：打开评审期的购买项目，给每份投标逐项打分（0–100），看校准后的排名；也为履约中的合同做绩效评价",
    ),
    AccountData(
        "admin", "平台管理员", "13800138000", "platform_admin", "", True, "平台管理员：后台 /admin/ 管理全部数据"
    ),
    AccountData(
        "futian",
        "郑海燕",
        "",
        "district_officer",
        "福田区",
        True,
        "福田区民政干部：发起社区党群服务中心评估，安排第三方、社区和街道评估人员，看校准后的等级并决定续签、整改或重新招标",
    ),
)
