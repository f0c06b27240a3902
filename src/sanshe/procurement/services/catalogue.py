"""The purchasable-service catalogue: only services, never goods, staffing, financing or duties."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.people.predicates import is_platform_admin
from sanshe.procurement.models import FORBIDDEN_RULES, CatalogueItem


@transaction.atomic
def add_catalogue_item(*, actor, data: dict) -> CatalogueItem:
    """Operators add catalogue items; goods, works, staffing, financing and government duties are refused."""
    if not is_platform_admin(actor):
        raise PermissionDenied(_("只有平台管理员可以维护购买服务目录。"))
    nature = data.get("nature", "service")
    if nature in FORBIDDEN_RULES:
        raise ValidationError({"nature": FORBIDDEN_RULES[nature]})
    item = CatalogueItem(**data)
    item.full_clean()
    item.save()
    return item
