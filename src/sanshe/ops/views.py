"""Health checks for load balancers, metrics for Prometheus, and the error page that names the request."""

import hmac
import sys

from django.conf import settings
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from sanshe.common import unavailable
from sanshe.ops import health, metrics
from sanshe.ops.requests import current_request_id
from sanshe.web.throttle import client_ip


@never_cache
@require_GET
def healthz(request):
    """The process is alive and answers; nothing else is asked of it."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    ready, checks = health.readiness()
    return JsonResponse({"status": "ok" if ready else "failing", "checks": checks}, status=200 if ready else 503)


def may_scrape(request) -> bool:
    """Open in the demo; in production a bearer token (SANSHE_METRICS_TOKEN) or an allowed client address."""
    if not settings.PRODUCTION:
        return True
    token = settings.SANSHE_METRICS_TOKEN
    offered = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if token and offered and hmac.compare_digest(offered.encode(), token.encode()):
        return True
    return client_ip(request) in settings.SANSHE_METRICS_ALLOWED_IPS


@never_cache
@require_GET
def prometheus_metrics(request):
    if not may_scrape(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    waited = health.oldest_waiting_task_seconds()
    return HttpResponse(metrics.exposition(waited), content_type=metrics.CONTENT_TYPE)


def server_error(request):
    """handler500: 503 with Retry-After when the database is the trouble (it comes back); otherwise
    Django's 500 page, with the request's id a resident can read out to the help desk and no other
    context, so that nothing on it can fail again."""
    if unavailable.is_unavailable(sys.exc_info()[1]):
        return unavailable.unavailable_response(request)
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"request_id": current_request_id.get()}))
