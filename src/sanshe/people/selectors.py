"""Reads about people and roles for views and APIs."""

from django.db.models import Case, IntegerField, QuerySet, Value, When

from sanshe.people.models import Role, RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS

# Admins first, then staff, then social workers.
_MEMBER_KIND_ORDER = Case(
    When(kind=RoleKind.ORG_ADMIN, then=Value(0)),
    When(kind=RoleKind.ORG_STAFF, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def organization_members(organization) -> QuerySet[Role]:
    """Who works for an organization: one row per role, with the account, longest-serving first within a kind."""
    return (
        Role.objects.filter(organization=organization, kind__in=ORG_MEMBER_KINDS)
        .select_related("user")
        .order_by(_MEMBER_KIND_ORDER, "created_at", "id")
    )
