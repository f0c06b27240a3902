"""Fairs: set up zones and booths, register and approve exhibitors, book meetings, record deals and what they became."""

import datetime

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.common import clock, transitions
from sanshe.common.refusals import refuse, require
from sanshe.directory.models import Organization, OrganizationKind
from sanshe.events import workflow
from sanshe.events.models import (
    Booth,
    Deal,
    DealFollowUp,
    Event,
    EventKind,
    Exhibitor,
    ExhibitProject,
    Meeting,
    Outcome,
    ParticipantKind,
    Zone,
)
from sanshe.events.services.common import live
from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify
from sanshe.people.models import Role, RoleKind
from sanshe.places.models import Community

# Which participant kinds an organization of each kind may register as.
KINDS_OF_ORGANIZATION = {
    OrganizationKind.FOUNDATION: {ParticipantKind.FOUNDATION},
    OrganizationKind.COMPANY: {ParticipantKind.COMPANY},
    OrganizationKind.GOVERNMENT: {ParticipantKind.GOVERNMENT},
}
ORGANIZATION_DEFAULT_KINDS = {ParticipantKind.SOCIAL_ORGANIZATION, ParticipantKind.UNIVERSITY}


@transaction.atomic
def create_fair(
    *, actor, organizer: Organization, district, name: str, venue: str, starts_at, ends_at, **details
) -> Event:
    event = Event(kind=EventKind.FAIR, organizer=organizer, district=district, name=name, venue=venue)
    require(actor, "events.manage_event", event, _("只有主办单位的工作人员或本区的干部可以举办洽谈会。"))
    event.starts_at, event.ends_at = starts_at, ends_at
    for field, value in details.items():
        setattr(event, field, value)
    if event.registration_closes and event.registration_closes > timezone.localdate(starts_at):
        refuse(_("报名截止日期要在洽谈会开始之前。"), "registration_closes")
    event.full_clean()
    event.save()
    return event


@transaction.atomic
def add_zone(*, actor, event: Event, domain, label: str, booths: list[tuple[str, str]]) -> Zone:
    """A zone for one service domain with its booths: [(code, size), ...]."""
    require(actor, "events.manage_event", event, _("只有主办方可以划分展区。"))
    live(event)
    zone = Zone(event=event, domain=domain, label=label)
    zone.full_clean()
    zone.save()
    for code, size in booths:
        booth = Booth(zone=zone, code=code, size=size)
        booth.full_clean()
        booth.save()
    return zone


def _participant_kind_fits(party, kind: str) -> bool:
    if isinstance(party, Community):
        return kind == ParticipantKind.COMMUNITY
    return kind in KINDS_OF_ORGANIZATION.get(party.kind, ORGANIZATION_DEFAULT_KINDS)


@transaction.atomic
def register_exhibitor(*, actor, event: Event, party, kind: str, zone: Zone, pitch: str = "") -> Exhibitor:
    """An organization or a community registers for a booth; the organizer approves or refuses it."""
    require(actor, "events.register_exhibitor", party, _("只有这家单位或社区的工作人员可以替它报名。"))
    event = Event.objects.select_for_update().get(pk=event.pk)
    live(event)
    if not event.is_fair:
        refuse(_("市集请申请摊位，不是报名参展。"))
    if not event.registration_open_on(clock.today()):
        refuse(
            _("报名时间是 %(opens)s 至 %(closes)s，现在不能报名。")
            % {"opens": event.registration_opens, "closes": event.registration_closes}
        )
    if zone.event_id != event.pk:
        refuse(_("请选择本次洽谈会的展区。"), "zone")
    if not _participant_kind_fits(party, kind):
        refuse(_("参展方类型与单位的类型不符，请重新选择。"), "kind")
    is_community = isinstance(party, Community)
    taken = Exhibitor.objects.filter(event=event, **({"community": party} if is_community else {"organization": party}))
    if taken.exists():
        refuse(_("“%(name)s”已经报过名了，不用再报。") % {"name": party.name})
    exhibitor = Exhibitor.objects.create(
        event=event,
        kind=kind,
        community=party if is_community else None,
        organization=None if is_community else party,
        zone=zone,
        pitch=(pitch or "").strip()[:200],
        registered_by=actor,
        submitted_at=clock.now(),
    )
    organizers = Role.objects.filter(kind__in=[RoleKind.ORG_ADMIN, RoleKind.ORG_STAFF], organization=event.organizer_id)
    notify(
        organizers.values_list("user_id", flat=True),
        Kind.EVENT,
        gettext_lazy("“%(name)s”报名参加%(event)s，等您审核。"),
        reverse("events:exhibitors_to_decide", args=[event.pk]),
        params={"name": exhibitor.name, "event": event.name},
    )
    return exhibitor


@transaction.atomic
def decide_exhibitor(*, actor, exhibitor: Exhibitor, approve: bool, booth: Booth | None = None, reason: str = ""):
    """Approve with a booth in the exhibitor's zone, or refuse saying why (the exhibitor reads it)."""
    require(actor, "events.decide_exhibitor", exhibitor, _("只有主办方可以审核报名。"))
    live(exhibitor.event)
    if approve:
        if booth is None:
            refuse(_("请为通过的参展方分配一个展位。"), "booth")
        if booth.zone_id != exhibitor.zone_id:
            refuse(_("展位 %(code)s 不在参展方申请的展区里。") % {"code": booth.code}, "booth")
        if Exhibitor.objects.filter(booth=booth).exists():
            refuse(_("展位 %(code)s 已经分给别的参展方了。") % {"code": booth.code}, "booth")
        moved = transitions.move(
            exhibitor,
            workflow.APPROVED,
            workflow=workflow.APPLICATIONS,
            actor=actor,
            perm="events.decide_exhibitor",
            changes={"booth": booth},
        )
        text = gettext_lazy("您报名的%(event)s已通过，展位 %(booth)s。")
    else:
        reason = (reason or "").strip()
        if not reason:
            refuse(_("请写明未通过的原因，报名方会看到，以便改正后再报。"), "reason")
        moved = transitions.move(
            exhibitor,
            workflow.REFUSED,
            workflow=workflow.APPLICATIONS,
            actor=actor,
            perm="events.decide_exhibitor",
            reason=reason,
            changes={"refusal_reason": reason},
        )
        text = gettext_lazy("您报名的%(event)s未通过：%(reason)s")
    notify(
        [exhibitor.registered_by_id],
        Kind.EVENT,
        text,
        reverse("events:exhibitor", args=[exhibitor.pk]),
        params={"event": exhibitor.event.name, "booth": booth.code if booth else "", "reason": reason},
    )
    return moved


@transaction.atomic
def withdraw_exhibitor(*, actor, exhibitor: Exhibitor, reason: str = "") -> Exhibitor:
    return transitions.move(
        exhibitor,
        workflow.WITHDRAWN,
        workflow=workflow.APPLICATIONS,
        actor=actor,
        perm="events.edit_exhibitor",
        reason=reason,
        changes={"booth": None},
    )


@transaction.atomic
def edit_pitch(*, actor, exhibitor: Exhibitor, pitch: str) -> Exhibitor:
    require(actor, "events.edit_exhibitor", exhibitor, _("只有参展方的工作人员可以修改介绍。"))
    exhibitor.pitch = (pitch or "").strip()
    exhibitor.full_clean()
    exhibitor.save(update_fields=["pitch", "modified_at"])
    return exhibitor


@transaction.atomic
def add_exhibit_project(
    *, actor, exhibitor: Exhibitor, title: str, summary: str, seeking: str, amount_fen: int = 0
) -> ExhibitProject:
    require(actor, "events.edit_exhibitor", exhibitor, _("只有参展方的工作人员可以添加项目。"))
    project = ExhibitProject(
        exhibitor=exhibitor, title=(title or "").strip(), summary=(summary or "").strip(), seeking=seeking
    )
    project.amount_fen = amount_fen
    project.full_clean()
    project.save()
    return project


# ---- Meetings -------------------------------------------------------------------------------------------


def slots(event: Event) -> list[datetime.datetime]:
    """The fair's grid of meeting slots: from its start, every `slot_minutes`, ending by its end."""
    step = datetime.timedelta(minutes=event.slot_minutes)
    moments, moment = [], event.starts_at
    while moment + step <= event.ends_at:
        moments.append(moment)
        moment += step
    return moments


def _on_grid(event: Event, starts_at: datetime.datetime) -> bool:
    offset = (starts_at - event.starts_at).total_seconds()
    return (
        offset >= 0
        and offset % (event.slot_minutes * 60) == 0
        and starts_at + datetime.timedelta(minutes=event.slot_minutes) <= event.ends_at
    )


@transaction.atomic
def book_meeting(
    *, actor, exhibitor: Exhibitor, starts_at: datetime.datetime, topic: str = "", visitor=None, organization=None
) -> Meeting:
    """Book a slot at a booth. The visitor books for themself; the booth's people may book for a visitor.

    The database keeps one meeting per party and slot: of two bookings at once, one is refused here.
    """
    event = exhibitor.event
    visitor = visitor or actor
    require(actor, "events.book_meeting", event, _("请先登录再预约洽谈。"))
    if visitor.pk != actor.pk:
        require(actor, "events.record_meeting", exhibitor, _("只能为自己预约洽谈。"))
    live(event)
    if exhibitor.status != workflow.APPROVED:
        refuse(_("这个参展方还没有通过审核，暂时不能预约。"))
    if timezone.is_naive(starts_at) or not _on_grid(event, starts_at):
        refuse(_("请从列出的时段中选一个。"), "starts_at")
    if starts_at <= clock.now():
        refuse(_("这个时段已经过去了，请选后面的时段。"), "starts_at")
    if organization is not None and not has_role_in(visitor, organization):
        refuse(_("只能代表自己所在的单位来洽谈。"), "organization")
    busy = Meeting.objects.filter(starts_at=starts_at).exclude(status=workflow.CANCELLED)
    if busy.filter(exhibitor=exhibitor).exists():
        refuse(_("%(name)s 在这个时段已经有约了，请换一个时段。") % {"name": exhibitor.name}, "starts_at")
    if busy.filter(visitor=visitor).exists():
        refuse(_("您在这个时段已经约了别的展位，请换一个时段。"), "starts_at")
    try:
        with transaction.atomic():
            meeting = Meeting.objects.create(
                event=event,
                exhibitor=exhibitor,
                visitor=visitor,
                visitor_organization=organization,
                starts_at=starts_at,
                topic=(topic or "").strip()[:200],
                booked_by=actor,
            )
    except IntegrityError:
        # Someone took the slot between our look and our write: the unique constraint decided.
        refuse(_("这个时段刚刚被别人约走了，请换一个时段。"), "starts_at")
    meeting.events.create(to_status=workflow.BOOKED, actor=actor, at=clock.now())
    people = Role.objects.filter(
        kind__in=[RoleKind.ORG_ADMIN, RoleKind.ORG_STAFF, RoleKind.FUNDER], organization=exhibitor.organization_id
    ).values_list("user_id", flat=True)
    if exhibitor.community_id:
        people = Role.objects.filter(kind=RoleKind.COMMUNITY_STAFF, community=exhibitor.community_id).values_list(
            "user_id", flat=True
        )
    notify(
        [*people, visitor.pk],
        Kind.EVENT,
        gettext_lazy("%(event)s：%(time)s 在 %(booth)s 的洽谈已预约。"),
        reverse("events:exhibitor", args=[exhibitor.pk]),
        params={
            "event": event.name,
            "time": clock.local_text(starts_at),
            "booth": exhibitor.booth.code if exhibitor.booth else exhibitor.name,
        },
    )
    return meeting


def has_role_in(user, organization) -> bool:
    return Role.objects.filter(user=user, organization=organization).exists()


@transaction.atomic
def cancel_meeting(*, actor, meeting: Meeting, reason: str = "") -> Meeting:
    return transitions.move(
        meeting,
        workflow.CANCELLED,
        workflow=workflow.MEETINGS,
        actor=actor,
        perm="events.cancel_meeting",
        reason=reason,
    )


@transaction.atomic
def record_outcome(*, actor, meeting: Meeting, outcome: str, note: str = "") -> Meeting:
    """The booth says how the meeting went: no interest, follow up, or an intent."""
    if outcome not in Outcome.values:
        refuse(_("请选择洽谈结果。"), "outcome")
    return transitions.move(
        meeting,
        workflow.HELD,
        workflow=workflow.MEETINGS,
        actor=actor,
        perm="events.record_meeting",
        denied_message=_("只有参展方的工作人员可以登记洽谈结果。"),
        reason=note,
        changes={"outcome": outcome},
    )


# ---- Deals ----------------------------------------------------------------------------------------------


@transaction.atomic
def record_deal(
    *,
    actor,
    exhibitor: Exhibitor,
    partner_name: str,
    partner_kind: str,
    title: str,
    kind: str,
    domain,
    amount_fen: int = 0,
    communities=(),
    partner: Organization | None = None,
    meeting: Meeting | None = None,
    signed: bool = False,
) -> Deal:
    """An intent (意向) or a signed agreement (签约) between the exhibitor and a partner."""
    require(actor, "events.record_deal", exhibitor, _("只有参展方或主办方可以登记合作。"))
    if exhibitor.status != workflow.APPROVED:
        refuse(_("只有通过审核的参展方可以登记合作。"))
    if meeting is not None and meeting.exhibitor_id != exhibitor.pk:
        refuse(_("这场洽谈不是这个参展方的。"), "meeting")
    deal = Deal(
        event=exhibitor.event,
        exhibitor=exhibitor,
        partner=partner,
        partner_name=(partner_name or (partner.name if partner else "")).strip(),
        partner_kind=partner_kind,
        meeting=meeting,
        title=(title or "").strip(),
        kind=kind,
        amount_fen=amount_fen,
        domain=domain,
        recorded_by=actor,
        recorded_at=clock.now(),
    )
    deal.full_clean()
    deal.save()
    deal.communities.set(communities)
    deal.events.create(to_status=workflow.INTENT, actor=actor, at=clock.now())
    if signed:
        sign_deal(actor=actor, deal=deal)
    return deal


@transaction.atomic
def sign_deal(*, actor, deal: Deal) -> Deal:
    return transitions.move(deal, workflow.SIGNED, workflow=workflow.DEALS, actor=actor, perm="events.record_deal")


@transaction.atomic
def drop_deal(*, actor, deal: Deal, reason: str) -> Deal:
    if not (reason or "").strip():
        refuse(_("请写明为什么没能达成，下次办会时用得上。"), "reason")
    return transitions.move(
        deal, workflow.DROPPED, workflow=workflow.DEALS, actor=actor, perm="events.record_deal", reason=reason
    )


@transaction.atomic
def link_follow_up(*, actor, deal: Deal, project=None, application=None, note: str = "") -> DealFollowUp:
    """Record what the deal became: a government purchase project or a micro-fund application."""
    require(actor, "events.follow_deal", deal, _("只有参展方或主办方可以登记合作的去向。"))
    if (project is None) == (application is None):
        refuse(_("请选择一个购买服务项目或一份微基金申请。"))
    if deal.status == workflow.DROPPED:
        refuse(_("未能达成的合作没有去向可登记。"))
    if DealFollowUp.objects.filter(deal=deal, project=project, application=application).exists():
        refuse(_("这条去向已经登记过了。"))
    return DealFollowUp.objects.create(
        deal=deal,
        project=project,
        application=application,
        note=(note or "").strip()[:300],
        linked_by=actor,
        linked_at=clock.now(),
    )
