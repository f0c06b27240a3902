"""Reads for volunteering's pages and API."""

from django.db.models import Sum

from sanshe.common import clock
from sanshe.volunteers.models import Shift, Signup, SignupStatus


def upcoming_shifts():
    return (
        Shift.objects.filter(ends_at__gte=clock.now()).select_related("activity__community").order_by("starts_at", "id")
    )


def my_signups(user):
    return (
        Signup.objects.filter(volunteer=user)
        .exclude(status=SignupStatus.CANCELLED)
        .select_related("shift__activity")
        .order_by("-shift__starts_at", "id")
    )


def hours_to_confirm(user):
    """Sign-ups with a check-out and no confirmation, on activities the user organizes."""
    return (
        Signup.objects.filter(
            shift__activity__organizer=user, checked_out_at__isnull=False, minutes__isnull=True, status="signed_up"
        )
        .select_related("shift__activity", "volunteer")
        .order_by("checked_out_at", "id")
    )


def confirmed_minutes(user) -> int:
    return Signup.objects.filter(volunteer=user, minutes__isnull=False).aggregate(n=Sum("minutes"))["n"] or 0


def organized_records(user):
    return (
        Signup.objects.filter(shift__activity__organizer=user, minutes__isnull=False)
        .select_related("shift__activity__organization", "shift__activity__community", "volunteer", "confirmed_by")
        .order_by("shift__starts_at", "id")
    )
