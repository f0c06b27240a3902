"""Refuse NUL characters at the edge.

PostgreSQL text cannot hold U+0000, so a NUL in a query string or JSON body
would otherwise surface as a database error (a 500) deep inside a query.
"""

from django.core.exceptions import BadRequest
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
