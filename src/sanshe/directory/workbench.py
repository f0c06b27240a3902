"""我的工作台, the directory's part: an organization's services whose details nobody has checked for half a year."""

import datetime

from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.contributions import WorkItem, work_section
from sanshe.directory.models import Service, ServiceStatus
from sanshe.people.predicates import ORG_MEMBER_KINDS
from sanshe.people.selectors import role_scopes

# Hours, prices and places change; a service's details are checked at least this often.
CHECK_EVERY = datetime.timedelta(days=183)


def unchecked_services(organization, today: datetime.date):
    """The organization's services in use whose details were last checked over six months ago, or never."""
    return (
        Service.objects.filter(organization=organization)
        .exclude(status=ServiceStatus.DEFUNCT)
        .filter(Q(assured_date__isnull=True) | Q(assured_date__lt=today - CHECK_EVERY))
        .order_by(F("assured_date").asc(nulls_first=True), "created_at", "id")
    )


def _item(service) -> WorkItem:
    if service.assured_date is None:
        note = _("从未核实")
    else:
        note = _("上次核实：%(date)s") % {"date": service.assured_date.isoformat()}
    return WorkItem(service.name, reverse("service_edit", args=[service.pk]), note=note)


def sections(user) -> list:
    today = clock.today()
    return [
        work_section(
            "org_staff",
            "services_to_check",
            _("半年没有核实的服务信息"),
            unchecked_services(organization, today),
            _item,
            url=reverse("my_organizations"),
            scope=organization.name,
        )
        for organization in role_scopes(user, ORG_MEMBER_KINDS, "organization")
    ]
