"""Form helpers every app's pages share."""

from django.contrib import messages as flash
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.shortcuts import redirect, render


def add_errors(form, error: ValidationError, elsewhere=None):
    """A service's refusal, next to the field it names if the form has it, else at the top."""
    items = error.message_dict.items() if hasattr(error, "error_dict") else [(NON_FIELD_ERRORS, error.messages)]
    for field, messages in items:
        if field in form.fields:
            form.add_error(field, messages)
        elif elsewhere and field in elsewhere:
            elsewhere[field].add_error(field, messages)
        else:
            form.add_error(None, messages)


def form_page(request, form, template, *, title, submit, back, save, done, intro="", extra=None):
    """A plain form page: on a refusal the service's Chinese message shows and everything typed stays.

    `save(cleaned_data)` calls the service; `done(result)` gives (the message, where to go next).
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            message, url = done(result)
            flash.success(request, message)
            return redirect(url)
    context = {"form": form, "title": title, "submit": submit, "back": back, "intro": intro, **(extra or {})}
    return render(request, template, context)
