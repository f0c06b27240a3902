"""Kinds of service the demo organizations offer, each a template for several services.

Domains and target groups are codes from sanshe.taxonomy.seed. Hours are
HSDS-like weekly (or monthly) rules; money is in 分.
"""

from typing import NamedTuple


class Hours(NamedTuple):
    byday: str = ""
    opens_at: str = ""
    closes_at: str = ""
    description: str = ""
    freq: str = "WEEKLY"
    bymonthday: str = ""


class Cost(NamedTuple):
    option: str
    amount_fen: int
    amount_description: str = ""


class ServiceKind(NamedTuple):
    name: str
    description: str
    domains: tuple[str, ...]
    target_groups: tuple[str, ...]
    hours: tuple[Hours, ...]
    costs: tuple[Cost, ...] = (Cost("免费", 0),)
    eligibility: str = ""
    application: str = "到服务点现场登记，或致电咨询预约。"
    minimum_age: int | None = None
    maximum_age: int | None = None
    capacity: int | None = None
    # Offered at every served community's 党群服务中心, each with its own hours.
    at_each_community: bool = False
    virtual: bool = False


FREE = (Cost("免费", 0),)
H = Hours

KINDS: dict[str, ServiceKind] = {
    "legal-one-yuan": ServiceKind(
        "社区律师一元法律咨询",
        "执业律师轮流驻点，解答婚姻继承、劳动争议、物业纠纷、借贷合同等法律问题，"
        "协助起草简单文书；需要诉讼的，转介法律援助中心。",
        ("legal",), ("all-residents", "low-income"),
        (H("TU", "14:00", "17:00", "律师驻点"), H("SA", "09:00", "12:00", "周六上午")),
        (Cost("每次咨询", 100, "每次¥1，低保户免费"),),
        eligibility="辖区居民；低保、特困人员凭证件免费。",
        application="带身份证到驻点登记，或提前一天电话预约。",
        capacity=16, at_each_community=True,
    ),
    "family-doctor": ServiceKind(
        "家庭医生签约",
        "由全科医生、护士和公卫人员组成团队，为签约居民建立健康档案，提供慢病随访、"
        "用药指导、预约转诊；65岁以上老人每年一次免费体检。",
        ("medical-health", "elderly"), ("all-residents", "elderly-alone", "elderly-disabled"),
        (H("MO,TU,WE,TH,FR", "08:30", "11:30", "上午门诊"), H("MO,TU,WE,TH,FR", "14:30", "17:00", "下午门诊")),
        (Cost("基础服务包", 0, "医保基金和公卫经费支付"), Cost("个性化服务包", 12000, "每年¥120，含上门随访")),
        eligibility="辖区常住居民，持居住证的外来人员同样可以签约。",
        application="带身份证和医保卡到社区卫生服务站签约。",
        capacity=60,
    ),
    "after-school": ServiceKind(
        "四点半课堂",
        "放学后到家长下班前的托管：大学生志愿者和社工陪伴孩子完成作业，"
        "开展阅读、手工和安全教育，解决双职工家庭“接送难”。",
        ("children", "school"), ("migrant-children", "children-in-difficulty", "families"),
        (H("MO,TU,WE,TH,FR", "16:30", "18:30", "放学后"),),
        eligibility="辖区内小学一至六年级学生，须家长签署接送协议。",
        application="家长带孩子到社区报名，签署安全协议后入班。",
        minimum_age=6, maximum_age=12, capacity=30, at_each_community=True,
    ),
    "community-table": ServiceKind(
        "社区老年餐桌",
        "中心厨房统一配餐，两荤一素一汤，少盐少油；行动不便的老人可预约送餐上门。",
        ("elderly",), ("elderly-alone", "elderly-empty-nest", "elderly-disabled"),
        (H("MO,TU,WE,TH,FR,SA", "11:00", "13:00", "午餐"), H("MO,TU,WE,TH,FR", "17:00", "18:30", "晚餐")),
        (Cost("午餐", 1200, "每餐¥12"), Cost("80岁以上及低保老人午餐", 600, "每餐¥6，政府补贴")),
        eligibility="60岁以上辖区老人。",
        application="首次就餐带身份证办理助餐卡。",
        minimum_age=60, capacity=300,
    ),
    "elder-canteen": ServiceKind(
        "长者饭堂",
        "为长者提供营养午餐和晚餐，菜单每周公示；饭堂同时是老人们聊天、看报的去处。",
        ("elderly",), ("elderly-alone", "elderly-empty-nest"),
        (H("MO,TU,WE,TH,FR,SA,SU", "11:00", "13:00", "午餐"), H("MO,TU,WE,TH,FR", "17:00", "18:30", "晚餐")),
        (Cost("午餐", 1500, "每餐¥15"), Cost("户籍80岁以上长者", 500, "每餐¥5，区财政补贴")),
        eligibility="60岁以上长者，持居住证的非户籍长者同样可以就餐。",
        application="带身份证到饭堂登记即可用餐。",
        minimum_age=60, capacity=420, at_each_community=True,
    ),
    "youth-station": ServiceKind(
        "青春驿站",
        "面向辍学、失业和闲散青少年的活动空间：兴趣小组、职业体验、心理支持，"
        "社工一对一跟进有需要的孩子。",
        ("youth",), ("youth-at-risk",),
        (H("WE,FR", "15:00", "20:00", "平日"), H("SA", "10:00", "17:00", "周六")),
        application="直接到驿站参加活动；学校或家长也可以转介。",
        minimum_age=12, maximum_age=25, capacity=40,
    ),
    "peer-recovery": ServiceKind(
        "同伴教育戒毒康复小组",
        "由康复成功的同伴辅导员和社工共同带领，每周一次小组活动，分享保持操守的经验，"
        "练习拒绝技巧，并对接就业和家庭关系修复。",
        ("drug-rehabilitation", "mental-health"), ("drug-rehabilitation",),
        (H("TH", "14:30", "16:30", "小组活动"),),
        eligibility="社区戒毒、社区康复人员，经社区戒毒康复工作站转介；严格保密。",
        application="由禁毒专干或社工转介，不接受现场报名。",
        minimum_age=18, capacity=12,
    ),
    "disability-rehab": ServiceKind(
        "残疾人社区康复",
        "康复治疗师和社工在社区康复站提供肢体功能训练、辅具适配指导和家属照护培训。",
        ("disability-rehabilitation", "medical-health"), ("people-with-disabilities", "elderly-disabled"),
        (H("MO,WE,FR", "09:00", "11:30", "康复训练"),),
        eligibility="持残疾人证的辖区居民；未办证者可先评估。",
        application="带残疾人证到社区康复站建档，评估后制定训练计划。",
        capacity=20,
    ),
    "elder-visits": ServiceKind(
        "独居老人探访",
        "社工和志愿者定期上门或电话探访独居、空巢老人，了解身体和生活状况，"
        "协助就医、代购和申请补贴，发现风险及时通知家属和社区。",
        ("elderly",), ("elderly-alone", "elderly-empty-nest"),
        (H("MO,TU,WE,TH,FR", "09:00", "17:00", "上门探访"),),
        eligibility="60岁以上独居或空巢老人；子女、邻居或楼栋长均可代为申请。",
        application="到社区登记，或由楼栋长、网格员转介。",
        minimum_age=60, capacity=40,
    ),
    "migrant-tutoring": ServiceKind(
        "流动儿童学业辅导",
        "志愿者教师为随迁子女辅导语文、数学和英语，帮助适应新学校；每学期组织一次家长课堂。",
        ("children", "migrants", "school"), ("migrant-children",),
        (H("TU,TH", "18:30", "20:30", "晚间辅导"), H("SA", "09:00", "11:30", "周六上午")),
        eligibility="随迁子女（7-15岁），优先照顾困难家庭。",
        application="家长带孩子到社区报名，说明年级和需要辅导的科目。",
        minimum_age=7, maximum_age=15, capacity=25,
    ),
    "family-mediation": ServiceKind(
        "婚姻家庭调解",
        "社工和人民调解员调解夫妻矛盾、赡养纠纷和家庭财产争议，必要时链接法律援助和心理咨询。",
        ("marriage-family", "legal"), ("families", "women"),
        (H("WE", "14:00", "17:30", "调解室开放"), H("SA", "09:30", "11:30", "周六预约")),
        eligibility="辖区家庭；双方或一方申请均可。",
        application="电话预约，说明纠纷概况；涉及家暴的可直接求助，当天处理。",
        minimum_age=18, capacity=10,
    ),
    "employment": ServiceKind(
        "就业创业指导",
        "提供职业测评、简历辅导、岗位推荐和创业政策咨询，每月举办一次社区招聘会。",
        ("employment",), ("unemployed", "migrant-workers", "low-income"),
        (H("TU,TH", "09:00", "12:00", "咨询窗口"),),
        eligibility="16-60岁有就业意愿的居民。",
        application="带身份证到窗口登记求职意向。",
        minimum_age=16, maximum_age=60, capacity=30,
    ),
    "hotline": ServiceKind(
        "心理咨询热线",
        "经过培训的心理咨询师接听来电，提供情绪疏导和危机干预；有自伤风险的来电转介专业机构。",
        ("mental-health",), ("all-residents", "mental-illness"),
        (H("MO,TU,WE,TH,FR,SA,SU", "08:00", "22:00", "热线接听"),),
        application="直接拨打热线，无需预约。",
        virtual=True,
    ),
    "correction": ServiceKind(
        "社区矫正帮教",
        "配合司法所开展社区矫正对象的教育帮扶：个案辅导、公益活动、技能培训和家庭支持。",
        ("community-correction", "legal"), ("community-correction",),
        (H("MO,WE", "09:00", "12:00", "集中教育"),),
        eligibility="司法所接收的社区矫正对象。",
        application="由司法所转介。",
        capacity=15,
    ),
    "first-aid": ServiceKind(
        "应急救护培训",
        "红十字会认证讲师教授心肺复苏、AED使用、海姆立克急救和常见外伤处理，考核合格发证。",
        ("emergency", "medical-health"), ("all-residents",),
        (H("", "09:00", "12:00", "每月10日、25日上午", "MONTHLY", "10,25"),),
        application="提前在社区报名，每期30人。",
        minimum_age=14, capacity=30,
    ),
    "day-care": ServiceKind(
        "日间照料中心",
        "白天托管半失能老人：午餐午休、康复锻炼、健康监测和文娱活动，傍晚家属接回。",
        ("elderly",), ("elderly-disabled", "elderly-empty-nest"),
        (H("MO,TU,WE,TH,FR", "08:00", "17:30", "日托"),),
        (Cost("全日托", 3000, "每天¥30，含午餐"), Cost("半日托", 1500, "每半天¥15")),
        eligibility="60岁以上、生活基本自理或半自理的老人。",
        application="家属陪同到中心做能力评估后签约。",
        minimum_age=60, capacity=25,
    ),
    "home-care": ServiceKind(
        "居家养老上门服务",
        "护理员上门提供助浴、助洁、助医、代购和简单护理，服务记录家属可在线查看。",
        ("elderly",), ("elderly-disabled", "elderly-alone"),
        (H("MO,TU,WE,TH,FR,SA", "08:30", "17:30", "上门服务"),),
        (Cost("助浴", 4000, "每次¥40"), Cost("助洁", 2500, "每小时¥25"), Cost("低保、特困老人", 0, "政府购买，免费")),
        eligibility="60岁以上居家老人。",
        application="电话预约，护理员首次上门评估。",
        minimum_age=60, capacity=50,
    ),
    "mental-rehab": ServiceKind(
        "精神障碍社区康复",
        "康复驿站为病情稳定的精神障碍患者提供服药训练、社交技能练习和职业康复，"
        "每月开展一次家属支持小组。",
        ("mental-health", "disability-rehabilitation"), ("mental-illness",),
        (H("MO,TU,WE,TH,FR", "09:00", "16:00", "康复驿站"),),
        eligibility="病情稳定、经精神科医生评估可参加社区康复的患者。",
        application="由社区卫生服务中心或家属申请，评估后入站。",
        minimum_age=16, maximum_age=65, capacity=20,
    ),
    "women-home": ServiceKind(
        "妇女之家反家暴援助",
        "为遭受家庭暴力的妇女提供倾听、安全计划、庇护转介和申请人身安全保护令的协助。",
        ("women", "marriage-family", "legal"), ("women",),
        (H("TU,FR", "14:00", "17:00", "值班接待"),),
        application="到妇女之家或拨打求助电话；紧急情况请先拨打110。",
        minimum_age=16,
    ),
    "children-home": ServiceKind(
        "儿童之家困境儿童关爱",
        "儿童主任定期走访困境和留守儿童，开展周末成长小组、绘本阅读和安全教育。",
        ("children", "social-assistance"), ("children-in-difficulty", "left-behind-children"),
        (H("SA,SU", "09:00", "17:00", "周末开放"),),
        minimum_age=3, maximum_age=16, capacity=35,
    ),
    "assistance-intake": ServiceKind(
        "社会救助一门受理",
        "低保、特困供养、临时救助、医疗救助等一个窗口受理，材料不全的一次性告知。",
        ("social-assistance",), ("low-income", "families"),
        (H("MO,TU,WE,TH,FR", "09:00", "12:00", "上午"), H("MO,TU,WE,TH,FR", "14:00", "17:30", "下午")),
        eligibility="户籍或持居住证的困难家庭，具体以救助政策为准。",
        application="带身份证、户口簿和收入证明到窗口申请。",
    ),
    "veterans-service": ServiceKind(
        "退役军人服务站",
        "为退役军人及其家属办理优待证、政策咨询、就业推荐和困难帮扶。",
        ("veterans",), ("veterans",),
        (H("MO,TU,WE,TH,FR", "09:00", "17:00", "办公时间"),),
        application="带退役证件到服务站。",
    ),
    "night-school": ServiceKind(
        "外来务工人员夜校",
        "晚间开设电工、育婴、电商直播和普通话课程，结业后推荐就业；也讲劳动合同和社保常识。",
        ("migrants", "employment", "worker-support"), ("migrant-workers",),
        (H("MO,WE", "19:30", "21:00", "夜校"),),
        minimum_age=16, maximum_age=55, capacity=45,
    ),
    "neighbour-festival": ServiceKind(
        "邻里节与楼栋议事",
        "每月一次楼栋议事会，居民商量加装电梯、停车和环境整治等身边事；每年秋季举办邻里节。",
        ("community-building",), ("all-residents",),
        (H("SA", "15:00", "17:00", "议事会"),),
        application="直接参加，或联系楼栋长提出议题。",
    ),
    "senior-university": ServiceKind(
        "老年大学社区教学点",
        "开设书法、国画、声乐、太极和智能手机课，每学期16周。",
        ("elderly",), ("elderly-empty-nest", "all-residents"),
        (H("TU,TH", "09:00", "11:00", "上课时间"),),
        (Cost("每学期", 10000, "每学期¥100，教材另计"),),
        minimum_age=55, capacity=80,
    ),
    "smart-phone": ServiceKind(
        "老年人智能手机课堂",
        "手把手教老人用健康码、视频通话、网上挂号和识别电信诈骗。",
        ("elderly",), ("elderly-alone", "elderly-empty-nest"),
        (H("WE", "09:30", "11:00", "课堂"),),
        minimum_age=60, capacity=20,
    ),
    "parenting": ServiceKind(
        "家庭教育亲子沙龙",
        "心理老师和社工带领家长讨论沟通、情绪和学习习惯，同时组织亲子游戏。",
        ("marriage-family", "children"), ("families",),
        (H("SU", "09:30", "11:30", "沙龙"),),
        capacity=24,
    ),
    "autism": ServiceKind(
        "孤独症儿童融合活动",
        "特教老师和志愿者带领孤独症儿童参加社区融合游戏、社交小组，家长同步参加支持课程。",
        ("disability-rehabilitation", "children"), ("people-with-disabilities", "children-in-difficulty"),
        (H("SA", "09:00", "12:00", "融合活动"),),
        (Cost("康复训练课", 8000, "每次¥80"), Cost("持残疾人证儿童", 0, "残联补贴，免费")),
        eligibility="3-14岁经医院诊断的孤独症谱系儿童。",
        minimum_age=3, maximum_age=14, capacity=12,
    ),
    "anti-drug-education": ServiceKind(
        "禁毒宣传进校园",
        "禁毒社工到中小学开展情景剧、模拟道具展示和新型毒品辨识课。",
        ("drug-rehabilitation", "youth", "school"), ("youth-at-risk",),
        (H("FR", "14:00", "16:00", "进校园"),),
        application="学校联系预约。",
        minimum_age=10, maximum_age=18,
    ),
    "worker-support": ServiceKind(
        "困难职工帮扶",
        "为困难职工建档，提供生活救助、子女助学和医疗互助，协助讨薪维权。",
        ("worker-support", "social-assistance"), ("low-income", "unemployed", "migrant-workers"),
        (H("TU,TH", "09:00", "12:00", "接待日"),),
        eligibility="辖区企业在职或失业职工。",
    ),
    "counselling": ServiceKind(
        "个案心理咨询",
        "国家认证心理咨询师面对面咨询，处理焦虑、抑郁、亲子冲突和丧亲哀伤。",
        ("mental-health",), ("all-residents", "mental-illness"),
        (H("MO,WE,FR", "14:00", "18:00", "预约咨询"), H("SA", "09:00", "12:00", "周六")),
        (Cost("首次咨询", 0, "免费"), Cost("后续咨询", 5000, "每次¥50，低保户免费")),
        application="电话预约；首次咨询做评估。",
        capacity=12,
    ),
    "emergency-drill": ServiceKind(
        "社区应急演练与防灾培训",
        "每月组织一次消防、地震疏散或防汛演练，培训楼栋应急志愿者。",
        ("emergency", "community-building"), ("all-residents",),
        (H("", "15:00", "17:00", "每月20日", "MONTHLY", "20"),),
    ),
    "disability-employment": ServiceKind(
        "残疾人辅助性就业",
        "阳光家园工疗站组织心智障碍和重度残疾人从事手工加工，按件取酬，同时开展生活技能训练。",
        ("disability-rehabilitation", "employment"), ("people-with-disabilities",),
        (H("MO,TU,WE,TH,FR", "09:00", "16:00", "工疗时间"),),
        eligibility="16-59岁持证残疾人。",
        minimum_age=16, maximum_age=59, capacity=30,
    ),
    "low-income-visit": ServiceKind(
        "困难家庭入户走访",
        "社工入户评估困难家庭需要，制定帮扶计划，链接救助、就业、教育和慈善资源。",
        ("social-assistance",), ("low-income", "families"),
        (H("MO,TU,WE,TH,FR", "09:00", "17:00", "入户走访"),),
        capacity=30,
    ),
    "bath-haircut": ServiceKind(
        "长者助浴理发日",
        "每月两次为老人理发、修脚和助浴，卧床老人可预约上门。",
        ("elderly",), ("elderly-disabled", "elderly-alone"),
        (H("", "09:00", "11:30", "每月8日、22日", "MONTHLY", "8,22"),),
        (Cost("理发", 500, "每次¥5"), Cost("上门助浴", 3000, "每次¥30")),
        minimum_age=60, capacity=40,
    ),
    "mediation": ServiceKind(
        "邻里纠纷人民调解",
        "人民调解员调解噪音、漏水、停车和宠物等邻里纠纷，达成协议的可申请司法确认。",
        ("legal", "community-building"), ("all-residents",),
        (H("MO,TU,WE,TH,FR", "09:00", "17:00", "调解室"),),
    ),
    "volunteers": ServiceKind(
        "志愿者招募与培训",
        "招募楼栋、助老、助学和环保志愿者，提供岗前培训，服务时长可兑换积分。",
        ("community-building",), ("all-residents",),
        (H("SA", "14:00", "16:00", "培训"),),
        minimum_age=16,
    ),
    "newcomers": ServiceKind(
        "新市民融入课堂",
        "讲解居住证、积分入学、社保和租房政策，组织新老居民联谊，帮助新市民融入社区。",
        ("migrants", "community-building"), ("migrant-workers", "families"),
        (H("WE", "19:00", "21:00", "课堂"),),
        capacity=40,
    ),
    "micro-wish": ServiceKind(
        "困境家庭微心愿认领",
        "收集困境儿童和老人的小心愿（书包、助听器、冬衣），由爱心企业和居民认领。",
        ("social-assistance",), ("children-in-difficulty", "low-income", "elderly-alone"),
        (H("MO,TU,WE,TH,FR", "09:00", "17:00", "受理"),),
        application="社区或社工代为提交心愿。",
    ),
    "microfund-coaching": ServiceKind(
        "社区微项目申报辅导",
        "辅导居民团体和社区社会组织设计微项目、编制预算、申请社区基金和写结项报告。",
        ("community-building",), ("all-residents",),
        (H("TH", "14:00", "17:00", "辅导"),),
        capacity=8,
    ),
    "choir": ServiceKind(
        "老年合唱团排练",
        "退休职工自发组织的合唱团，每周排练两次，节假日到社区演出，欢迎新成员。",
        ("elderly", "community-building"), ("elderly-empty-nest",),
        (H("TU,FR", "09:30", "11:30", "排练"),),
        minimum_age=50,
    ),
    "time-bank": ServiceKind(
        "邻里互助时间银行",
        "居民互相提供接送孩子、代购、陪诊等帮助，时长存入时间银行，需要时兑换他人的帮助。",
        ("community-building",), ("all-residents", "elderly-alone"),
        (H("SA,SU", "10:00", "16:00", "登记"),),
        minimum_age=16,
    ),
    "handcraft": ServiceKind(
        "妈妈手工坊",
        "全职妈妈们一起做蜀绣、编织和布艺，作品在社区义卖，部分收入支持困境儿童。",
        ("women", "employment"), ("women", "families"),
        (H("TU,TH", "09:30", "11:30", "手工坊"),),
        minimum_age=18,
    ),
}
