"""Permission predicates over a user's scoped roles (django-rules).

A user's roles are loaded once per user object (one query per request) and
kept on it, so checking many objects on one page does not query per object.
Apps compose these in their own rules.py.
"""

import contextlib

import rules

from sanshe.people.models import RoleKind

ORG_MEMBER_KINDS = {RoleKind.ORG_STAFF, RoleKind.ORG_ADMIN, RoleKind.SOCIAL_WORKER}


def roles_of(user):
    if not user or not user.is_authenticated or not user.is_active:
        return ()
    cached = getattr(user, "_sanshe_roles", None)
    if cached is None:
        cached = tuple(user.roles.all())
        user._sanshe_roles = cached
    return cached


def forget_roles(user):
    """Call after changing a user's roles within the same request.

    Deleting the attribute (rather than popping __dict__) reaches through
    request.user's lazy proxy to the user itself.
    """
    with contextlib.suppress(AttributeError):
        del user._sanshe_roles


def has_role(user, kinds, **scope) -> bool:
    """Whether the user holds a role of one of `kinds`, scoped as named: has_role(user, {...}, street=pk)."""
    for role in roles_of(user):
        if role.kind in kinds and all(getattr(role, f"{k}_id") == v for k, v in scope.items()):
            return True
    return False


def pk_of(obj):
    """A model's primary key, or the value itself when it already is one."""
    return getattr(obj, "pk", obj)


@rules.predicate
def is_platform_admin(user):
    if not user or not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or has_role(user, {RoleKind.PLATFORM_ADMIN})


@rules.predicate
def is_org_member(user, organization):
    return organization is not None and has_role(user, ORG_MEMBER_KINDS, organization=pk_of(organization))


@rules.predicate
def is_org_admin(user, organization):
    return organization is not None and has_role(user, {RoleKind.ORG_ADMIN}, organization=pk_of(organization))


@rules.predicate
def is_community_staff(user, community):
    return community is not None and has_role(user, {RoleKind.COMMUNITY_STAFF}, community=pk_of(community))


@rules.predicate
def is_street_officer_over(user, community):
    return community is not None and has_role(user, {RoleKind.STREET_OFFICER}, street=community.street_id)


@rules.predicate
def is_district_officer_over(user, community):
    return community is not None and has_role(user, {RoleKind.DISTRICT_OFFICER}, district=community.street.district_id)


@rules.predicate
def is_verified_resident(user, community):
    if community is None:
        return False
    return any(
        role.kind == RoleKind.RESIDENT and role.community_id == pk_of(community) and role.is_verified
        for role in roles_of(user)
    )


is_officer_over = is_street_officer_over | is_district_officer_over
