"""What the needs app holds, in words (declared as `statistics` on its AppConfig)."""

from django.utils.translation import gettext_lazy as _

from sanshe.needs.models import Need


def statistics():
    return [(_("%(n)s 条居民需求"), Need.objects.count())]
