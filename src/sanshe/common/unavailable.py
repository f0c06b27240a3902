"""A database that is down, restarting or busy answers 503 with Retry-After, in Chinese, never a 500.

Django's 500 handler is where every uncaught exception ends (raised in a view, a middleware or a
template; django-ninja re-raises what it does not handle when DEBUG is off), so the decision is made
there: a connection error or a lock that did not come free answers 503, anything else the usual 500.
Pages get a page rendered without the request (nothing in it may touch the database); /api/ and
/hsds/ get JSON.
"""

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

RETRY_AFTER_SECONDS = 10
JSON_PREFIXES = ("/api/", "/hsds/")
# SQLite reports mistakes in SQL or schema as OperationalError too: those are bugs (500), not outages.
_SQLITE_MISTAKES = ("no such ", "near ", "table ", "duplicate column")


def is_unavailable(exc) -> bool:
    if isinstance(exc, InterfaceError):
        return True
    return isinstance(exc, OperationalError) and not str(exc).startswith(_SQLITE_MISTAKES)


def unavailable_response(request) -> HttpResponse:
    message = _("系统正忙或正在维护，请 %(seconds)s 秒后再试。您刚才的操作没有完成，需要时请重新提交。") % {
        "seconds": RETRY_AFTER_SECONDS
    }
    if request.path.startswith(JSON_PREFIXES):
        response = JsonResponse({"detail": message}, status=503, json_dumps_params={"ensure_ascii": False})
    else:
        response = HttpResponse(render_to_string("503.html", {"message": message}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
