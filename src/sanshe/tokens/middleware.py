"""The API accepts a personal access token in the Authorization header, beside the session cookie.

Never in a URL (URLs end up in logs and browser histories). A request with a token acts as the token's
person for that request only; it needs no CSRF token, since no browser sends it by itself.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _

from sanshe.tokens import scopes, services


class TokenAuthenticationMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = request.headers.get("Authorization", "")
        needed = scopes.required(request.method, request.path) if header else None
        if needed is None:
            return self.get_response(request)
        kind, _sep, secret = header.partition(" ")
        token = services.authenticate(secret.strip()) if kind.lower() == "bearer" else None
        if token is None:
            response = JsonResponse({"detail": _("接口令牌无效、已过期或已撤销。")}, status=401)
            response["WWW-Authenticate"] = 'Bearer realm="sanshe"'
            return response
        if needed not in token.scopes:
            return JsonResponse({"detail": _("这个接口令牌没有“%(scope)s”权限。") % {"scope": needed}}, status=403)
        request.user = token.user
        request.access_token = token
        request._dont_enforce_csrf_checks = True
        request._ninja_csrf_exempt = True
        return self.get_response(request)
