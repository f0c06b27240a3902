"""Every request gets an id, one JSON log line and its place in the metrics.

The id comes from the proxy's X-Request-ID when it looks like one (so nginx's and ours agree),
otherwise it is made here; it is answered as a header, attached to every log record of the request
and shown on the error page, so a resident can quote it. The log line carries the user's id, never
a name or a phone number, and the path without its query string (a search may hold private words).
"""

import contextvars
import logging
import re
import time
import uuid

from sanshe.ops import metrics

REQUEST_ID_HEADER = "X-Request-ID"
_ACCEPTABLE_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")
current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
log = logging.getLogger("sanshe.requests")


def request_id_for(request) -> str:
    offered = request.headers.get(REQUEST_ID_HEADER, "")
    return offered if _ACCEPTABLE_ID.fullmatch(offered) else uuid.uuid4().hex


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.request_id = request_id_for(request)
        token = current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request.request_id
            duration = time.perf_counter() - started
            view = request.resolver_match.view_name if request.resolver_match else "unmatched"
            metrics.observe(request.method, view, response.status_code, duration)
            user = getattr(request, "user", None)
            log.info(
                "request",
                extra={
                    "method": request.method,
                    "path": request.path,
                    "view": view,
                    "status": response.status_code,
                    "duration_ms": round(duration * 1000, 1),
                    "user_id": str(user.pk) if user is not None and user.is_authenticated else None,
                },
            )
            return response
        finally:
            current_request_id.reset(token)
