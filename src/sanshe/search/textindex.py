"""Chinese text as search tokens (pure: no Django import).

Overlapping character bigrams work for any Chinese query of two or more characters
(老人, 送餐, 法律咨询) on both SQLite FTS5 (unicode61 over space-separated tokens) and
PostgreSQL (to_tsvector('simple')). Single characters are indexed too, so one-character
queries work. Latin letters and digits are kept as lower-case words.
"""

import re

_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[a-z0-9]+")
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def _runs(text: str):
    for match in _RUNS.finditer((text or "").lower()):
        yield match.group()


def query_tokens(text: str) -> list[str]:
    """The tokens a query must match, in order, without repeats: bigrams, or the character itself."""
    tokens = []
    for run in _runs(text):
        if _CJK.match(run) and len(run) > 1:
            tokens += [run[i : i + 2] for i in range(len(run) - 1)]
        else:
            tokens.append(run)
    return list(dict.fromkeys(tokens))


def document_tokens(*texts: str) -> str:
    """A document's tokens as one space-separated string, padded so ' token ' finds whole tokens."""
    tokens = []
    for text in texts:
        for run in _runs(text):
            if _CJK.match(run):
                tokens += [run[i : i + 2] for i in range(len(run) - 1)]
                tokens += list(run)
            else:
                tokens.append(run)
    return " " + " ".join(dict.fromkeys(tokens)) + " "


def phrase(text: str) -> str:
    """The query as one phrase for exact-match ranking: its words joined without spaces, lower-case."""
    return "".join(_runs(text))


def fallback_minimum(token_count: int) -> int:
    """How many of a query's tokens a near miss must still match: a typo breaks up to two bigrams."""
    if token_count <= 2:
        return token_count
    return max(1, token_count - 2)
