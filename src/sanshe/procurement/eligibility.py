"""Whether an organization may bid on a call (pure: no Django import).

Returns reasons as (code, details) pairs; the service turns them into sentences.
"""

import datetime
from dataclasses import dataclass

RATING_ORDER = {"1A": 1, "2A": 2, "3A": 3, "4A": 4, "5A": 5}
VIOLATION_YEARS = 3


@dataclass(frozen=True)
class Requirements:
    kinds: tuple[str, ...] = ()
    min_registered_years: int = 0
    min_rating: str = ""
    no_serious_violation: bool = True
    invited: tuple | None = None  # ids of invited organizations, for invited methods


@dataclass(frozen=True)
class Applicant:
    id: object
    kind: str
    registered_on: datetime.date | None
    rating: str  # current (unexpired) rating or ""
    serious_violations: tuple[datetime.date, ...] = ()


def years_between(start: datetime.date, end: datetime.date) -> int:
    years = end.year - start.year
    if (end.month, end.day) < (start.month, start.day):
        years -= 1
    return years


def reasons(applicant: Applicant, requirements: Requirements, today: datetime.date) -> list[tuple[str, dict]]:
    found = []
    if requirements.invited is not None and applicant.id not in requirements.invited:
        found.append(("not_invited", {}))
    if requirements.kinds and applicant.kind not in requirements.kinds:
        found.append(("kind", {"kind": applicant.kind}))
    if requirements.min_registered_years:
        if applicant.registered_on is None:
            found.append(("not_registered", {"years": requirements.min_registered_years}))
        elif years_between(applicant.registered_on, today) < requirements.min_registered_years:
            found.append(
                (
                    "registered_years",
                    {
                        "years": requirements.min_registered_years,
                        "have": years_between(applicant.registered_on, today),
                    },
                )
            )
    if requirements.min_rating:
        if RATING_ORDER.get(applicant.rating, 0) < RATING_ORDER[requirements.min_rating]:
            found.append(("rating", {"rating": requirements.min_rating, "have": applicant.rating or "-"}))
    if requirements.no_serious_violation:
        since = today - datetime.timedelta(days=365 * VIOLATION_YEARS + 1)
        recent = [d for d in applicant.serious_violations if d >= since]
        if recent:
            found.append(("violation", {"date": max(recent)}))
    return found
