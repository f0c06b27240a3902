"""What deliberation holds, in words (declared as `statistics` on its AppConfig)."""

from django.utils.translation import gettext_lazy as _

from sanshe.deliberation.models import Commitment, Meeting, Survey


def statistics():
    return [
        (_("%(n)s 场议事会议"), Meeting.objects.count()),
        (_("%(n)s 项会上承诺"), Commitment.objects.count()),
        (_("%(n)s 份问卷"), Survey.objects.count()),
    ]
