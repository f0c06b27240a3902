"""The demo accounts: one per role (accounts_data.ACCOUNTS), and `person()` for demo modules that need residents.

Accounts are written directly: no service creates a staff, officer or admin account (operators make
them in the back office), and `people.services.register_resident` is the sign-up form's use case (it
records the privacy consent given on that form and makes the phone number the username). Where a person becomes a
resident, and staff verify it, goes through `join_community` and `verify_residency`.
Roles in organizations are given once the organizations exist (`demo.directory`).
"""

import datetime
import functools
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password

from sanshe.common import clock
from sanshe.demo import plan
from sanshe.demo.accounts_data import ACCOUNTS, DEMO_PASSWORD
from sanshe.people import services
from sanshe.people.models import SCOPE_OF_KIND, Role, RoleKind, User

SHANGHAI = ZoneInfo("Asia/Shanghai")


@functools.cache
def password_hash() -> str:
    """DEMO_PASSWORD, hashed once: hashing is deliberately slow and every demo account shares it."""
    return make_password(DEMO_PASSWORD)


def account(username: str, display_name: str, *, phone: str = "", staff: bool = False) -> User:
    """A demo account that logs in with DEMO_PASSWORD; its id is derived from its username."""
    return User.objects.create(
        id=plan.demo_id("user", username),
        username=username,
        display_name=display_name,
        phone=phone or None,
        email=f"{username}@example.org",
        password=password_hash(),
        is_staff=staff,
        is_superuser=staff,
    )


def person(username: str, display_name: str, community, *, verified_at: datetime.datetime | None = None) -> User:
    """A resident of `community` with a demo account; verified at `verified_at` (None: not yet)."""
    user = User.objects.create(
        id=plan.demo_id("user", username),
        username=username,
        display_name=display_name,
        email=f"{username}@example.org",
        password=password_hash(),
    )
    Role.objects.create(
        id=plan.demo_id("role", username, "resident"),
        user=user,
        kind=RoleKind.RESIDENT,
        community=community,
        verified_at=verified_at,
    )
    return user


def load(as_of: datetime.date) -> None:
    city = plan.current()
    places = {"community": city.communities, "street": city.streets, "district": city.districts}
    users = {
        a.username: account(a.username, a.display_name, phone=a.phone, staff=a.role == RoleKind.PLATFORM_ADMIN)
        for a in ACCOUNTS
    }
    residents = []
    for a in ACCOUNTS:
        scope = SCOPE_OF_KIND[a.role]
        if a.role == RoleKind.RESIDENT:
            role = services.join_community(user=users[a.username], community=city.communities[a.scope])
            residents.append((role, a.verified))
        elif scope != "organization":  # those are given by the organizations (demo.directory)
            # No service grants staff and officer roles: operators do, in the back office.
            Role.objects.create(
                user=users[a.username], kind=a.role, **({scope: places[scope][a.scope]} if scope else {})
            )
    # Community staff verify the residents of their own community; the platform admin those of others.
    staff = {r.community_id: r.user for r in Role.objects.filter(kind=RoleKind.COMMUNITY_STAFF).select_related("user")}
    admin = next(users[a.username] for a in ACCOUNTS if a.role == RoleKind.PLATFORM_ADMIN)
    with clock.frozen_at(datetime.datetime.combine(as_of, datetime.time(10), tzinfo=SHANGHAI)):
        for role, verified in residents:
            if verified:
                services.verify_residency(actor=staff.get(role.community_id, admin), role=role)
