"""What the matching app holds, in words (declared as `statistics` on its AppConfig)."""

from django.utils.translation import gettext_lazy as _

from sanshe.matching.models import Referral


def statistics():
    return [(_("%(n)s 条转介"), Referral.objects.count())]
