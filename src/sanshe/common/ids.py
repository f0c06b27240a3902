"""Public ids: random UUIDs, parsed in one place, and deterministic ones for the demo city (pure: no Django)."""

import contextlib
import contextvars
import itertools
import uuid

_sequence: contextvars.ContextVar[tuple[uuid.UUID, itertools.count] | None] = contextvars.ContextVar(
    "sanshe_ids", default=None
)


def new_id() -> uuid.UUID:
    """Every model's id default: random, unless inside `deterministic()`."""
    current = _sequence.get()
    if current is None:
        return uuid.uuid4()
    namespace, counter = current
    return uuid.uuid5(namespace, str(next(counter)))


@contextlib.contextmanager
def deterministic(namespace: uuid.UUID, *parts: str):
    """Within the block, new rows get ids derived from the namespace, the parts and a counter.

    The demo loads the same city with the same ids every time, so its links and printed
    logins stay valid between runs; nothing else uses this.
    """
    scope = uuid.uuid5(namespace, "/".join(parts)) if parts else namespace
    token = _sequence.set((scope, itertools.count()))
    try:
        yield scope
    finally:
        _sequence.reset(token)


def derived_id(namespace: uuid.UUID, *parts: object) -> uuid.UUID:
    """A stable id for a key (e.g. the demo's ("fund", "民主西路")): the same key, the same id."""
    return uuid.uuid5(namespace, "/".join(str(part) for part in parts))


def parse_uuid(value: object) -> uuid.UUID | None:
    """A UUID from a string or UUID, or None for anything else (a list, a number, rubbish)."""
    if isinstance(value, uuid.UUID):
        return value
    if not isinstance(value, str):
        return None
    try:
        return uuid.UUID(value.strip())
    except ValueError:
        return None
