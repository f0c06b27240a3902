"""The vocabularies every Sanshe installation starts with (editable by admins afterwards)."""

DOMAINS = [
    ("social-assistance", "社会救助", "Social assistance"),
    ("community-building", "社区建设", "Community building"),
    ("marriage-family", "婚姻家庭", "Marriage and family"),
    ("children", "儿童", "Children"),
    ("youth", "青少年", "Youth"),
    ("women", "妇女", "Women"),
    ("elderly", "老年", "Older people"),
    ("disability-rehabilitation", "残障康复", "Disability and rehabilitation"),
    ("school", "学校", "School social work"),
    ("medical-health", "医务/健康", "Medical and health"),
    ("mental-health", "精神卫生", "Mental health"),
    ("employment", "就业援助", "Employment assistance"),
    ("worker-support", "职工帮扶", "Worker support"),
    ("legal", "法律服务", "Legal services"),
    ("drug-rehabilitation", "禁毒戒毒", "Drug prevention and rehabilitation"),
    ("community-correction", "矫治帮教/社区矫正", "Community correction"),
    ("veterans", "优抚安置", "Veterans and their families"),
    ("emergency", "灾害/应急", "Disaster and emergency"),
    ("migrants", "流动人口", "Migrant population"),
]

TARGET_GROUPS = [
    ("elderly-alone", "独居老人", "Older people living alone"),
    ("elderly-empty-nest", "空巢老人", "Empty-nest older people"),
    ("elderly-disabled", "失能半失能老人", "Older people with disabilities"),
    ("migrant-children", "流动儿童", "Migrant children"),
    ("left-behind-children", "留守儿童", "Left-behind children"),
    ("children-in-difficulty", "困境儿童", "Children in difficulty"),
    ("youth-at-risk", "青少年(重点)", "Youth at risk"),
    ("people-with-disabilities", "残疾人", "People with disabilities"),
    ("drug-rehabilitation", "社区戒毒康复人员", "People in drug rehabilitation"),
    ("community-correction", "社区矫正对象", "People under community correction"),
    ("low-income", "低保/低收入家庭", "Low-income families"),
    ("migrant-workers", "外来务工人员", "Migrant workers"),
    ("women", "妇女", "Women"),
    ("families", "家庭", "Families"),
    ("veterans", "退役军人及家属", "Veterans and families"),
    ("mental-illness", "精神障碍患者及家属", "People with mental illness and families"),
    ("unemployed", "失业人员", "Unemployed people"),
    ("all-residents", "全体居民", "All residents"),
]


def seed(Taxonomy, TaxonomyTerm):
    """Create the two vocabularies and their terms; safe to run again."""
    from sanshe.common.text import pinyin_sort_key

    for role, name, description, terms in [
        ("domain", "服务领域", "三社联动服务领域 (Sanshe service domains)", DOMAINS),
        ("target_group", "服务对象", "服务对象人群 (Sanshe target groups)", TARGET_GROUPS),
    ]:
        taxonomy, _ = Taxonomy.objects.get_or_create(
            role=role,
            defaults={"name": name, "description": description, "version": "1", "sort_key": pinyin_sort_key(name)},
        )
        for code, zh, en in terms:
            TaxonomyTerm.objects.get_or_create(
                taxonomy=taxonomy,
                code=code,
                defaults={"name": zh, "name_en": en, "description": f"{zh} ({en})", "sort_key": pinyin_sort_key(zh)},
            )
