"""A person's part of fairs and markets, for their data download: meetings, stalls, pre-orders, complaints."""

from sanshe.events.models import Complaint, Meeting, Preorder, Stall


def _iso(value):
    return value.isoformat() if value else None


def personal_data(user) -> dict:
    return {
        "fair_meetings": [
            {
                "fair": m.event.name,
                "exhibitor": m.exhibitor.name,
                "starts_at": _iso(m.starts_at),
                "topic": m.topic,
                "status": m.status,
                "outcome": m.outcome,
            }
            for m in Meeting.objects.filter(visitor=user).select_related(
                "event", "exhibitor__organization", "exhibitor__community"
            )
        ],
        "market_stalls": [
            {
                "market": s.event.name,
                "edition": s.event.edition,
                "stall": s.name,
                "offering": s.offering,
                "status": s.status,
            }
            for s in Stall.objects.filter(holder=user).select_related("event")
        ],
        "market_preorders": [
            {
                "item": p.item.name,
                "stall": p.item.stall.name,
                "quantity": p.quantity,
                "status": p.status,
                "ordered_at": _iso(p.ordered_at),
            }
            for p in Preorder.objects.filter(resident=user).select_related("item__stall")
        ],
        "market_complaints": [
            {"stall": c.stall.name, "text": c.text, "at": _iso(c.at)}
            for c in Complaint.objects.filter(resident=user).select_related("stall")
        ],
    }
