"""A model's `clean_fields()` for imports of hundreds of thousands of rows: the same errors, for less.

Django runs every field through `to_python`, `validate` and each validator. For the values an
import mostly carries (a text within its length, a choice, an empty optional field) a plain
test says the same thing: those are passed at once. Any other value goes through Django's own
`Field.clean`, so a wrong value gets exactly the message `clean_fields()` would give.
"""

import uuid

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models

# Exact types: a subclass (an e-mail or web address field) has validators of its own.
_TEXT = {models.CharField, models.TextField}


def _surely_valid(field):
    """A test that is true only for values `field.clean()` accepts unchanged; None: no such test."""
    if type(field) is models.UUIDField and not field.validators:
        return lambda value: type(value) is uuid.UUID
    if type(field) not in _TEXT or not all(type(v) is MaxLengthValidator for v in field.validators):
        return None
    longest = field.max_length
    if field.choices:
        allowed = {str(value) for value, _label in field.flatchoices}
        return lambda value: type(value) is str and value in allowed and (longest is None or len(value) <= longest)
    return lambda value: type(value) is str and (value or field.blank) and (longest is None or len(value) <= longest)


class FieldChecks:
    """`instance.clean_fields(exclude=<the model's relations>)` for instances of one model."""

    def __init__(self, model):
        self.fields = [
            (field, _surely_valid(field))
            for field in model._meta.fields
            if not field.is_relation and not field.generated
        ]

    def clean_fields(self, instance):
        errors = {}
        for field, surely_valid in self.fields:
            value = getattr(instance, field.attname)
            if field.blank and value in field.empty_values:
                continue  # what clean_fields() skips
            if surely_valid is not None and surely_valid(value):
                continue
            try:
                setattr(instance, field.attname, field.clean(value, instance))
            except ValidationError as exc:
                errors[field.name] = exc.error_list
        if errors:
            raise ValidationError(errors)
