"""Which earlier project a new one probably continues, even under a new name (pure: no Django import).

similarity = 0.35 × Jaccard(service items) + 0.25 × Jaccard(communities)
           + 0.20 × (same organization) + 0.20 × Jaccard(character bigrams of the descriptions)
A pair at or above SUGGEST_AT is suggested as a likely continuation.
"""

from dataclasses import dataclass

WEIGHTS = {"items": 0.35, "communities": 0.25, "organization": 0.20, "description": 0.20}
SUGGEST_AT = 0.5


@dataclass(frozen=True)
class Profile:
    id: object
    items: frozenset = frozenset()
    communities: frozenset = frozenset()
    organization: object = None
    description: str = ""


def jaccard(a, b) -> float:
    a, b = set(a), set(b)
    if not a and not b:
        return 0.0
    return len(a & b) / len(a | b)


def bigrams(text: str) -> set[str]:
    chars = [c for c in text.lower() if c.isalnum()]
    return {a + b for a, b in zip(chars, chars[1:], strict=False)}


def similarity(a: Profile, b: Profile) -> float:
    same_org = 1.0 if a.organization is not None and a.organization == b.organization else 0.0
    return (
        WEIGHTS["items"] * jaccard(a.items, b.items)
        + WEIGHTS["communities"] * jaccard(a.communities, b.communities)
        + WEIGHTS["organization"] * same_org
        + WEIGHTS["description"] * jaccard(bigrams(a.description), bigrams(b.description))
    )


def suggestions(project: Profile, earlier: list[Profile], threshold: float = SUGGEST_AT) -> list[tuple[Profile, float]]:
    """Earlier projects most like this one, best first, at or above the threshold."""
    scored = [(p, similarity(project, p)) for p in earlier if p.id != project.id]
    return sorted([s for s in scored if s[1] >= threshold], key=lambda s: (-s[1], str(s[0].id)))
