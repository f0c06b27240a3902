"""What people hear about their accounts (sent through `sanshe.notifications`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from sanshe.notifications.models import Kind
from sanshe.notifications.services import notify
from sanshe.people.models import Role


def residency_verified(role: Role) -> None:
    notify(
        [role.user_id],
        Kind.RESIDENCY_VERIFIED,
        _("社区工作人员已核实您住在%(community)s。现在您可以为邻居的需求点单、参加居民点单和居民小组。"),
        reverse("my_account"),
        params={"community": role.community.name},
    )
