"""Reads about people and roles for views and APIs."""

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When

from sanshe.people.models import CodePurpose, OneTimeCode, Role, RoleKind
from sanshe.people.predicates import ORG_MEMBER_KINDS
from sanshe.places.models import Community
from sanshe.places.selectors import communities

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


def reset_codes_for(user):
    """The reset codes community staff gave this person, newest first: who gave one, and when, is theirs to see."""
    return (
        OneTimeCode.objects.filter(user=user, purpose=CodePurpose.RESET)
        .select_related("issued_by")
        .order_by("-created_at")[:5]
    )


def role_scopes(user, kinds, scope: str) -> list:
    """The communities, organizations, streets or districts (`scope`) where the user holds one of `kinds`,
    by name; one query, kept on the user for the request, as its roles are."""
    from sanshe.people.predicates import roles_of

    ids = sorted(str(getattr(role, f"{scope}_id")) for role in roles_of(user) if role.kind in kinds)
    if not ids:
        return []
    cache = getattr(user, "_sanshe_scopes", None)
    if cache is None:
        cache = user._sanshe_scopes = {}
    key = (scope, tuple(ids))
    if key not in cache:
        model = Role._meta.get_field(scope).related_model
        cache[key] = list(model.objects.filter(pk__in=ids).order_by("sort_key", "id"))
    return cache[key]
