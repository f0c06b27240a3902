"""A person's part of volunteering, for their data download: sign-ups with hours, and certificates."""

from sanshe.volunteers.models import Certificate, Signup


def personal_data(user) -> dict:
    return {
        "volunteer_signups": [
            {
                "activity": s.shift.activity.title,
                "role": s.shift.role,
                "place": s.shift.place,
                "starts_at": s.shift.starts_at.isoformat(),
                "status": s.status,
                "minutes": s.minutes,
            }
            for s in Signup.objects.filter(volunteer=user).select_related("shift__activity")
        ],
        "volunteer_certificates": [
            {"issued_at": c.created_at.isoformat(), "minutes": c.minutes, "records": c.records}
            for c in Certificate.objects.filter(volunteer=user)
        ],
    }
