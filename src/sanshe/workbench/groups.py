"""The apps' sections gathered by the role they wait in: one group per role and community or organization."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from sanshe.common.contributions import WorkSection

# Each audience a section may name, in the order the page shows them, with the role it stands for.
AUDIENCES = {
    "resident": _("居民"),
    "community_staff": _("社区工作人员"),
    "org_staff": _("社会组织工作人员"),
    "officer": _("购买服务的干部"),
    "evaluator": _("评审专家"),
    "committee": _("微基金管理委员会委员"),
    "group_leader": _("居民小组负责人"),
    "platform_admin": _("平台管理员"),
    "mine": _("我发起的"),
}


@dataclass
class Group:
    audience: str
    scope: str
    waiting: list[WorkSection] = field(default_factory=list)  # sections with something waiting
    clear: list[WorkSection] = field(default_factory=list)  # sections with nothing waiting

    @property
    def role(self) -> str:
        return str(AUDIENCES.get(self.audience, ""))

    @property
    def count(self) -> int:
        return sum(section.count for section in self.waiting)


def grouped(sections: list[WorkSection]) -> list[Group]:
    """Groups in AUDIENCES order (then by scope, in the apps' order); the committee's group only when
    something waits in it, since no role says who sits on a committee."""
    groups: dict[tuple[str, str], Group] = {}
    for section in sections:
        group = groups.setdefault((section.audience, section.scope), Group(section.audience, section.scope))
        (group.waiting if section.count else group.clear).append(section)
    for group in groups.values():
        group.waiting.sort(key=lambda section: not section.first)
    order = list(AUDIENCES)
    shown = [g for g in groups.values() if g.waiting or g.audience != "committee"]
    return sorted(shown, key=lambda g: order.index(g.audience) if g.audience in order else len(order))
