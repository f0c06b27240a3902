"""Reads for the groups' pages and API: directories per community, a group with its people, history."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404

from sanshe.common import clock
from sanshe.groups.models import (
    OFFICERS,
    Coaching,
    EventKind,
    Group,
    GroupEvent,
    JoinRequest,
    Membership,
    RecruitmentPost,
    RequestStatus,
    Role,
)
from sanshe.places.models import Building


def directory(community=None, kind: str = ""):
    groups = Group.objects.select_related("community").annotate(member_count=Count("memberships"))
    if community is not None:
        groups = groups.filter(Q(community=community) | Q(other_communities=community)).distinct()
    if kind:
        groups = groups.filter(kind=kind)
    return groups.order_by("sort_key", "id")


def group(group_id) -> Group:
    return get_object_or_404(
        Group.objects.select_related("community", "building", "organization").annotate(
            member_count=Count("memberships")
        ),
        pk=group_id,
    )


def leader_of(group):
    member = Membership.objects.filter(group=group, role=Role.LEADER).select_related("user").first()
    return member.user if member else None


def leader_ids(group_id) -> list:
    return list(Membership.objects.filter(group_id=group_id, role=Role.LEADER).values_list("user_id", flat=True))


def memberships(group):
    return Membership.objects.filter(group=group).select_related("user").order_by("role", "created_at", "id")


def officers(group):
    return memberships(group).filter(role__in=OFFICERS)


def pending_requests(group):
    return JoinRequest.objects.filter(group=group, status=RequestStatus.PENDING).select_related("user")


def requests_to_answer(user):
    """Pending join requests to the groups the user leads or deputizes."""
    led = Membership.objects.filter(user=user, role__in=OFFICERS).values("group")
    return (
        JoinRequest.objects.filter(group__in=led, status=RequestStatus.PENDING)
        .select_related("group", "user")
        .order_by("created_at", "id")
    )


def my_groups(user):
    return (
        Membership.objects.filter(user=user).select_related("group__community").order_by("group__sort_key", "group_id")
    )


def open_posts(community=None, group=None):
    today = clock.today()
    posts = RecruitmentPost.objects.filter(Q(until__isnull=True) | Q(until__gte=today)).select_related(
        "group__community"
    )
    if community is not None:
        posts = posts.filter(group__community=community)
    if group is not None:
        posts = posts.filter(group=group)
    return posts.order_by("-created_at", "id")


def history(group):
    return GroupEvent.objects.filter(group=group).select_related("actor", "subject").order_by("-at", "-created_at")


def stage_steps(group):
    return history(group).filter(kind=EventKind.STAGE)


def coachings(group):
    return (
        Coaching.objects.filter(group=group)
        .select_related("coach", "organization")
        .prefetch_related("notes")
        .order_by("-started_on", "id")
    )


def was_member_at(user, group_id, moment) -> bool:
    """Whether `user` belonged to the group at `moment`, by its history of joining and leaving."""
    if not user or not user.is_authenticated:
        return False
    last = (
        GroupEvent.objects.filter(
            group_id=group_id, subject=user, kind__in=[EventKind.JOINED, EventKind.LEFT], at__lte=moment
        )
        .order_by("-at", "-created_at")
        .values_list("kind", flat=True)
        .first()
    )
    if last is not None:
        return last == EventKind.JOINED
    # Memberships from before the history was kept: the row's own date.
    return Membership.objects.filter(group_id=group_id, user=user, created_at__lte=moment).exists()


def membership_changes_since(group_id, moment):
    return (
        GroupEvent.objects.filter(group_id=group_id, kind__in=[EventKind.JOINED, EventKind.LEFT], at__gt=moment)
        .select_related("subject")
        .order_by("at", "created_at")
    )


def coverage(community):
    """Each building of the community with its representative (the leader of its building-unit group)."""
    leaders = Membership.objects.filter(role=Role.LEADER, group__building=OuterRef("pk"))
    reps = Prefetch(
        "groups",
        queryset=Group.objects.prefetch_related(
            Prefetch("memberships", Membership.objects.filter(role=Role.LEADER).select_related("user"), "leaders")
        ),
    )
    return (
        Building.objects.filter(community=community)
        .annotate(covered=Exists(leaders))
        .prefetch_related(reps)
        .order_by("covered", "sort_key", "id")
    )


def stages_by_community(communities):
    """{community_id: {stage: count}} for officers' view of groups by stage."""
    rows = (
        Group.objects.filter(community__in=communities)
        .values("community_id", "stage")
        .annotate(n=Count("id"))
        .order_by()
    )
    out = {}
    for row in rows:
        out.setdefault(row["community_id"], {})[row["stage"]] = row["n"]
    return out
