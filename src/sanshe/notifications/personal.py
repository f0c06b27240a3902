"""A person's messages and how they chose to hear, for their data download."""

from sanshe.notifications.models import Notification, Preference


def personal_data(user) -> dict:
    preference = Preference.objects.filter(user=user).first()
    return {
        "notification_channels": {
            "email": bool(preference and preference.by_email),
            "sms": bool(preference and preference.by_sms),
        },
        "notifications": [
            {
                "kind": n.kind,
                "text": n.text,
                "link": n.link,
                "at": n.created.isoformat(),
                "read_at": n.read_at.isoformat() if n.read_at else None,
            }
            for n in Notification.objects.filter(recipient=user).order_by("created", "id")
        ],
    }
