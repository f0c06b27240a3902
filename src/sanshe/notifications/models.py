"""What people hear about: a notification in the app, and its e-mail or text message when they chose one."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sanshe.common import clock
from sanshe.common.ids import new_id
from sanshe.common.models import PublicModel


class Kind(models.TextChoices):
    REFERRAL_SENT = "referral_sent", _("新的转介")
    REFERRAL_ACCEPTED = "referral_accepted", _("转介已接收")
    REFERRAL_DECLINED = "referral_declined", _("转介被婉拒")
    NEXT_STEP = "next_step", _("服务安排")
    NEED_STATUS = "need_status", _("需求进展")
    CALL_OPENED = "call_opened", _("居民点单")
    VOTE_WAITING = "vote_waiting", _("等待表决")
    MILESTONE_DUE = "milestone_due", _("里程碑到期")
    APPLICATION_DECIDED = "application_decided", _("申请有了结果")
    RESIDENCY_VERIFIED = "residency_verified", _("居住身份已核实")
    PROJECT_STOPPED = "project_stopped", _("购买项目已终止")
    # The capabilities that follow: one kind each, so a person can tell them apart in the inbox.
    BOOKING = "booking", _("场地预约")
    SPACE_HANDOVER = "space_handover", _("场地移交")
    MEETING = "meeting", _("议事会议")
    COMMITMENT_DUE = "commitment_due", _("承诺事项到期")
    SURVEY_OPEN = "survey_open", _("问卷调查")
    GROUP = "group", _("社区组织")
    VOLUNTEERING = "volunteering", _("志愿服务")
    CASE = "case", _("个案")
    HANDOVER = "handover", _("工作交接")
    EVENT = "event", _("洽谈会与市集")
    EVALUATION = "evaluation", _("服务中心评估")


class Notification(models.Model):
    """One message to one person. `link` is a path inside the site (no query, nothing personal in it)."""

    id = models.UUIDField(primary_key=True, default=new_id, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("接收人")
    )
    kind = models.CharField(_("类型"), max_length=30, choices=Kind.choices)
    text = models.CharField(_("内容"), max_length=300)
    link = models.CharField(_("链接"), max_length=200, blank=True)
    # Reminders carry a key (e.g. the milestone and its due date), so running them again tells nobody twice.
    key = models.CharField(_("去重键"), max_length=100, blank=True, editable=False)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)
    created = models.DateTimeField(_("时间"), default=clock.now)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created", "id"]
        indexes = [
            models.Index(fields=["recipient", "-created"], name="notification_inbox"),
            models.Index(fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=Kind.values), name="notification_kind_known"),
            models.CheckConstraint(
                condition=Q(link="") | (Q(link__startswith="/") & ~Q(link__startswith="//") & ~Q(link__contains="?")),
                name="notification_link_is_a_plain_path",
            ),
            models.UniqueConstraint(fields=["recipient", "key"], condition=~Q(key=""), name="notification_key_once"),
        ]

    def __str__(self):
        return self.text


class Preference(models.Model):
    """How a person wants to hear, besides the notification centre (always on): e-mail, text message."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
        verbose_name=_("用户"),
    )
    by_email = models.BooleanField(_("电子邮件"), default=False)
    by_sms = models.BooleanField(_("手机短信"), default=False)
    modified_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        verbose_name = _("通知方式")
        verbose_name_plural = _("通知方式")

    def __str__(self):
        return str(self.user)


class Channel(models.TextChoices):
    EMAIL = "email", _("电子邮件")
    SMS = "sms", _("手机短信")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class Delivery(PublicModel):
    """Sending one notification by e-mail or text message, retried with growing waits until it goes or gives up."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("通知")
    )
    channel = models.CharField(_("方式"), max_length=10, choices=Channel.choices)
    status = models.CharField(_("状态"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试时间"), null=True, blank=True)
    # The error's class only: messages from gateways may repeat the number or the text.
    last_error = models.CharField(_("最近的错误"), max_length=200, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("发送")
        verbose_name_plural = _("发送")
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(status="pending"), name="delivery_due"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["notification", "channel"], name="delivery_once_per_channel"),
            models.CheckConstraint(condition=Q(channel__in=Channel.values), name="delivery_channel_known"),
            models.CheckConstraint(condition=Q(status__in=DeliveryStatus.values), name="delivery_status_known"),
            models.CheckConstraint(
                condition=~Q(status=DeliveryStatus.PENDING) | Q(next_attempt_at__isnull=False),
                name="delivery_pending_has_next_attempt",
            ),
        ]

    def __str__(self):
        return f"{self.notification_id} · {self.channel} · {self.status}"
