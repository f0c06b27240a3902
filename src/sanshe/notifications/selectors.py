"""Reads of notifications for the centre and the menu's badge."""

from django.db.models import QuerySet

from sanshe.notifications.models import Notification, Preference


def unread_count(user) -> int:
    """The menu's badge beside 消息."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def inbox(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).order_by("-created", "id")


def preference_of(user) -> Preference:
    return Preference.objects.filter(user=user).first() or Preference(user=user)
