import pytest

from sanshe.needs.suggest import suggest


@pytest.mark.parametrize(
    "text,domain,group",
    [
        ("我父亲独居，腿脚不好，想找人送餐", "elderly", "elderly-alone"),
        ("邻居被拖欠工资，想找律师咨询", "legal", None),
        ("孩子放学后没人照看，想找托管", "children", None),
        ("留守孩子作业没人辅导", "children", "left-behind-children"),
        ("最近失眠焦虑，想找心理咨询", "mental-health", None),
        ("申请低保需要什么材料", "social-assistance", "low-income"),
    ],
)
def test_suggests_domain_and_group_from_words(text, domain, group):
    assert suggest(text) == (domain, group)


@pytest.mark.parametrize("text", ["", "今天天气不错", "   ", "12345"])
def test_suggests_nothing_for_unrelated_text(text):
    assert suggest(text) == (None, None)
