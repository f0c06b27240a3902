"""Who may not do what, said once (services and views refuse with these)."""

from django.utils.translation import gettext_lazy as _

ORGANIZE = _("只有本社区的工作人员或所属街道的干部可以召集会议。")
ON_BEHALF = _("只能代表您所在的机构召集会议。")
CHAIR = _("只有会议召集人或本社区的工作人员可以主持会议、登记签到和记录纪要。")
REGISTER = _("只有本社区已核实的居民、工作人员和受邀的机构可以报名参加。")
IN_PERSON = _("只能为自己举手、动议、附议或表决；替没有手机的居民登记，请找主持人。")
FOLLOW = _("只有承诺的负责人、负责机构的成员或会议主持方可以更新这项承诺。")
MANAGE_SURVEY = _("只有本社区的工作人员可以发起问卷、录入纸质答卷。")
ANSWER_SURVEY = _("只有本社区已核实的居民可以填写这份问卷。")
SEE_RESULTS = _("问卷结果只对本社区的工作人员和街道干部公开。")
RECORD_PROFILE = _("只有本社区的工作人员可以登记人口结构和派来的任务。")
