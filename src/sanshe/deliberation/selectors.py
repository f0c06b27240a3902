"""Reads for deliberation's pages and API, with their related rows fetched up front."""

from django.db.models import Case, Count, Prefetch, Q, When
from django.http import Http404
from django.shortcuts import get_object_or_404

from sanshe.common import clock
from sanshe.common.ids import parse_uuid
from sanshe.deliberation import procedure
from sanshe.deliberation.models import (
    AgendaItem,
    Commitment,
    Decision,
    Meeting,
    MeetingNeed,
    Motion,
    Registration,
    SpeakingRequest,
    Topic,
)
from sanshe.deliberation.services import floor


def get_in(queryset, pk):
    """One row by its public id, or 404 for a missing row and for anything that is not an id."""
    if parse_uuid(pk) is None:
        raise Http404
    return get_object_or_404(queryset, pk=parse_uuid(pk))


def meetings(community=None):
    rows = Meeting.objects.select_related("community", "street", "organizer", "on_behalf_of").exclude(
        status=procedure.CANCELLED
    )
    if community is not None:
        rows = rows.filter(community=community)
    return rows.annotate(registered=Count("registrations")).order_by("-starts_at", "id")


def meeting(pk) -> Meeting:
    return get_in(
        Meeting.objects.select_related("community__street", "street", "organizer", "on_behalf_of", "current_item"), pk
    )


def registration(pk) -> Registration:
    return get_in(Registration.objects.select_related("meeting__community", "meeting__street"), pk)


def motion(pk) -> Motion:
    return get_in(Motion.objects.select_related("item__meeting__community", "mover", "seconder"), pk)


def speaking_request(pk) -> SpeakingRequest:
    return get_in(SpeakingRequest.objects.select_related("item__meeting__community", "attendee"), pk)


def agenda_item(pk) -> AgendaItem:
    return get_in(AgendaItem.objects.select_related("meeting__community"), pk)


def commitment(pk) -> Commitment:
    return get_in(
        Commitment.objects.select_related("meeting__community", "owner", "organization", "decision").prefetch_related(
            "events__actor"
        ),
        pk,
    )


def topic(pk) -> Topic:
    return get_in(Topic.objects.select_related("meeting__community"), pk)


def my_place(meeting: Meeting, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return meeting.registrations.filter(user=user).first()


def room_state(meeting: Meeting) -> dict:
    """What every screen in the room shows: the current item, who speaks and for how long, who waits,
    the motions on the item and the present count."""
    item = meeting.current_item
    present = list(meeting.registrations.exclude(attended_at=None).order_by("name"))
    state = {"item": item, "present": present, "speaker": None, "queue": [], "motions": [], "voting": None}
    state["last_result"] = (
        Motion.objects.filter(item__meeting=meeting, status__in=[procedure.CARRIED, procedure.FAILED])
        .order_by("-modified_at")
        .first()
    )
    if item is None:
        return state
    speaker = (
        SpeakingRequest.objects.filter(item=item, started_at__isnull=False, ended_at__isnull=True)
        .select_related("attendee")
        .first()
    )
    if speaker is not None:
        elapsed = int((clock.now() - speaker.started_at).total_seconds())
        state["speaker"] = speaker
        state["remaining"] = meeting.speaking_seconds - elapsed
    state["queue"] = floor.queue(item.pk)
    state["motions"] = list(
        Motion.objects.filter(item=item)
        .exclude(status=procedure.WITHDRAWN)
        .select_related("mover", "seconder")
        .annotate(cast=Count("votes"))
        .order_by("created_at")
    )
    voting = next((m for m in state["motions"] if m.status == procedure.VOTING), None)
    if voting is not None:
        voted = set(voting.votes.values_list("attendee_id", flat=True))
        state["voting"] = voting
        state["not_voted"] = [r for r in present if r.pk not in voted]
    return state


def attendees(meeting: Meeting):
    return meeting.registrations.select_related("user").order_by("attended_at", "name")


def minutes(meeting: Meeting) -> dict:
    motions = (
        Motion.objects.filter(item__meeting=meeting)
        .select_related("item", "mover", "seconder")
        .order_by("item__position", "created_at")
    )
    return {
        "decisions": Decision.objects.filter(meeting=meeting).select_related(
            "motion", "need", "project", "application"
        ),
        "motions": motions,
        "commitments": Commitment.objects.filter(meeting=meeting).select_related("owner", "organization"),
        "topics": Topic.objects.filter(meeting=meeting),
        "needs": MeetingNeed.objects.filter(meeting=meeting).select_related("need__domain"),
    }


def accountability(community):
    """Every commitment made at the community's meetings, open ones first by date due."""
    return (
        Commitment.objects.filter(meeting__community=community)
        .select_related("meeting", "owner", "organization")
        .order_by(Case(When(status=procedure.OPEN, then=0), default=1), "due_on", "id")
    )


def agenda_with_motions(meeting: Meeting):
    return meeting.agenda.prefetch_related(
        Prefetch("motions", queryset=Motion.objects.select_related("mover", "seconder").order_by("created_at"))
    )


# Population groups: (key, label, the figures' field, which needs count for it).
AGE_BANDS = (
    ("age_0_6", "0–6岁", 0, 6),
    ("age_7_14", "7–14岁", 7, 14),
    ("age_15_24", "15–24岁", 15, 24),
    ("age_25_59", "25–59岁", 25, 59),
    ("age_60_79", "60–79岁", 60, 79),
    ("age_80_plus", "80岁以上", 80, 200),
)
MIGRANT_GROUPS = ("migrant-workers", "migrant-children")


def community_profile(community) -> dict:
    """The latest population figures, needs (and survey answers) per 1,000 of each group, the groups with no
    need recorded, and the tasks pushed onto the community: a fixed number of queries."""
    from sanshe.deliberation.models import AssignedTask, PopulationFigures, Response
    from sanshe.deliberation.population import rates
    from sanshe.needs.models import Need

    figures = PopulationFigures.objects.filter(community=community).order_by("-year").first()
    counts = {
        f"{key}": Count("id", filter=Q(beneficiary_age__gte=low, beneficiary_age__lte=high))
        for key, _l, low, high in AGE_BANDS
    }
    counts["floating"] = Count("id", filter=Q(target_group__code__in=MIGRANT_GROUPS) | Q(domain__code="migrants"))
    counts["living_alone"] = Count("id", filter=Q(target_group__code="elderly-alone"))
    counts["resident"] = Count("id")
    needs = Need.objects.filter(community=community).aggregate(**counts)
    labels = {key: label for key, label, _low, _high in AGE_BANDS} | {
        "floating": "流动人口",
        "living_alone": "独居",
        "resident": "全体常住居民",
    }
    groups = []
    if figures is not None:
        groups = [(labels[rate.key], rate) for rate in rates({key: getattr(figures, key) for key in labels}, needs)]
    tasks = AssignedTask.objects.filter(community=community).order_by("-hours_per_month", "department")
    return {
        "figures": figures,
        "groups": groups,
        "unheard": [label for label, rate in groups if rate.unheard],
        "answers": Response.objects.filter(survey__community=community).count(),
        "tasks": tasks,
        "task_hours": sum(task.hours_per_month for task in tasks),
    }


def task_load(communities):
    """Hours a month and tasks pushed onto each community, heaviest first."""
    from django.db.models import Sum

    return (
        communities.annotate(task_hours=Sum("assigned_tasks__hours_per_month"), task_count=Count("assigned_tasks"))
        .filter(task_count__gt=0)
        .order_by("-task_hours", "sort_key")
    )
