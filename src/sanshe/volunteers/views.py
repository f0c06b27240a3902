"""Volunteering's pages: upcoming shifts with sign-up and waiting list, and my sign-ups."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from sanshe.volunteers import selectors, services
from sanshe.volunteers.models import Shift, Signup
from sanshe.web.pagination import paginate


@require_safe
def shifts(request):
    context = {
        "page": paginate(request, selectors.upcoming_shifts()),
        "mine": list(selectors.my_signups(request.user)[:20]) if request.user.is_authenticated else [],
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
