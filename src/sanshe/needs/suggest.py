"""Suggest a need's domain and target group from the resident's own words (pure: no Django import).

A keyword table names, for each domain and target-group code (sanshe.taxonomy.seed), words
that point to it. Each keyword found in the text adds its weight; the best-scoring code wins,
ties going to the earlier entry of the table. (A word segmenter found nothing more: every word
it cuts is a substring of the text; and its dictionary took a second to load.)
"""

DOMAIN_KEYWORDS: dict[str, dict[str, int]] = {
    "elderly": {"老人": 3, "老年": 3, "助餐": 3, "送餐": 3, "老伴": 2, "养老": 3, "助浴": 3, "陪护": 2, "独居": 2},
    "legal": {"法律": 3, "律师": 3, "纠纷": 2, "合同": 2, "欠薪": 2, "起诉": 3, "维权": 2, "遗嘱": 2, "赡养": 1},
    "children": {"孩子": 2, "儿童": 3, "小孩": 2, "托管": 3, "作业": 2, "辅导": 1, "幼儿": 3, "放学": 2},
    "youth": {"青少年": 3, "中学生": 3, "初中": 2, "高中": 2, "叛逆": 2, "网瘾": 3},
    "medical-health": {"看病": 3, "体检": 3, "血压": 3, "糖尿病": 3, "康复": 1, "医生": 2, "药": 1, "护理": 2},
    "disability-rehabilitation": {"残疾": 3, "轮椅": 3, "康复": 2, "盲人": 3, "聋": 2, "无障碍": 3},
    "mental-health": {"心理": 3, "抑郁": 3, "焦虑": 3, "失眠": 2, "情绪": 2, "精神": 2},
    "employment": {"就业": 3, "找工作": 3, "失业": 3, "培训": 2, "技能": 2, "招聘": 3},
    "marriage-family": {"婚姻": 3, "离婚": 3, "家暴": 3, "夫妻": 2, "家庭矛盾": 3, "婆媳": 3},
    "social-assistance": {"低保": 3, "困难": 2, "救助": 3, "补贴": 2, "生活费": 2, "临时救助": 3},
    "community-building": {"楼道": 2, "停车": 2, "路灯": 3, "电梯": 2, "垃圾": 2, "活动室": 2, "邻里": 2},
    "women": {"妇女": 3, "孕妇": 3, "产后": 3, "女性": 2},
    "migrants": {"外地": 2, "流动": 2, "暂住": 3, "居住证": 3, "随迁": 3},
    "veterans": {"退役": 3, "军人": 3, "烈属": 3, "优抚": 3},
    "emergency": {"火灾": 3, "地震": 3, "洪水": 3, "应急": 3, "停水": 2, "停电": 2},
}

TARGET_GROUP_KEYWORDS: dict[str, dict[str, int]] = {
    "elderly-alone": {"独居": 3, "一个人住": 3, "孤寡": 3, "老伴去世": 3},
    "elderly-disabled": {"卧床": 3, "失能": 3, "瘫痪": 3, "行动不便": 2, "轮椅": 1},
    "elderly-empty-nest": {"空巢": 3, "子女在外": 3, "儿女不在": 3, "老人": 1, "老年": 1},
    "left-behind-children": {"留守": 3, "父母在外打工": 3},
    "migrant-children": {"随迁": 3, "随迁子女": 3, "外地孩子": 2},
    "children-in-difficulty": {"孤儿": 3, "困境儿童": 3, "事实无人抚养": 3},
    "people-with-disabilities": {"残疾": 3, "盲人": 3, "聋哑": 3, "智力障碍": 3},
    "low-income": {"低保": 3, "低收入": 3, "困难家庭": 3},
    "migrant-workers": {"务工": 3, "打工": 2, "农民工": 3, "欠薪": 2},
    "women": {"妇女": 3, "孕妇": 3, "女性": 2},
    "families": {"家庭": 1, "夫妻": 2, "婆媳": 2},
    "veterans": {"退役": 3, "军人": 3},
    "mental-illness": {"精神障碍": 3, "精神病": 3},
    "unemployed": {"失业": 3, "下岗": 3, "找工作": 2},
}


def _best(text: str, table: dict[str, dict[str, int]]) -> str | None:
    best, best_score = None, 0
    for code, keywords in table.items():
        score = sum(weight for word, weight in keywords.items() if word in text)
        if score > best_score:
            best, best_score = code, score
    return best


def suggest(text: str) -> tuple[str | None, str | None]:
    """(domain code, target group code) the text points to; None where nothing does."""
    return _best(text or "", DOMAIN_KEYWORDS), _best(text or "", TARGET_GROUP_KEYWORDS)
