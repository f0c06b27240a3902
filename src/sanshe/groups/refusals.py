"""What the groups app says when it refuses (in residents' words: what was wrong and what to do)."""

from django.utils.translation import gettext_lazy as _

FOUND = _("只有本社区已核实的居民可以成立小组。请先在“我的账户”登记社区，等社区工作人员核实。")
REGISTER = _("只有小组所在社区的工作人员可以登记小组。")
REQUEST_JOIN = _("只有本社区已核实的居民可以申请加入；已经是成员的不用再申请。")
LEAVE = _("您不是这个小组的成员。")
MANAGE_MEMBERS = _("只有小组负责人或副负责人可以邀请、审核或移除成员。")
SET_ROLE = _("只有小组负责人可以安排成员的角色。")
POST = _("只有小组负责人或副负责人可以发布招募。")
ASSIGN_COACH = _("只有小组所在社区的工作人员可以安排辅导社工。")
NOTE_COACHING = _("只有正在辅导这个小组的社工可以写辅导记录。")
SET_STAGE = _("只有社区工作人员或辅导社工可以调整小组的发展阶段。")
SEE_COVERAGE = _("只有社区工作人员和街道、区的工作人员可以查看楼栋长覆盖情况。")
