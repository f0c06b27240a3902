"""Whether someone may act in a role: the rules in each app's rules.py decide, for everyone.

Django's `User.has_perm()` answers True for any active superuser before it asks the rules, so a
platform operator would vote, score, choose and disburse without holding the role. Everything
that acts in a role asks `may()` instead; operators administer through the admin.
"""

import rules


def may(user, perm: str, obj=None) -> bool:
    """Whether `user` holds `perm` on `obj` by the rules alone (no superuser shortcut)."""
    return user is not None and rules.has_perm(perm, user, obj)
