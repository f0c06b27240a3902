"""Reminders of commitments due (declared as `reminders` on the app; `sanshe remind` runs them daily)."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sanshe.deliberation import procedure
from sanshe.deliberation.models import Commitment
from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify
from sanshe.people.selectors import organization_members

# How many days ahead whoever promised hears that a commitment falls due.
DUE_SOON_DAYS = 3


def _day(value: datetime.date) -> str:
    return f"{value.month}月{value.day}日"


def _recipients(commitment: Commitment) -> set:
    """The person who promised, the members of the organization that did; for a department named in
    words (no account), the meeting's organizer, who follows it up."""
    people = set()
    if commitment.owner_id:
        people.add(commitment.owner_id)
    if commitment.organization_id:
        people |= set(organization_members(commitment.organization).values_list("user_id", flat=True))
    if not people:
        people.add(commitment.meeting.organizer_id)
    return people


def commitments_due(today: datetime.date) -> int:
    """Tell whoever holds an open commitment once when it falls due within DUE_SOON_DAYS, and once more when
    it is overdue (the key names which, so a daily run tells nobody twice)."""
    due = Commitment.objects.filter(
        status=procedure.OPEN, due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS)
    ).select_related("meeting", "organization")
    count = 0
    for commitment in due:
        overdue = commitment.due_on < today
        text = (
            _("会议“%(meeting)s”上的承诺“%(what)s”%(date)s 已到期，请更新进展或说明原因。")
            if overdue
            else _("会议“%(meeting)s”上的承诺“%(what)s”将在 %(date)s 到期。")
        )
        notify(
            _recipients(commitment),
            Kind.COMMITMENT_DUE,
            text,
            reverse("deliberation:commitment", args=[commitment.pk]),
            params={"meeting": commitment.meeting.title, "what": commitment.what[:60], "date": _day(commitment.due_on)},
            key=f"commitment-due:{commitment.pk}:{commitment.due_on.isoformat()}:{'overdue' if overdue else 'soon'}",
        )
        count += 1
    return count
