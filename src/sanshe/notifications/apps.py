from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions
from sanshe.common.contributions import NavEntry


class NotificationsConfig(contributions.SansheApp):
    name = "sanshe.notifications"
    verbose_name = _("消息通知")
    urls = "sanshe.notifications.urls"
    personal_data = "sanshe.notifications.personal.personal_data"
    navigation = (
        NavEntry(
            _("消息"),
            "notifications:centre",
            order=85,
            shown_to="signed_in",
            badge="sanshe.notifications.selectors.unread_count",
            header=True,
        ),
    )
