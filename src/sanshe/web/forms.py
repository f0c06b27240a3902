"""Form helpers every app's pages share."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


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
