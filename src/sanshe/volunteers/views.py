"""Volunteering's pages: upcoming shifts with sign-up and waiting list, and my sign-ups."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from sanshe.common.exports import xlsx_response
from sanshe.volunteers import certificates, selectors, services
from sanshe.volunteers.models import Certificate, Shift, Signup
from sanshe.web.pagination import paginate


@require_safe
def shifts(request):
    mine = list(selectors.my_signups(request.user)[:20]) if request.user.is_authenticated else []
    context = {
        "page": paginate(request, selectors.upcoming_shifts()),
        "mine": mine,
        "mine_shift_ids": {s.shift_id for s in mine},
        "minutes": selectors.confirmed_minutes(request.user) if request.user.is_authenticated else 0,
    }
    return render(request, "volunteers/shifts.html", context)


@login_required
@require_POST
def sign_up(request, shift_id):
    shift = get_object_or_404(Shift.objects.select_related("activity"), pk=shift_id)
    try:
        signup = services.sign_up(actor=request.user, shift=shift, wait=request.POST.get("wait") == "1")
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(
            request, _("报名成功。") if signup.status == "signed_up" else _("已排队候补，有人取消时按先后递补。")
        )
    return redirect("volunteers:shifts")


@login_required
@require_POST
def cancel(request, signup_id):
    signup = get_object_or_404(Signup, pk=signup_id)
    try:
        services.cancel(actor=request.user, signup=signup)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
    else:
        messages.success(request, _("已取消报名。"))
    return redirect("volunteers:shifts")


@login_required
@require_POST
def certificate_issue(request):
    try:
        certificate = certificates.issue(actor=request.user)
    except ValidationError as error:
        messages.error(request, "；".join(error.messages))
        return redirect("volunteers:shifts")
    return redirect("volunteers:certificate_pdf", certificate_id=certificate.pk)


@login_required
@require_safe
def certificate_pdf(request, certificate_id):
    certificate = get_object_or_404(Certificate, pk=certificate_id, volunteer=request.user)
    url = request.build_absolute_uri(reverse("volunteers:verify")) + "?code=" + certificates.code(certificate)
    response = HttpResponse(certificates.pdf(certificate, url), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="volunteer-certificate.pdf"'
    return response


@require_safe
def verify(request):
    text = request.GET.get("code", "")
    certificate = certificates.verify(text) if text else None
    return render(request, "volunteers/verify.html", {"code": text, "certificate": certificate})


@login_required
@require_safe
def records_xlsx(request):
    """The records of activities the user organizes, one row each, in the columns a national volunteering
    system takes: volunteer, activity, organization, date, start, end, place, hours, confirmed by."""
    rows = [
        ("志愿者", "活动名称", "组织单位", "服务日期", "开始时间", "结束时间", "服务地点", "服务时长（小时）", "确认人")
    ]
    for s in selectors.organized_records(request.user):
        start = timezone.localtime(s.shift.starts_at)
        rows.append(
            (
                str(s.volunteer),
                s.shift.activity.title,
                certificates.organization_name(s),
                start.date().isoformat(),
                start.strftime("%H:%M"),
                timezone.localtime(s.shift.ends_at).strftime("%H:%M"),
                s.shift.place,
                round(s.minutes / 60, 2),
                str(s.confirmed_by),
            )
        )
    return xlsx_response([("志愿服务记录", rows)], "volunteer-records.xlsx")
