"""What the procurement app holds, in words (declared as `statistics` on its AppConfig)."""

from django.utils.translation import gettext_lazy as _

from sanshe.procurement.models import Project


def statistics():
    return [(_("%(n)s 个政府购买服务项目"), Project.objects.count())]
