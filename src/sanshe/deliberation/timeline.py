"""Deliberation's part of a community's memory: meetings held and the decisions they took."""

from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common.contributions import TimelineEntry
from sanshe.deliberation import procedure
from sanshe.deliberation.models import Decision, Meeting


def entries(community, start, end) -> list[TimelineEntry]:
    held = Meeting.objects.filter(
        community=community, status=procedure.CLOSED, starts_at__date__gte=start, starts_at__date__lte=end
    )
    decided = Decision.objects.filter(
        meeting__community=community, decided_at__date__gte=start, decided_at__date__lte=end
    ).select_related("meeting")
    return [
        *(
            TimelineEntry(
                m.starts_at,
                _("会议"),
                f"{m.get_kind_display()}：{m.title}",
                reverse("deliberation:meeting", args=[m.pk]),
            )
            for m in held
        ),
        *(
            TimelineEntry(d.decided_at, _("决定"), d.text[:80], reverse("deliberation:meeting", args=[d.meeting_id]))
            for d in decided
        ),
    ]
