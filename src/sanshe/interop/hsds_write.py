"""Writing a checked HSDS import: staged first, then moved in by one short transaction of set operations.

Every row the import writes is first copied into a temporary table of this connection
(`import_<table>`; COPY on PostgreSQL). That takes no lock anybody else waits for: on SQLite a
temporary table lives in the connection's own temporary database. The transaction that follows
only moves rows from table to table inside the database (one INSERT … SELECT … ON CONFLICT per
table, one anti-join DELETE per child table), so a resident's write waits a short while, and
the import still applies whole or not at all.
"""

import contextlib
import json
import operator
from dataclasses import dataclass

from django.db import DatabaseError, connection, models
from django.db.models.expressions import RawSQL

from sanshe.common import clock

# Rows per statement when SQLite fills a scratch table.
CHUNK = 500


def chunks(items, size: int = CHUNK):
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def ids_in(ids) -> RawSQL:
    """`pk__in=ids_in(ids)`: any number of ids as one query parameter (an array on PostgreSQL,
    a JSON list on SQLite), instead of one parameter per id in chunks under the databases' limits."""
    ids = list(ids)
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::uuid[])", (ids,))
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps([uid.hex for uid in ids]),))


@dataclass
class Upsert:
    """One table's rows, every value converted for the database: staged, then one INSERT … ON CONFLICT (id)."""

    model: type
    columns: str  # the table's columns, quoted, comma-separated
    on_conflict: str  # "ON CONFLICT (id) DO UPDATE SET ..."
    rows: list

    @property
    def table(self) -> str:
        return self.model._meta.db_table


def prepare_upsert(model, instances, now=None) -> Upsert:
    """Every stored field is written; an existing row keeps only its creation time. Times stamped on
    save (auto_now) are `now` for every row of the import."""
    now = now or clock.now()
    fields = model._meta.concrete_fields
    updated = [quote(f.column) for f in fields if not f.primary_key and f.name != "created_at"]
    on_conflict = f"ON CONFLICT ({quote(model._meta.pk.column)}) DO UPDATE SET " + ", ".join(
        f"{column} = EXCLUDED.{column}" for column in updated
    )
    converters = [_column_value(f, now) for f in fields]
    rows = [tuple(convert(row) for convert in converters) for row in instances]
    return Upsert(model, ", ".join(quote(f.column) for f in fields), on_conflict, rows)


# Exact types: a subclass (an encrypted field, say) converts its value its own way.
_SENT_AS_THEY_ARE = {
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SmallIntegerField,
    models.BigIntegerField,
}


# Fields whose pre_save() only reads the value (unless stamped on save) and that convert None to None.
_PLAIN_SAVE = {models.DateField, models.DateTimeField, models.TimeField, models.DecimalField, models.UUIDField}


def _column_value(field, now):
    """How one column's value is read from an instance: text, whole numbers and (on PostgreSQL) UUIDs
    as they are (the driver sends them unchanged), every other field through Django's own conversion."""
    if type(field) in _SENT_AS_THEY_ARE:
        return operator.attrgetter(field.attname)
    # A UUID (an id or a link to one) is sent as it is where the database has a uuid type.
    target = field.target_field if field.is_relation else field
    if type(target) is models.UUIDField and connection.features.has_native_uuid_field:
        return operator.attrgetter(field.attname)
    if type(field) is models.DateTimeField and (field.auto_now or field.auto_now_add):
        # What pre_save() does on adding a row, with one moment converted once.
        sent = field.get_db_prep_save(now, connection)

        def stamp(row):
            setattr(row, field.attname, now)
            return sent

        return stamp
    if type(field) in _PLAIN_SAVE or (field.is_relation and type(target) in _PLAIN_SAVE):

        def plain(row):
            value = getattr(row, field.attname)
            return None if value is None else field.get_db_prep_save(value, connection)

        return plain
    return lambda row: field.get_db_prep_save(field.pre_save(row, True), connection)


class Scratch:
    """The import's temporary tables on this connection, filled before the write transaction, dropped after."""

    def __init__(self):
        self.names = []

    def name(self, key: str) -> str:
        return quote(f"import_{key}")

    @contextlib.contextmanager
    def filling(self):
        """On SQLite, one transaction of its own for all the filling (it writes only the temporary
        database, so it holds no lock on the main one); on PostgreSQL each statement commits itself."""
        if connection.vendor != "sqlite" or connection.in_atomic_block:
            yield self
            return
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                yield self
            except BaseException:
                cursor.execute("ROLLBACK")
                raise
            cursor.execute("COMMIT")

    def create(self, key: str, table: str, columns: str, rows: list) -> str:
        """A scratch table with `columns` of `table` (their types, no constraints) holding `rows`,
        indexed on its first column: the write transaction looks rows up by it (without an index
        SQLite would scan the scratch table once per row)."""
        name = self.name(key)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {name}")
            cursor.execute(f"CREATE TEMPORARY TABLE {name} AS SELECT {columns} FROM {quote(table)} WHERE 1 = 0")
            self.names.append(name)
            if connection.vendor == "postgresql":
                with cursor.cursor.copy(f"COPY {name} ({columns}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            elif rows:
                sql = f"INSERT INTO {name} ({columns}) VALUES ({', '.join(['%s'] * len(rows[0]))})"
                for chunk in chunks(rows):
                    cursor.executemany(sql, chunk)
            cursor.execute(f"CREATE INDEX {self.name(key + '_key')} ON {name} ({columns.split(',')[0]})")
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {name}")  # temporary tables are never analyzed on their own
        return name

    def stage(self, statement: Upsert):
        self.create(statement.table, statement.table, statement.columns, statement.rows)

    def ids(self, key: str, model, ids) -> str:
        """A one-column scratch table of `model`'s ids."""
        pk = model._meta.pk
        rows = [(pk.get_db_prep_value(uid, connection),) for uid in ids]
        return self.create(key, model._meta.db_table, quote(pk.column), rows)

    def links(self, through, own: str, other: str, pairs) -> str:
        """A scratch table of a many-to-many relation's (owner, target) pairs."""
        prep = through._meta.get_field(own.removesuffix("_id")).target_field.get_db_prep_value
        rows = [(prep(a, connection), prep(b, connection)) for a, b in pairs]
        return self.create(through._meta.db_table, through._meta.db_table, f"{quote(own)}, {quote(other)}", rows)

    def drop(self):
        with contextlib.suppress(DatabaseError):  # a lost connection took its temporary tables with it
            with connection.cursor() as cursor:
                for name in self.names:
                    cursor.execute(f"DROP TABLE IF EXISTS {name}")
        self.names = []


def upsert(statement: Upsert):
    """Move one table's staged rows in: new ones inserted, existing ones updated."""
    if not statement.rows:
        return
    table, scratch = quote(statement.table), quote(f"import_{statement.table}")
    with connection.cursor() as cursor:
        # WHERE true: SQLite would otherwise read ON CONFLICT as a join's ON.
        cursor.execute(
            f"INSERT INTO {table} ({statement.columns}) SELECT {statement.columns} FROM {scratch} WHERE true "
            + statement.on_conflict
        )


def delete_missing(model, owner_column: str, owners: str):
    """Delete `model`'s rows whose owner is in the `owners` query and that the import does not keep."""
    table, kept = quote(model._meta.db_table), quote(f"import_{model._meta.db_table}")
    pk = quote(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE {quote(owner_column)} IN ({owners}) "
            f"AND NOT EXISTS (SELECT 1 FROM {kept} WHERE {kept}.{pk} = {table}.{pk})"
        )


def set_links(through, own: str, other: str, staged: str, replaced: str | None):
    """A many-to-many relation's rows: those of the `replaced` owners' query are swapped for the staged
    pairs; other owners gain the staged pairs they lack."""
    table, columns = quote(through._meta.db_table), f"{quote(own)}, {quote(other)}"
    with connection.cursor() as cursor:
        if replaced:
            cursor.execute(f"DELETE FROM {table} WHERE {quote(own)} IN ({replaced})")
        cursor.execute(
            f"INSERT INTO {table} ({columns}) SELECT DISTINCT {columns} FROM {staged} WHERE true ON CONFLICT DO NOTHING"
        )
