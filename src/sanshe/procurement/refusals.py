"""Refusals that more than one place says (a service and the page before it): written once here.
Each sub-domain's other refusals live beside the one rule that says them."""

from django.utils.translation import gettext_lazy as _

NOT_SUBMISSION = _("现在不在投标期内，不能提交投标。请查看公告中的投标时间。")
NOT_CHOICE = _("现在不在居民点单期内。")
NOT_EVALUATION = _("现在不在评审期内。")
NOT_SERVED_RESIDENT = _("只有服务社区里已核实的居民可以点单。")
VERIFY_RESIDENCY = _("请先请社区工作人员核实您的居住信息。")
NOT_BIDDER_STAFF = _("只有社会组织的工作人员可以投标。")
ONLY_DRAFT_PUBLISHED = _("只有计划中的项目可以发布征集公告。")
EVALUATED_OR_NOT_LIVE = _("这个合同已经评价过，或不在履行中。")
SEALED_UNTIL_CHOICE_ENDS = _(
    "评审在居民点单期结束后开始。在此之前投标内容保密、点单票数不公开，对购买方和所有人都一样。"
)
