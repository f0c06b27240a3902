"""A person's part of the groups, for their data download: memberships, roles and join requests."""

from sanshe.groups.models import JoinRequest, Membership


def personal_data(user) -> dict:
    return {
        "resident_groups": [
            {
                "group": m.group.name,
                "community": m.group.community.name,
                "role": m.role,
                "joined_at": m.created_at.isoformat(),
            }
            for m in Membership.objects.filter(user=user).select_related("group__community")
        ],
        "group_join_requests": [
            {"group": r.group.name, "status": r.status, "message": r.message, "at": r.created_at.isoformat()}
            for r in JoinRequest.objects.filter(user=user).select_related("group")
        ],
    }
