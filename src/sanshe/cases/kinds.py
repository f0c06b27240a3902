"""The kinds of case an organization keeps, each a template: the structured fields of its notes (so outcomes
can be counted) and how long a closed case is kept before it is anonymised (pure: no Django import)."""

from dataclasses import dataclass

ELDERLY_VISIT = "elderly_visit"
AFTER_SCHOOL = "after_school"
DRUG_REHAB = "drug_rehab"
CORRECTION_YOUTH = "correction_youth"
GENERAL = "general"


@dataclass(frozen=True)
class NoteField:
    key: str
    label: str
    choices: tuple[str, ...] = ()  # empty: free text


@dataclass(frozen=True)
class Template:
    kind: str
    label: str
    retention_years: int  # after closure, then anonymised
    note_fields: tuple[NoteField, ...]


YES_NO = ("是", "否")
TEMPLATES = {
    template.kind: template
    for template in (
        Template(
            ELDERLY_VISIT,
            "高龄老人上门探访",
            3,
            (
                NoteField("health", "身体状况", ("稳定", "有变化", "需要就医")),
                NoteField("living", "居家安全", ("安全", "有隐患")),
                NoteField("mood", "情绪", ("好", "一般", "低落")),
                NoteField("needs_help", "需要转介", YES_NO),
            ),
        ),
        Template(
            AFTER_SCHOOL,
            "四点半课堂儿童",
            5,
            (
                NoteField("attended", "按时到课", YES_NO),
                NoteField("homework", "作业完成", ("完成", "部分完成", "未完成")),
                NoteField("family_contact", "与家长沟通", YES_NO),
            ),
        ),
        Template(
            DRUG_REHAB,
            "同伴支持戒毒康复",
            5,
            (
                NoteField("urine_test", "尿检", ("阴性", "阳性", "未检")),
                NoteField("employment", "就业", ("在业", "求职中", "无")),
                NoteField("peer_meeting", "参加同伴小组", YES_NO),
            ),
        ),
        Template(
            CORRECTION_YOUTH,
            "社区矫正青少年",
            5,
            (
                NoteField("reported", "按时报到", YES_NO),
                NoteField("school_or_work", "上学或工作", ("上学", "工作", "都没有")),
                NoteField("family", "家庭关系", ("融洽", "一般", "紧张")),
            ),
        ),
        Template(GENERAL, "一般个案", 3, ()),
    )
}


def template(kind: str) -> Template:
    return TEMPLATES.get(kind, TEMPLATES[GENERAL])


def clean_structured(kind: str, values: dict) -> dict:
    """Only the template's fields, and for fields with choices only one of them (others are dropped)."""
    kept = {}
    for field in template(kind).note_fields:
        value = str(values.get(field.key) or "").strip()
        if value and (not field.choices or value in field.choices):
            kept[field.key] = value[:200]
    return kept
