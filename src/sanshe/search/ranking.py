"""Reading the one full-text index (services, public needs, whatever apps register), on SQLite and PostgreSQL.

Texts are indexed as character bigrams (see textindex). A query matches when every one of
its bigrams is there; when nothing does, near misses that still share most bigrams are
returned (a typo breaks at most two). Both databases order results by the same rules:

1. the whole query appears in the title, 2. in the text, 3. only its bigrams appear
   (near misses: more shared bigrams first), then name order (pinyin) and id.

Candidates are capped (CANDIDATE_CAP) so that a very common word still answers quickly.
Each document decides which of its rows are public (see documents.Document); only they are indexed.
"""

from dataclasses import dataclass

from django.db import connection

from sanshe.search import textindex
from sanshe.search.index import community_token, kind_token
from sanshe.search.models import SearchEntry

CANDIDATE_CAP = 2000
FTS_TABLE = "needs_search_fts"  # created with the table by needs' migration 0002; the names stay
ENTRY_TABLE = SearchEntry._meta.db_table


@dataclass(frozen=True)
class Hit:
    object_id: object
    tier: int  # 0 title has the phrase, 1 text has it, 2 bigrams only
    coverage: int  # how many of the query's tokens matched


@dataclass(frozen=True)
class Results:
    total: int
    hits: list[Hit]
    near_misses: bool  # no exact match: these share most of the query's bigrams


def _match_expression(tokens, markers, any_of: bool):
    joiner_any, joiner_all = (" OR ", " AND ") if connection.vendor == "sqlite" else (" | ", " & ")
    quote = (lambda t: f'"{t}"') if connection.vendor == "sqlite" else (lambda t: f"'{t}'")
    words = [quote(t) for t in tokens]
    required = [quote(m) for m in markers]
    if any_of:
        return joiner_all.join([f"({joiner_any.join(words)})", *required])
    return joiner_all.join([*words, *required])


def _query(tokens, markers, the_phrase, *, any_of: bool, minimum: int, limit: int | None, offset: int):
    """(total, hits): one query; the total comes with the page (a window count over the candidates)."""
    match = _match_expression(tokens, markers, any_of)
    if connection.vendor == "sqlite":
        candidates = f"SELECT rowid AS id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT {CANDIDATE_CAP}"
        base = f"FROM ({candidates}) m JOIN {ENTRY_TABLE} e ON e.id = m.id"
        find = "instr"
    else:  # the tsvector lives in the entry's own row: no join back
        columns = "object_id, title, body, grams, sort_key, id"
        base = (
            f"FROM (SELECT {columns} FROM {ENTRY_TABLE} WHERE document @@ to_tsquery('simple', %s) "
            f"LIMIT {CANDIDATE_CAP}) e"
        )
        find = "strpos"
    if any_of:
        coverage = " + ".join(f"(CASE WHEN {find}(e.grams, %s) > 0 THEN 1 ELSE 0 END)" for _ in tokens)
        coverage_params = [f" {t} " for t in tokens]
    else:  # every token matched
        coverage, coverage_params = str(len(tokens)), []
    tier = f"CASE WHEN {find}(e.title, %s) > 0 THEN 0 WHEN {find}(e.body, %s) > 0 THEN 1 ELSE 2 END"
    sql = f"SELECT e.object_id, {tier} AS tier, {coverage} AS coverage, count(*) OVER () AS total {base}"
    params = [the_phrase, the_phrase, *coverage_params, match]
    if any_of:
        sql += f" WHERE ({coverage}) >= %s"
        params += [*coverage_params, minimum]
    sql += " ORDER BY coverage DESC, tier, e.sort_key, e.id"
    if limit is not None:
        sql += " LIMIT %s OFFSET %s"
        params += [limit, offset]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        if not rows and offset:  # past the last page: count alone, to say how many there are
            count_sql = f"SELECT count(*) {base}" + (f" WHERE ({coverage}) >= %s" if any_of else "")
            cursor.execute(count_sql, [match, *coverage_params, minimum] if any_of else [match])
            return cursor.fetchone()[0], []
    field = SearchEntry._meta.get_field("object_id")
    total = rows[0][3] if rows else 0
    return total, [Hit(field.to_python(object_id), tier, cov) for object_id, tier, cov, _total in rows]


def search(text: str, kind: str, *, community_id=None, limit: int | None = 20, offset: int = 0) -> Results:
    """A page of hits for a query (limit None: every candidate), best first, with the total."""
    tokens = textindex.query_tokens(text)[:12]
    if not tokens:
        return Results(0, [], False)
    markers = [kind_token(kind), *filter(None, [community_token(community_id)])]
    the_phrase = textindex.phrase(text)
    total, hits = _query(tokens, markers, the_phrase, any_of=False, minimum=len(tokens), limit=limit, offset=offset)
    if total or len(tokens) < 3:
        return Results(total, hits, False)
    # Nothing has every bigram: near misses that share most of them (a typo breaks at most two).
    minimum = textindex.fallback_minimum(len(tokens))
    total, hits = _query(tokens, markers, the_phrase, any_of=True, minimum=minimum, limit=limit, offset=offset)
    return Results(total, hits, True)


def ranked_ids(text: str, kind: str, *, community_id=None) -> list:
    """Every candidate's id, best first (for combining with other filters)."""
    return [hit.object_id for hit in search(text, kind, community_id=community_id, limit=None).hits]


def rank_groups(text: str, kind: str) -> list[list]:
    """Candidate ids grouped by rank, best group first; within a group, name order decides."""
    groups: dict[tuple, list] = {}
    for hit in search(text, kind, limit=None).hits:
        groups.setdefault((-hit.coverage, hit.tier), []).append(hit.object_id)
    return [groups[key] for key in sorted(groups)]
