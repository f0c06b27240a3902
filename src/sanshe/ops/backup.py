"""Backups people can restore: one file per backup, checked before anything is replaced.

SQLite is copied with its online backup API (a consistent copy while the site runs); PostgreSQL with
pg_dump's custom format. A restore first reads the file without touching the database: it tries the
configured field keys on a sample of encrypted private details and counts each table's rows; it then
replaces the database, compares the counts and verifies the funds' ledgers.
"""

import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.db import connection, connections

from sanshe.common import crypto
from sanshe.common.contributions import sanshe_apps

# Fields holding Fernet ciphertext are named so (needs.PrivateDetails.ciphertext).
ENCRYPTED_FIELD = "ciphertext"
SAMPLE_SIZE = 20
# Tables migrations fill in an empty database: their rows do not make it "non-empty".
FILLED_BY_MIGRATIONS = {"taxonomy"}
SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"


class BackupRefused(Exception):
    """A backup or restore that would lose or garble data; the message says why and what to do."""


@dataclass
class Contents:
    """What a backup file holds: rows per model table, and a sample of encrypted values."""

    counts: dict[str, int] = field(default_factory=dict)
    ciphertexts: list[str] = field(default_factory=list)


def model_tables() -> dict[str, list[str]]:
    """Each model table and the names of its encrypted columns."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables[model._meta.db_table] = [f.column for f in model._meta.concrete_fields if f.name == ENCRYPTED_FIELD]
    return tables


def unreadable(ciphertexts: list[str]) -> int:
    """How many of the sampled values the configured keys cannot decrypt."""
    failed = 0
    for token in ciphertexts:
        try:
            crypto.decrypt_text(token)
        except crypto.UnreadableSecret:
            failed += 1
    return failed


def holds_data() -> bool:
    """Whether the database holds anything people made (accounts, needs, organizations, ...)."""
    existing = set(connection.introspection.table_names())
    return any(
        _has_rows(model._meta.db_table)
        for config in sanshe_apps()
        if config.label not in FILLED_BY_MIGRATIONS
        for model in config.get_models()
        if model._meta.db_table in existing
    )


def _has_rows(table: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
        return cursor.fetchone() is not None


def current_counts(tables) -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def engine() -> "SQLiteBackups | PostgresBackups":
    if connection.vendor == "sqlite":
        return SQLiteBackups()
    if connection.vendor == "postgresql":
        return PostgresBackups()
    raise BackupRefused(f"不支持 {connection.vendor} 数据库的备份。")


class SQLiteBackups:
    kind = "SQLite"
    magic = SQLITE_MAGIC

    def backup(self, target: Path) -> None:
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
            # One self-contained file: no write-ahead log beside it.
            copy.execute("PRAGMA journal_mode=DELETE")
        copy.close()

    def read(self, source: Path) -> Contents:
        contents = Contents()
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup:
            present = {row[0] for row in backup.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            for table, encrypted in model_tables().items():
                if table not in present:
                    continue
                contents.counts[table] = backup.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for column in encrypted:
                    rows = backup.execute(f'SELECT "{column}" FROM "{table}" LIMIT {SAMPLE_SIZE}')
                    contents.ciphertexts += [value for (value,) in rows]
        backup.close()
        return contents

    def replace(self, source: Path) -> None:
        connection.ensure_connection()
        with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as backup:
            backup.backup(connection.connection)
        backup.close()
        connections.close_all()


class PostgresBackups:
    kind = "PostgreSQL"
    magic = PG_CUSTOM_MAGIC

    def environment(self) -> dict[str, str]:
        """libpq's variables for this database: the password stays out of the command line."""
        settings = connection.settings_dict
        values = {
            "PGHOST": settings.get("HOST"),
            "PGPORT": settings.get("PORT"),
            "PGUSER": settings.get("USER"),
            "PGPASSWORD": settings.get("PASSWORD"),
            "PGDATABASE": settings.get("NAME"),
        }
        return {**os.environ, **{key: str(value) for key, value in values.items() if value}}

    def run(self, *argv: str, **kwargs) -> subprocess.CompletedProcess:
        program = shutil.which(argv[0])
        if program is None:
            raise BackupRefused(f"找不到 {argv[0]}：请安装 PostgreSQL 客户端工具（版本不低于服务器）。")
        result = subprocess.run([program, *argv[1:]], env=self.environment(), capture_output=True, **kwargs)
        if result.returncode != 0:
            message = result.stderr.decode(errors="replace").strip() if isinstance(result.stderr, bytes) else ""
            raise BackupRefused(f"{argv[0]} 失败：{message}")
        return result

    def backup(self, target: Path) -> None:
        self.run("pg_dump", "--format=custom", "--no-owner", "--file", str(target))

    def copy_blocks(self, source: Path) -> Iterator[tuple[str, list[str], Iterator[str]]]:
        """Each table's data in the dump: (table, columns, its rows as text lines)."""
        program = shutil.which("pg_restore")
        if program is None:
            raise BackupRefused("找不到 pg_restore：请安装 PostgreSQL 客户端工具。")
        with subprocess.Popen(
            [program, "--data-only", "--file", "-", str(source)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        ) as process:
            lines = iter(process.stdout)
            for line in lines:
                if line.startswith("COPY ") and line.rstrip().endswith("FROM stdin;"):
                    head, _sep, rest = line[5:].partition(" (")
                    table = head.split(".")[-1].strip('"')
                    columns = [c.strip().strip('"') for c in rest.partition(")")[0].split(",")]
                    yield table, columns, _until_end_of_copy(lines)
            if process.wait() != 0:
                raise BackupRefused(f"pg_restore 读不了这个文件：{process.stderr.read().strip()}")

    def read(self, source: Path) -> Contents:
        contents = Contents()
        tables = model_tables()
        for table, columns, rows in self.copy_blocks(source):
            encrypted = [columns.index(c) for c in tables.get(table, ()) if c in columns]
            count = 0
            for row in rows:
                if encrypted and len(contents.ciphertexts) < SAMPLE_SIZE:
                    values = row.rstrip("\n").split("\t")
                    contents.ciphertexts += [values[i] for i in encrypted if values[i] != r"\N"]
                count += 1
            if table in tables:
                contents.counts[table] = count
        return contents

    def replace(self, source: Path) -> None:
        connections.close_all()
        self.run(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--dbname",
            connection.settings_dict["NAME"],
            str(source),
        )


def _until_end_of_copy(lines: Iterator[str]) -> Iterator[str]:
    for line in lines:
        if line.startswith("\\."):
            return
        yield line


def backup(target: Path) -> str:
    """Write the whole database to `target` (a new file); returns the database's kind."""
    if target.exists():
        raise BackupRefused(f"{target} 已存在：请换一个文件名，旧的备份不会被覆盖。")
    target.parent.mkdir(parents=True, exist_ok=True)
    backups = engine()
    # Written beside the target and renamed, so a half-written file never carries the backup's name.
    handle, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    os.close(handle)
    os.unlink(partial)
    try:
        backups.backup(Path(partial))
        os.replace(partial, target)
    finally:
        Path(partial).unlink(missing_ok=True)
    return backups.kind


@dataclass
class Restored:
    counts: dict[str, int]
    checked_secrets: int


def check(source: Path) -> tuple["SQLiteBackups | PostgresBackups", Contents]:
    """Read the backup without touching the database; refuse one this deployment could not use."""
    if not source.is_file():
        raise BackupRefused(f"找不到备份文件 {source}。")
    backups = engine()
    with source.open("rb") as file:
        start = file.read(len(SQLITE_MAGIC))
    if not start.startswith(backups.magic):
        kind = (
            "SQLite" if start.startswith(SQLITE_MAGIC) else "PostgreSQL" if start.startswith(PG_CUSTOM_MAGIC) else None
        )
        found = f"一个 {kind} 备份" if kind else "不是 sanshe backup 写出的备份"
        raise BackupRefused(f"{source} {found}，而当前数据库是 {backups.kind}：请在同一种数据库上恢复。")
    contents = backups.read(source)
    failed = unreadable(contents.ciphertexts)
    if failed:
        raise BackupRefused(
            f"现在配置的字段密钥解不开备份里的加密隐私信息（抽查 {len(contents.ciphertexts)} 条，{failed} 条解不开）。"
            "请设置备份时所用的 SANSHE_FIELD_KEYS（未设置时为当时的 SECRET_KEY），再恢复。数据库没有改动。"
        )
    return backups, contents


def restore(source: Path, *, force: bool = False) -> Restored:
    backups, contents = check(source)
    if holds_data() and not force:
        raise BackupRefused(
            "当前数据库里已经有数据：恢复会把它们全部替换掉。确认要替换，请加 --force（建议先 sanshe backup 备份当前数据）。"
        )
    backups.replace(source)
    restored = current_counts(contents.counts)
    different = {table: (n, restored[table]) for table, n in contents.counts.items() if restored[table] != n}
    if different:
        detail = "；".join(f"{table}：备份 {n} 行，恢复后 {m} 行" for table, (n, m) in sorted(different.items()))
        raise BackupRefused(f"恢复后的行数与备份不符：{detail}")
    return Restored(counts=restored, checked_secrets=len(contents.ciphertexts))
