"""The words that connect domains and residents' phrasing to services: seeded by migrations, and
again by the demo and the tests after a flush (every function is safe to run twice). Operators
extend both tables in the admin."""

# The related domains the matcher used when they were code (matching/selectors.py RELATED_DOMAINS).
PAIRS = {
    "elderly": ["medical-health", "disability-rehabilitation", "social-assistance"],
    "children": ["school", "youth", "marriage-family"],
    "youth": ["children", "school"],
    "school": ["children", "youth"],
    "disability-rehabilitation": ["medical-health", "elderly"],
    # Not mental health: a need for blood-pressure checks is not served by counselling.
    "medical-health": ["elderly", "disability-rehabilitation"],
    "mental-health": ["medical-health"],
    "women": ["marriage-family"],
    "marriage-family": ["women", "children"],
    "employment": ["worker-support", "migrants"],
    "worker-support": ["employment"],
    "migrants": ["employment", "social-assistance"],
    "social-assistance": ["migrants"],
}


# Residents' words -> the words services use, and the domain they point to. Operators extend it in the admin.
# Grown from the resident-style queries of tests/search/resident_queries.tsv and the needs residents write.
SYNONYMS = {
    "elderly": {
        "吃饭": "助餐 餐桌 饭堂 食堂 送餐 午餐",
        "饭": "助餐 餐桌 饭堂 送餐",
        "吃午饭": "助餐 餐桌 饭堂 午餐",
        "午饭": "助餐 餐桌 饭堂 午餐",
        "晚饭": "助餐 餐桌 饭堂 晚餐",
        "做饭": "助餐 餐桌 饭堂 送餐",
        "送饭": "送餐 助餐 餐桌 饭堂",
        "饭堂": "饭堂 食堂 餐桌 助餐",
        "食堂": "饭堂 餐桌 助餐",
        "助餐": "助餐 餐桌 饭堂 送餐",
        "老年餐": "餐桌 饭堂 助餐",
        "洗澡": "助浴 洗浴",
        "剪头发": "理发",
        "剃头": "理发",
        "照顾老人": "居家养老 上门服务 日间照料 探访 护理",
        "照看老人": "日间照料 日托",
        "白天": "日间照料 日托",
        "养老": "居家养老 日间照料 养老",
        "保姆": "居家养老 助洁 护理员",
        "一个人住": "独居 探访",
        "独居": "独居 探访",
        "陪老人": "探访 陪伴",
        "陪聊": "探访 陪伴",
        "手机": "智能手机",
        "微信": "智能手机 视频通话",
        "视频通话": "智能手机 视频通话",
        "网上挂号": "智能手机 挂号",
        "老年大学": "老年大学 教学点",
        "书法": "书法 老年大学",
        "画画": "国画 老年大学",
        "太极": "太极 老年大学",
        "唱歌": "合唱 声乐",
        "跳舞": "舞蹈 文娱",
    },
    "children": {
        "放学": "四点半 托管 课后 放学",
        "四点半": "四点半 托管",
        "托管": "四点半 托管",
        "课后": "四点半 托管 课后",
        "没人接": "四点半 托管 接送",
        "作业": "作业 辅导 学业",
        "补课": "辅导 学业",
        "辅导": "辅导 学业",
        "自闭症": "孤独症",
        "孤独症": "孤独症",
        "留守": "留守儿童 儿童之家 困境儿童",
    },
    "legal": {
        "打官司": "律师 法律 诉讼 法律援助",
        "官司": "律师 法律 诉讼",
        "律师": "律师",
        "法律": "法律",
        "起诉": "律师 诉讼 法律援助",
        "告状": "律师 法律 诉讼",
        "合同纠纷": "律师 合同 法律",
        "遗嘱": "律师 继承 法律",
        "分家产": "继承 律师 调解",
        "租金": "律师 法律 纠纷",
        "房租": "律师 法律 纠纷",
        "欠钱": "律师 法律 借款",
        "邻居吵架": "邻里纠纷",
        "邻居": "邻里纠纷 邻里",
        "漏水": "漏水 邻里纠纷",
        "噪音": "噪音 邻里纠纷",
        "扰民": "噪音 邻里纠纷",
        "吵架": "调解 纠纷",
    },
    "worker-support": {
        "拖欠工资": "讨薪 维权 律师 劳动",
        "欠工资": "讨薪 维权 律师",
        "不给工资": "讨薪 维权 律师",
        "讨薪": "讨薪 维权 律师",
        "工资": "讨薪 维权 劳动",
    },
    "employment": {
        "找工作": "就业 招聘 岗位 求职",
        "工作": "就业 岗位 招聘",
        "失业": "就业 失业 岗位",
        "下岗": "就业 失业",
        "招聘": "招聘 就业",
        "手艺": "技能 培训 夜校 课程",
        "学技术": "技能 培训 夜校",
        "挣钱": "义卖 收入",
        "手工": "手工 手工坊",
    },
    "medical-health": {
        "看病": "家庭医生 门诊 就医 全科医生",
        "看医生": "家庭医生 门诊 全科医生",
        "医生": "家庭医生 医生",
        "开药": "用药 家庭医生",
        "血压": "家庭医生 慢病 体检",
        "血糖": "家庭医生 慢病 体检",
        "糖尿病": "家庭医生 慢病",
        "高血压": "家庭医生 慢病",
        "慢性病": "慢病 家庭医生",
        "体检": "体检 家庭医生",
        "急救": "急救 救护 心肺复苏",
    },
    "mental-health": {
        "心里难受": "心理 情绪 咨询",
        "难受": "心理 情绪",
        "心情不好": "心理 情绪 疏导",
        "睡不着": "心理 焦虑 失眠",
        "失眠": "心理 焦虑 失眠",
        "想不开": "心理 危机干预 热线",
        "抑郁": "抑郁 心理",
        "焦虑": "焦虑 心理",
        "精神病": "精神障碍",
    },
    "marriage-family": {
        "离婚": "婚姻 调解 夫妻",
        "两口子": "夫妻 婚姻 调解",
        "夫妻吵架": "夫妻 婚姻 调解",
        "婆媳": "婆媳 家庭 调解",
        "家里吵架": "家庭 调解",
        "叛逆": "青少年 亲子 家庭教育",
        "沉迷手机": "青少年 亲子 网瘾",
        "亲子": "亲子 家庭教育",
    },
    "women": {
        "家暴": "家暴 家庭暴力 反家暴",
        "打人": "家暴 家庭暴力 反家暴",
        "打老婆": "家暴 反家暴",
    },
    "social-assistance": {
        "低保": "低保 救助 困难家庭",
        "困难": "救助 困难 帮扶",
        "没钱": "救助 困难 帮扶",
        "生活困难": "救助 困难 帮扶",
        "补贴": "补贴 救助",
    },
    "disability-rehabilitation": {
        "康复": "康复",
        "腿脚不好": "康复 肢体 辅具",
        "轮椅": "辅具 康复",
        "残疾": "残疾人 康复",
    },
    "veterans": {
        "退伍": "退役军人",
        "当兵": "退役军人",
        "军人": "退役军人",
    },
    "migrants": {
        "居住证": "居住证 新市民",
        "外地": "新市民 流动 随迁",
        "刚来": "新市民 融入",
        "新来": "新市民 融入",
    },
    "drug-rehabilitation": {
        "戒毒": "戒毒 康复",
        "吸毒": "戒毒 禁毒",
    },
    "community-building": {
        "志愿者": "志愿者",
        "做志愿": "志愿者",
        "做好事": "志愿者 互助",
    },
}


def seed_relations(TaxonomyTerm, DomainRelation):
    domains = {t.code: t for t in TaxonomyTerm.objects.filter(taxonomy__role="domain")}
    DomainRelation.objects.bulk_create(
        [
            DomainRelation(from_domain=domains[a], to_domain=domains[b])
            for a, targets in PAIRS.items()
            for b in targets
            if a in domains and b in domains
        ],
        ignore_conflicts=True,
    )


def seed_synonyms(TaxonomyTerm, SearchSynonym):
    domains = {t.code: t for t in TaxonomyTerm.objects.filter(taxonomy__role="domain")}
    SearchSynonym.objects.bulk_create(
        [
            SearchSynonym(phrase=phrase, service_words=words, domain=domains.get(code))
            for code, table in SYNONYMS.items()
            for phrase, words in table.items()
        ],
        ignore_conflicts=True,
    )
