"""Reads the web pages need beyond the directory's own selectors."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from sanshe.directory.models import Location, Organization, Service
from sanshe.people.models import Role, RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS
from sanshe.places.models import Community


def communities() -> QuerySet[Community]:
    return Community.objects.select_related("street__district").order_by("sort_key", "id")


def community(community_id) -> Community:
    return get_object_or_404(communities(), pk=community_id)


def organization(organization_id) -> Organization:
    """An organization with its places, for its public page."""
    queryset = Organization.objects.select_related("community").prefetch_related(
        Prefetch("locations", queryset=Location.objects.select_related("community").order_by("sort_key"))
    )
    return get_object_or_404(queryset, pk=organization_id)


def organizations_of_staff(user) -> QuerySet[Organization]:
    """The organizations a user works for, each with all its services (any status)."""
    return (
        Organization.objects.filter(roles__user=user, roles__kind__in=ORG_MEMBER_KINDS)
        .distinct()
        .prefetch_related(Prefetch("services", queryset=Service.objects.order_by("sort_key", "id")))
        .order_by("sort_key", "id")
    )


def communities_of_staff(user) -> QuerySet[Community]:
    """The communities a user is staff of, with how many residents wait for verification."""
    waiting = Q(roles__kind=RoleKind.RESIDENT, roles__verified_at__isnull=True)
    staff_of = Community.objects.filter(roles__user=user, roles__kind=RoleKind.COMMUNITY_STAFF).values("pk")
    return communities().filter(pk__in=staff_of).annotate(unverified_count=Count("roles", filter=waiting))


def unverified_residents(community: Community) -> QuerySet[Role]:
    return (
        Role.objects.filter(kind=RoleKind.RESIDENT, community=community, verified_at__isnull=True)
        .select_related("user", "community")
        .order_by("created_at", "id")
    )


def account_roles(user) -> list[Role]:
    """Someone's roles with the place or organization each is for, residencies first, for their account page."""
    roles = Role.objects.filter(user=user).select_related("community", "organization", "street", "district")
    order = {kind: i for i, kind in enumerate(RoleKind)}  # residents first, as RoleKind lists them
    return sorted(roles, key=lambda role: (order[role.kind], role.created_at))
