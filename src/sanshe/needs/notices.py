"""What residents hear about their needs (sent through `sanshe.notifications`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sanshe.needs.models import Need, NeedStatus
from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify


def status_changed(need: Need, *, reason: str = "") -> None:
    text = (
        _("您的需求“%(summary)s”现在是“%(status)s”。")
        if not reason
        else _("您的需求“%(summary)s”现在是“%(status)s”：%(reason)s。")
    )
    notify(
        [need.resident_id],
        Kind.NEED_STATUS,
        text,
        reverse("needs:detail", args=[need.pk]),
        params={"summary": need.summary, "status": NeedStatus(need.status).label, "reason": str(reason).rstrip("。")},
    )
