"""What spaces hold about a person, for their data download (PIPL): their bookings and offered spaces."""

from sanshe.spaces.models import Booking, Space


def personal_data(user) -> dict:
    bookings = Booking.objects.filter(booker=user).select_related("space").order_by("start")
    offered = Space.objects.filter(offered_by=user).order_by("created_at")
    return {
        "space_bookings": [
            {
                "space": booking.space.name,
                "purpose": booking.purpose,
                "start": booking.start.isoformat(),
                "end": booking.end.isoformat(),
                "status": booking.get_status_display(),
            }
            for booking in bookings
        ],
        "offered_spaces": [{"name": space.name, "status": space.get_status_display()} for space in offered],
    }
