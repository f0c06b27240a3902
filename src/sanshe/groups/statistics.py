"""What the groups app holds, in words (declared as `statistics` on its AppConfig)."""

from django.utils.translation import gettext_lazy as _

from sanshe.groups.models import Group, Membership


def statistics():
    return [(_("%(n)s 个居民小组"), Group.objects.count()), (_("%(n)s 人次参加居民小组"), Membership.objects.count())]
