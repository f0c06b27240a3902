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


@dataclass(frozen=True)
class Relevance:
    """How rows of one kind fit a query, as SQL for the ORM: which match, and how well (the database ranks).

    `candidates` selects the object ids that match (for `pk__in`, evaluated in the database, not in Python).
    Per row (correlated on `outer_id`): `tier` 0 the title has the query, 1 the title has one of its other
    words (synonyms), 2 the text has the query, 3 the text has another word, 4 only bigrams (near misses);
    `coverage` how many of the query's word groups the row has (more first).
    """

    candidates: tuple[str, list]
    tier: tuple[str, list]
    coverage: tuple[str, list]
    near_misses: bool


def relevance(text: str, kind: str, outer_id: str, *, groups: list[list[str]] = ()) -> Relevance | None:
    """The query's relevance SQL; `groups` are other words for parts of it (one group per part, any word fits).

    A row matches when it has every bigram of the query or of one of the other words; when none does, rows
    sharing most of the query's bigrams match (near misses). None when the text has nothing to search for.
    """
    the_phrase = textindex.phrase(text)
    tokens = textindex.query_tokens(text)[:12]
    words = [w for w in dict.fromkeys(textindex.phrase(w) for group in groups for w in group) if w and w != the_phrase]
    alternatives = [tokens, *[textindex.query_tokens(w)[:6] for w in words]]
    alternatives = [a for a in alternatives if a]
    if not alternatives:
        return None
    marker = kind_token(kind)
    match = _any_of_match(alternatives, marker)
    near_misses = not _matches_any(match) and len(tokens) >= 3
    find = "instr" if connection.vendor == "sqlite" else "strpos"
    if near_misses:
        match = _match_expression(tokens, [marker], any_of=True)
        covered = [f"(CASE WHEN {find}(e.grams, %s) > 0 THEN 1 ELSE 0 END)" for _ in tokens]
        coverage_sql, coverage_params = " + ".join(covered), [f" {t} " for t in tokens]
        minimum = textindex.fallback_minimum(len(tokens))
        condition, condition_params = f"AND ({coverage_sql}) >= %s", [*coverage_params, minimum]
    else:
        group_words = [[textindex.phrase(w) for w in group if textindex.phrase(w)] for group in groups]
        group_words = [[the_phrase], *[g for g in group_words if g]]
        covered = [
            "(CASE WHEN "
            + " OR ".join(f"{find}(e.title, %s) > 0 OR {find}(e.body, %s) > 0" for _ in g)
            + " THEN 1 ELSE 0 END)"
            for g in group_words
        ]
        coverage_sql = " + ".join(covered)
        coverage_params = [w for g in group_words for w in g for _ in (0, 1)]
        condition, condition_params = "", []
    any_title = " OR ".join(f"{find}(e.title, %s) > 0" for _ in words) or "0 = 1"
    any_body = " OR ".join(f"{find}(e.body, %s) > 0" for _ in words) or "0 = 1"
    tier_sql = (
        f"CASE WHEN {find}(e.title, %s) > 0 THEN 0 WHEN {any_title} THEN 1 "
        f"WHEN {find}(e.body, %s) > 0 THEN 2 WHEN {any_body} THEN 3 ELSE 4 END"
    )
    tier_params = [the_phrase, *words, the_phrase, *words]
    row = f"FROM {ENTRY_TABLE} e WHERE e.kind = %s AND e.object_id = {outer_id}"
    # At most CANDIDATE_CAP + 1 candidates, the best by the words alone: a very common word still answers
    # quickly, and one more than the cap tells that there are more (the page says "2000 多").
    fits = f"CASE WHEN ({tier_sql}) <= 3 THEN 0 ELSE 1 END"
    candidates = (
        f"{_candidates_sql(condition)} ORDER BY {fits}, ({coverage_sql}) DESC, ({tier_sql}), e.sort_key, e.id "
        f"LIMIT {CANDIDATE_CAP + 1}"
    )
    candidate_params = [match, *condition_params, *tier_params, *coverage_params, *tier_params]
    return Relevance(
        candidates=(candidates, candidate_params),
        tier=(f"SELECT {tier_sql} {row}", [*tier_params, kind]),
        coverage=(f"SELECT {coverage_sql} {row}", [*coverage_params, kind]),
        near_misses=near_misses,
    )


def _any_of_match(alternatives: list[list[str]], marker: str) -> str:
    """Full-text match: every token of one alternative (any of them), and the kind's marker."""
    if connection.vendor == "sqlite":
        groups = [" AND ".join(f'"{t}"' for t in a) for a in alternatives]
        return f'({" OR ".join(f"({g})" for g in groups)}) AND "{marker}"'
    groups = [" & ".join(f"'{t}'" for t in a) for a in alternatives]
    return f"({' | '.join(f'({g})' for g in groups)}) & '{marker}'"


def _candidates_sql(condition: str) -> str:
    if connection.vendor == "sqlite":
        return (
            f"SELECT e.object_id FROM {FTS_TABLE} f JOIN {ENTRY_TABLE} e ON e.id = f.rowid "
            f"WHERE {FTS_TABLE} MATCH %s {condition}"
        )
    return f"SELECT e.object_id FROM {ENTRY_TABLE} e WHERE e.document @@ to_tsquery('simple', %s) {condition}"


def _matches_any(match: str) -> bool:
    """Whether anything matches at all (one indexed lookup: decides between matches and near misses)."""
    if connection.vendor == "sqlite":
        sql = f"SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT 1"
    else:
        sql = f"SELECT 1 FROM {ENTRY_TABLE} WHERE document @@ to_tsquery('simple', %s) LIMIT 1"
    with connection.cursor() as cursor:
        cursor.execute(sql, [match])
        return cursor.fetchone() is not None
