"""Refuse NUL characters at the edge.

PostgreSQL text cannot hold U+0000, so a NUL in a query string or JSON body
would otherwise surface as a database error (a 500) deep inside a query.
"""

from django.core.exceptions import BadRequest
from django.http import JsonResponse
from django.utils.translation import gettext as _


def _has_nul(request) -> bool:
    if "\x00" in request.path:
        return True
    if any("\x00" in key or any("\x00" in v for v in values) for key, values in request.GET.lists()):
        return True
    content_type = request.content_type or ""
    if request.method in {"POST", "PUT", "PATCH"} and not content_type.startswith("multipart/"):
        body = request.body
        if b"\x00" in body or (content_type.endswith("json") and b"\\u0000" in body):
            return True
    return False


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _has_nul(request):
            raise BadRequest(_("请求中含有不允许的空字符（NUL），请删除后重试。"))
        return self.get_response(request)


API_PREFIXES = ("/api/", "/hsds/")


def _error_messages():
    return {
        400: _("请求有误，请检查后重试。"),
        401: _("请先登录。"),
        403: _("没有权限进行这项操作。"),
        404: _("没有找到这个地址或对象。"),
        405: _("这个地址不接受这种请求方法。"),
        413: _("请求太大。"),
        429: _("请求太频繁，请稍后再试。"),
        500: _("服务器出了问题，我们会尽快处理，请稍后再试。"),
        503: _("服务暂时不可用，请稍后再试。"),
    }


class ApiErrorsAsJsonMiddleware:
    """Every error of /api/ and /hsds/ answers JSON, `{"detail": ...}`, never the HTML error page.

    Sits outside every other middleware, so it also sees Django's own 404, 405, CSRF 403, the 400 of
    RejectNulMiddleware and the 500 of an unhandled exception (already logged by Django by then).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.status_code < 400
            or not request.path.startswith(API_PREFIXES)
            or response.get("Content-Type", "").startswith("application/json")
        ):
            return response
        detail = _error_messages().get(response.status_code) or response.reason_phrase
        answer = JsonResponse({"detail": str(detail)}, status=response.status_code)
        for header in ("Allow", "Retry-After"):
            if header in response:
                answer[header] = response[header]
        return answer
