"""A resident's part of procurement, for their data download: the bids they chose (点单)."""

from sanshe.procurement.models import Choice


def personal_data(user) -> dict:
    return {
        "procurement_choices": [
            {
                "project": c.bid.project.name,
                "organization": c.bid.organization.name,
                "rank": c.rank,
                "at": c.created_at.isoformat(),
            }
            for c in Choice.objects.filter(resident=user).select_related("bid__project", "bid__organization")
        ]
    }
