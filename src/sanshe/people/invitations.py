"""Invitations to join something (a resident group, an organization's staff): nobody is enrolled
without saying yes.

An app declares on its AppConfig what may be joined and how accepting enrols the person:
`invitations = {"groups.Group": "sanshe.groups.services.accept_invitation"}`.
The inviter types a phone number or a username and always hears the same answer, whether or
not an account has it, so inviting tells nothing about who uses the platform; the account that
logs in with that address sees the invitation on 我的账户 and accepts or declines it.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sanshe.common import clock
from sanshe.common.contributions import sanshe_apps
from sanshe.common.refusals import refuse
from sanshe.people import tasks
from sanshe.people.auth import normalized_login
from sanshe.people.models import Invitation, InvitationStatus
from sanshe.web import throttle

VALID_FOR = datetime.timedelta(days=14)
# Invitations one person may send in an hour: enough for a group's first meeting, too few to map
# the city's phone numbers.
PER_HOUR = 20

SENT = gettext_lazy(
    "邀请已记下。如果这个号码（或用户名）已在平台注册，对方登录后会在“我的账户”里看到邀请，接受后才会加入。"
)


def _accept_handler(target):
    label = target._meta.label
    for config in sanshe_apps():
        if label in config.invitations:
            return import_string(config.invitations[label])
    raise LookupError(f"Nothing declares how to join {label}.")


def invite(*, actor, target, address: str, role: str = "") -> Invitation | None:
    """Record an invitation to `target` (the caller has checked that `actor` may invite to it)."""
    address = normalized_login(address)
    if not address:
        refuse(_("请填写对方的11位手机号码（或用户名）。"), "login")
    hour = int(timezone.now().timestamp()) // 3600
    if throttle.hit(f"invite:{actor.pk}:{hour}", 3600) > PER_HOUR:
        refuse(_("这一小时发出的邀请太多了，请过一小时再邀请。"), "login")
    target_type = ContentType.objects.get_for_model(target)
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                target_type=target_type,
                target_id=target.pk,
                role=role,
                address=address,
                invited_by=actor,
                expires_at=clock.now() + VALID_FOR,
            )
    except IntegrityError:
        return None  # already invited and waiting: the same answer
    tasks.text_invitee.enqueue(str(invitation.pk))
    return invitation


def _addressed_to(user) -> Q:
    addresses = [a for a in (user.phone, user.username) if a]
    return Q(address__in=addresses)


def pending_for(user) -> list[Invitation]:
    """Invitations waiting for this person's answer, newest first."""
    invitations = Invitation.objects.filter(
        _addressed_to(user), status=InvitationStatus.PENDING, expires_at__gt=clock.now()
    ).select_related("invited_by", "target_type")
    return [invitation for invitation in invitations if invitation.target is not None]


def sent_to(target):
    """The invitations to `target` still waiting, for its managers' page (addresses shown masked)."""
    return Invitation.objects.filter(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        status=InvitationStatus.PENDING,
        expires_at__gt=clock.now(),
    ).order_by("-created_at")


@transaction.atomic
def answer(*, actor, invitation: Invitation, accept: bool) -> Invitation:
    """The invited person accepts (and joins) or declines."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not Invitation.objects.filter(_addressed_to(actor), pk=invitation.pk).exists():
        raise PermissionDenied(_("这份邀请不是发给您的。"))
    if invitation.status != InvitationStatus.PENDING:
        refuse(_("这份邀请已经回复过了。"))
    if invitation.target is None:
        refuse(_("邀请您加入的小组或机构已经不在了。"))
    if invitation.expires_at <= clock.now():
        refuse(_("这份邀请已经过期了。需要的话，请对方重新邀请您。"))
    if accept:
        _accept_handler(invitation.target)(invitation, actor)
    invitation.status = InvitationStatus.ACCEPTED if accept else InvitationStatus.DECLINED
    invitation.answered_by = actor
    invitation.answered_at = clock.now()
    invitation.save(update_fields=["status", "answered_by", "answered_at", "modified_at"])
    return invitation
