"""The notification centre and the page where people choose how they hear: thin views over the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from sanshe.notifications import selectors, services
from sanshe.notifications.forms import PreferenceForm
from sanshe.notifications.models import Notification
from sanshe.web.forms import add_errors
from sanshe.web.pagination import paginate


def _mine(request, notification_id) -> Notification:
    return get_object_or_404(Notification, pk=notification_id, recipient=request.user)


@login_required
@require_safe
def centre(request):
    page = paginate(request, selectors.inbox(request.user))
    context = {"page": page, "unread": selectors.unread_count(request.user)}
    return render(request, "notifications/centre.html", context)


@login_required
@require_safe
def open_notification(request, notification_id):
    """Follow a notification's link, marking it read on the way."""
    notification = services.mark_read(actor=request.user, notification=_mine(request, notification_id))
    if notification.link and url_has_allowed_host_and_scheme(notification.link, allowed_hosts=None):
        return redirect(notification.link)
    return redirect("notifications:centre")


@login_required
@require_POST
def mark_read(request, notification_id):
    services.mark_read(actor=request.user, notification=_mine(request, notification_id))
    return redirect("notifications:centre")


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(actor=request.user)
    messages.success(request, _("已把 %(count)s 条消息标为已读。") % {"count": count})
    return redirect("notifications:centre")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def preferences(request):
    preference = selectors.preference_of(request.user)
    initial = {"by_email": preference.by_email, "by_sms": preference.by_sms, "email": request.user.email}
    form = PreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_preferences(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("通知方式已保存。"))
            return redirect("notifications:centre")
    return render(request, "notifications/preferences.html", {"form": form, "phone": request.user.phone})
