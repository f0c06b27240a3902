"""Irreversible actions (a payment, a disbursement, an award, withdrawing a bid, stopping a project)
are confirmed on a page of their own before they happen, without JavaScript: the first post shows what
will happen and carries the posted fields again as hidden inputs; the second post, with
`confirmed=yes`, does it."""

from django.shortcuts import render

CONFIRMED = "confirmed"
_NOT_ECHOED = {"csrfmiddlewaretoken", CONFIRMED}


def is_confirmed(request) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRMED) == "yes"


def confirmation_page(request, *, title: str, facts: list[tuple[str, str]], warning: str, button: str, back_url: str):
    """The page that asks "are you sure?": what will happen (`facts`), why it cannot be undone
    (`warning`), a button that does it and a link back that does nothing."""
    hidden = [(key, value) for key in request.POST if key not in _NOT_ECHOED for value in request.POST.getlist(key)]
    context = {
        "title": title,
        "facts": facts,
        "warning": warning,
        "button": button,
        "back_url": back_url,
        "hidden": hidden,
    }
    return render(request, "web/confirm.html", context)
