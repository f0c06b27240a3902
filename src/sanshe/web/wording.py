"""Django's own words, said once for the whole project the way residents say things.

Django shows an empty choice as "---------" and refuses a long text with "确保该变量包含不超过 200
字符". `apply()` (called when the web app is ready) gives every form the same readable words:
an empty choice reads 请选择, and length and range refusals say what to do.
"""

from django.core import validators
from django.db.models import fields
from django.forms import models as form_models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

EMPTY_CHOICE = _("请选择")


def apply() -> None:
    # Model fields with choices (BLANK_CHOICE_DASH is shared by reference, so it is changed in place).
    fields.BLANK_CHOICE_DASH[:] = [("", EMPTY_CHOICE)]
    # Foreign keys and other model choice fields that do not name their own empty label.
    form_models.ModelChoiceField.__init__.__kwdefaults__["empty_label"] = EMPTY_CHOICE
    validators.MaxLengthValidator.message = ngettext_lazy(
        "最多写 %(limit_value)d 个字，现在有 %(show_value)d 个字，请删短一些。",
        "最多写 %(limit_value)d 个字，现在有 %(show_value)d 个字，请删短一些。",
        "limit_value",
    )
    validators.MinLengthValidator.message = ngettext_lazy(
        "至少写 %(limit_value)d 个字，现在只有 %(show_value)d 个字，请再写详细一些。",
        "至少写 %(limit_value)d 个字，现在只有 %(show_value)d 个字，请再写详细一些。",
        "limit_value",
    )
    validators.MaxValueValidator.message = _("不能超过 %(limit_value)s，请改小一些。")
    validators.MinValueValidator.message = _("不能小于 %(limit_value)s，请改大一些。")
