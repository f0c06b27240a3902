"""Background work for accounts (run by `sanshe db_worker` in production, at once in the demo and tests)."""

from django.db.models import Q
from django.utils.translation import gettext as _
from django_tasks import task

from sanshe.common import sms
from sanshe.people.models import Invitation, User


@task()
def text_invitee(invitation_id: str) -> bool:
    """Tell the account an invitation is addressed to, if there is one, by text message.

    Done in the background so that inviting takes the same time whether or not the address
    belongs to anyone: the request only queues this.
    """
    invitation = Invitation.objects.select_related("invited_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.target is None:
        return False
    address = invitation.address
    invitee = User.objects.filter(Q(phone=address) | Q(username=address), is_active=True).first()
    if invitee is None or not invitee.phone:
        return False
    sms.send_sms(
        invitee.phone,
        _("【三社联动】%(inviter)s 邀请您加入“%(target)s”。请登录平台，在“我的账户”里接受或谢绝。")
        % {"inviter": invitation.invited_by, "target": invitation.target},
    )
    return True
