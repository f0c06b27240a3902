"""我的账户 · 接口令牌: make a token for another system, see one's tokens, revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from sanshe.tokens import services
from sanshe.tokens.forms import TokenForm
from sanshe.tokens.models import AccessToken
from sanshe.web.forms import add_errors


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def tokens(request):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = services.create_token(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            # Shown on this answer only: the secret is never stored, nor put in a URL or a message.
            form = TokenForm()
    context = {
        "form": form,
        "secret": secret,
        "tokens": AccessToken.objects.filter(user=request.user),
    }
    return render(request, "tokens/tokens.html", context)


@login_required
@require_POST
def revoke(request, token_id):
    services.revoke(user=request.user, token_id=token_id)
    messages.success(request, _("已撤销。用这个令牌的系统从现在起无法再访问。"))
    return redirect("tokens:list")
