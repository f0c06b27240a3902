"""What the funds app holds, in words (declared as `statistics` on its AppConfig)."""

from django.utils.translation import gettext_lazy as _

from sanshe.funds.models import Fund, Funder


def statistics():
    return [(_("%(n)s 个社区微基金"), Fund.objects.count()), (_("%(n)s 个登记的资金来源"), Funder.objects.count())]
