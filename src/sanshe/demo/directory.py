"""The demo city's organizations, their places, services, hours and prices, and their staff.

Through the directory's services, as the platform admin: `create_location` for each organization's
office, hotline and each residents' committee's 党群服务中心, `create_service` for each service with its
vocabularies, area, prices, hours and own places; organizations' staff get their roles through
`people.services.invite_organization_member` (accepted at once). Written directly, each for the reason beside it:
organizations (no service registers one), centres of communities without a residents' committee, and
services' links to community centres.
"""

import datetime

from sanshe.demo import plan
from sanshe.demo.accounts_data import ACCOUNTS
from sanshe.directory import services
from sanshe.directory.models import Location, Organization, Schedule, ServiceAtLocation
from sanshe.directory.services import SERVICE_FIELDS
from sanshe.people import invitations
from sanshe.people import services as people_services
from sanshe.people.models import SCOPE_OF_KIND, Role, RoleKind, User
from sanshe.people.predicates import ORG_MEMBER_KINDS

SCHEDULE_FIELDS = ("freq", "byday", "bymonthday", "opens_at", "closes_at", "description")


def _fields(row, names) -> dict:
    return {name: getattr(row, name) for name in names}


def load(as_of: datetime.date) -> None:
    city = plan.current()
    admin = User.objects.get(username=next(a.username for a in ACCOUNTS if a.role == RoleKind.PLATFORM_ADMIN))
    # Operators register organizations (credit code, kind and rating are theirs to set); there is no service.
    Organization.objects.bulk_create(city.organizations.values())
    _members(city, admin)
    saved: dict[int, Location] = {}  # id() of the planned location -> the row
    for planned in city.locations:
        data = _fields(planned, services.LOCATION_FIELDS)
        if planned.organization is None:
            # A community with no residents' committee in the demo: its centre belongs to no organization,
            # and create_location adds a place to an organization.
            planned.save()
            saved[id(planned)] = planned
        else:
            saved[id(planned)] = services.create_location(actor=admin, organization=planned.organization, data=data)
    for planned in city.services:
        data = {
            **_fields(planned.service, SERVICE_FIELDS),
            "domains": planned.domains,
            "target_groups": planned.target_groups,
            "service_area": planned.area,
            "cost_options": [_fields(c, ("option", "amount_fen", "amount_description")) for c in planned.costs],
            "schedules": [_fields(s, SCHEDULE_FIELDS) for s in planned.schedules],
        }
        if not planned.at_centres:
            data["locations"] = [{"location": saved[id(site.location)]} for site in planned.sites]
        service = services.create_service(actor=admin, organization=planned.service.organization, data=data)
        if planned.at_centres:
            # The centres belong to the residents' committees, and set_service_locations offers an organization
            # only its own places (a link to another's place comes from an import, as here).
            for site in planned.sites:
                link = ServiceAtLocation.objects.create(
                    service=service, location=saved[id(site.location)], description=site.description
                )
                Schedule.objects.bulk_create(
                    Schedule(service_at_location=link, **_fields(s, SCHEDULE_FIELDS)) for s in site.schedules
                )


def _members(city, admin) -> None:
    """Each organization's staff, admins and social workers; funders' roles in their foundation."""
    for account in ACCOUNTS:
        if SCOPE_OF_KIND[account.role] != "organization":
            continue
        organization = city.organizations[account.scope]
        if account.role in ORG_MEMBER_KINDS:
            # Invited, and the demo person says yes, as a real one would.
            invitation = people_services.invite_organization_member(
                actor=admin, organization=organization, login=account.username, kind=account.role
            )
            invitations.answer(actor=User.objects.get(username=account.username), invitation=invitation, accept=True)
        else:
            # A funder is not a member of the foundation's staff; operators grant the role in the back office.
            Role.objects.create(
                user=User.objects.get(username=account.username), kind=account.role, organization=organization
            )
