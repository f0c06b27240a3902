"""我的工作台, deliberation's part: meetings I am invited to (registered for), commitments I owe, surveys open for me."""

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.contributions import WorkItem, work_day, work_section
from sanshe.deliberation import procedure
from sanshe.deliberation.models import Commitment, Meeting, Participation, Survey
from sanshe.people.models import RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS, roles_of


def sections(user) -> list:
    """Only sections with something in them: a meeting or promise is not work every role waits for."""
    roles = roles_of(user)
    if not roles:
        return []
    today = clock.today()
    audience = _audience(roles)
    upcoming = (
        Meeting.objects.filter(registrations__user=user, status__in=procedure.MEETINGS.live, ends_at__gte=clock.now())
        .select_related("community")
        .order_by("starts_at", "id")
    )
    org_ids = [r.organization_id for r in roles if r.kind in ORG_MEMBER_KINDS]
    owed = (
        Commitment.objects.filter(Q(owner=user) | Q(organization_id__in=org_ids), status=procedure.OPEN)
        .select_related("meeting")
        .order_by("due_on", "id")
    )
    out = [
        work_section(
            audience,
            "meetings_invited",
            _("我报名的会议"),
            upcoming,
            lambda m: WorkItem(m.title, reverse("deliberation:meeting", args=[m.pk]), since=m.starts_at, note=m.venue),
            url=reverse("deliberation:meetings"),
        ),
        work_section(
            audience,
            "commitments_owed",
            _("我在会上承诺的事"),
            owed,
            lambda c: WorkItem(
                c.what[:60],
                reverse("deliberation:commitment", args=[c.pk]),
                note=_("%(day)s 前完成") % {"day": work_day(c.due_on)},
                late=c.due_on < today,
            ),
        ),
    ]
    communities = [r.community_id for r in roles if r.kind == RoleKind.RESIDENT and r.is_verified]
    if communities:
        answered = Participation.objects.filter(survey=OuterRef("pk"), user=user)
        open_surveys = (
            Survey.objects.filter(community_id__in=communities, opens_on__lte=today, closes_on__gte=today)
            .exclude(Exists(answered))
            .order_by("closes_on", "id")
        )
        out.append(
            work_section(
                "resident",
                "surveys_open",
                _("等我填写的问卷"),
                open_surveys,
                lambda s: WorkItem(
                    s.title,
                    reverse("deliberation:survey", args=[s.pk]),
                    note=_("%(day)s 截止") % {"day": work_day(s.closes_on)},
                ),
            )
        )
    return [section for section in out if section.count]


def _audience(roles) -> str:
    kinds = {r.kind for r in roles}
    if RoleKind.COMMUNITY_STAFF in kinds:
        return "community_staff"
    if kinds & ORG_MEMBER_KINDS:
        return "org_staff"
    if kinds & {RoleKind.STREET_OFFICER, RoleKind.DISTRICT_OFFICER}:
        return "officer"
    return "resident"
