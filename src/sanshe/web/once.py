"""Every create form is submitted once: three taps on 提交 make one need, not three.

The form carries a one-time token (`{% submit_once %}` in the template: a hidden field, plus the
small script that disables the button while sending). `SubmitOnceMiddleware` lets the first post that
carries a token take it (a primary key, so the database decides between two concurrent posts) and
run the view. When the view succeeds (it redirects to what it created), the token remembers where;
a later post of the same token is redirected there, with a note, instead of creating again. When the
view shows the form again with errors, the token is released so the corrected form can be sent.
Posts without a token (the API, scripts) are not affected.
"""

import datetime
import time

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshe.common.ids import parse_uuid

FIELD = "form_token"
KEEP = datetime.timedelta(days=2)  # a form left open longer than this is simply submitted again
WAIT_SECONDS = 5.0  # how long a second post waits for the first one (still running) to finish


class SubmitOnceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _token(request)
        if token is None:
            return self.get_response(request)
        from sanshe.web.models import FormSubmission

        user_id = request.user.pk if request.user.is_authenticated else None
        if not _take(token, user_id):
            replayed = _replay(request, token, user_id)
            if replayed is not None:
                return replayed
            if not _take(token, user_id):  # taken again meanwhile by a third post
                return _busy(request, status=409)
        try:
            response = self.get_response(request)
        except BaseException:
            FormSubmission.objects.filter(token=token).delete()
            raise
        if isinstance(response, HttpResponseRedirect):
            FormSubmission.objects.filter(token=token).update(location=response["Location"][:500])
        else:
            FormSubmission.objects.filter(token=token).delete()  # errors shown: the corrected form may be sent
        FormSubmission.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
        return response


def _token(request):
    if request.method != "POST" or request.content_type not in {
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    }:
        return None
    return parse_uuid(request.POST.get(FIELD))


def _take(token, user_id) -> bool:
    """The first post carrying the token takes it; the primary key decides between concurrent posts."""
    from sanshe.web.models import FormSubmission

    try:
        with transaction.atomic():
            FormSubmission.objects.create(token=token, user_id=user_id)
    except IntegrityError:
        return False
    return True


def _replay(request, token, user_id):
    """The same form again: where the first post went, once it has finished; None when the first post
    showed errors and let the token go (this post is then a fresh attempt)."""
    from sanshe.web.models import FormSubmission

    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        found = FormSubmission.objects.filter(token=token).values_list("user_id", "location").first()
        if found is None:
            return None
        owner, location = found
        if owner != user_id:
            return _busy(request, status=400)
        if location:
            messages.info(request, _("这份表单已经提交过了，没有重复提交。下面是刚才提交的结果。"))
            return HttpResponseRedirect(location)
        if time.monotonic() > deadline:
            return _busy(request, status=409)
        time.sleep(0.1)


def _busy(request, *, status):
    """409: the first post is still running; 400: the token belongs to someone else's form."""
    return render(request, "web/submitted.html", {"status": status}, status=status)
