"""The thin layer where DuckDB and PostgreSQL differ: connecting, placeholders, JSON and binary types.

The store writes every statement once, with ``?`` placeholders and no literal ``%``; a dialect runs it.
"""
from __future__ import annotations

import json
import re
import threading
from datetime import date, datetime
from typing import Any, Iterable, Optional, Sequence

from eventwire.errors import StoreError


def _dumps(value: Any) -> str:
    # Article.meta is free-form (feed extras, HTTP headers): a date or other odd value is kept as its text.
    return json.dumps(value, ensure_ascii=False, default=str)


CORPUS_LOCK_ID = 0x65766E74   # "evnt": the PostgreSQL advisory lock key of corpus writers


class Dialect:
    name = "sql"
    json_type = "TEXT"
    bytes_type = "BLOB"

    def __init__(self, target: str):
        self.target = target
        self.lock = threading.RLock()   # one connection, many threads (API server): one statement at a time

    # -- to implement per engine --
    def _run(self, sql: str, params: Sequence[Any]):
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def is_integrity_error(self, exc: BaseException) -> bool:
        raise NotImplementedError

    def json_param(self, value: Any) -> Any:
        return None if value is None else _dumps(value)

    def load_json(self, value: Any) -> Any:
        if value is None or not isinstance(value, (str, bytes)):
            return value
        return json.loads(value)

    def next_ids(self, sequence: str, n: int) -> list[int]:
        return [row[0] for row in self.rows(f"SELECT nextval('{sequence}') FROM {self.series(n)}")]

    def series(self, n: int) -> str:
        raise NotImplementedError

    def insert_rows(self, table: str, columns: Sequence[str], rows: list[tuple], max_params: int = 30_000) -> None:
        """Multi-row INSERTs, chunked under the engine's parameter limit (PostgreSQL allows 65,535)."""
        size = max(1, max_params // max(1, len(columns)))
        for start in range(0, len(rows), size):
            chunk = rows[start:start + size]
            marks = ", ".join(f"({placeholders(len(columns))})" for _ in chunk)
            self.execute(f"INSERT INTO {table} ({', '.join(columns)}) VALUES {marks}",
                         [value for row in chunk for value in row])

    def date_trunc(self, unit: str, column: str) -> str:
        return f"date_trunc('{unit}', {column})"

    def lock_corpus(self) -> None:
        """Serialises corpus writers until the transaction ends (stories and clusters read what others wrote)."""

    # -- shared --
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self.lock:
            self._run(sql, params)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self.lock:
            cursor = self._run(sql, params)
            return cursor.fetchall()

    def dicts(self, sql: str, params: Sequence[Any] = ()) -> list[dict]:
        with self.lock:
            cursor = self._run(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row)) for row in cursor.fetchall()]

    def script(self, sql: str) -> None:
        """Runs a migration file: statements separated by ';' at line ends, '--' comments dropped."""
        sql = sql.replace("{json}", self.json_type).replace("{bytes}", self.bytes_type)
        body = "\n".join(line.split("--", 1)[0] for line in sql.splitlines())
        for statement in re.split(r";\s*(?:\n|$)", body):
            if statement.strip():
                self.execute(statement)

    def begin(self) -> None:
        self.execute("BEGIN TRANSACTION")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        try:
            self.execute("ROLLBACK")
        except Exception:  # no transaction open (it failed before BEGIN): nothing to undo
            pass


class DuckDBDialect(Dialect):
    name = "duckdb"
    json_type = "JSON"
    bytes_type = "BLOB"

    def __init__(self, target: str, read_only: bool = False):
        super().__init__(target)
        import duckdb
        self._duckdb = duckdb
        try:
            self.con = duckdb.connect(target, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(target, f"cannot open DuckDB database: {exc}") from exc

    def _run(self, sql, params):
        return self.con.execute(sql, list(params)) if params else self.con.execute(sql)

    def series(self, n: int) -> str:
        return f"range({int(n)})"

    def insert_rows(self, table, columns, rows, max_params=30_000):
        # DuckDB binds each parameter slowly (about 1 ms a row of 40); an Arrow table is scanned in bulk.
        if not rows:
            return
        import pyarrow as pa
        batch = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})
        with self.lock:
            self.con.register("eventwire_batch", batch)
            try:
                self.con.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(columns)}"
                                 " FROM eventwire_batch")
            finally:
                self.con.unregister("eventwire_batch")

    def is_integrity_error(self, exc):
        return isinstance(exc, self._duckdb.ConstraintException)

    def close(self):
        self.con.close()


class PostgresDialect(Dialect):
    name = "postgresql"
    json_type = "JSONB"
    bytes_type = "BYTEA"

    def __init__(self, target: str):
        super().__init__(target)
        import psycopg
        from psycopg.types.json import Jsonb
        self._psycopg, self._jsonb = psycopg, Jsonb
        try:
            # Autocommit: the store opens its own transactions with BEGIN/COMMIT, as on DuckDB.
            self.con = psycopg.connect(target, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(_redacted(target), f"cannot connect to PostgreSQL: {exc}") from exc

    def _run(self, sql, params):
        return self.con.execute(sql.replace("?", "%s"), list(params) if params else None)

    def json_param(self, value):
        return None if value is None else self._jsonb(value, dumps=_dumps)

    def insert_rows(self, table, columns, rows, max_params=30_000):
        # COPY: psycopg parses a 30,000-placeholder INSERT slowly (half the bulk write time); COPY has none.
        if not rows:
            return
        with self.lock:
            with self.con.cursor() as cursor:
                with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)

    def lock_corpus(self):
        # Two writers deciding at once would each start the same story or cluster: one writer at a time.
        self.execute("SELECT pg_advisory_xact_lock(?)", [CORPUS_LOCK_ID])

    def series(self, n: int) -> str:
        return f"generate_series(1, {int(n)})"

    def is_integrity_error(self, exc):
        return isinstance(exc, self._psycopg.errors.IntegrityError)

    def close(self):
        self.con.close()


def _redacted(url: str) -> str:
    """The URL without its password, for error messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def connect(target: str, read_only: bool = False) -> Dialect:
    if target.startswith(("postgresql://", "postgres://")):
        return PostgresDialect(target)
    return DuckDBDialect(target, read_only=read_only)


def plain(value: Any) -> Any:
    """Row values as JSON-friendly Python: dates and times as ISO strings."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def placeholders(n: int) -> str:
    return ", ".join("?" * n)


def in_list(values: Iterable[Any]) -> tuple[str, list]:
    values = list(values)
    return f"({placeholders(len(values))})", values


def first(rows: list, default: Optional[Any] = None) -> Any:
    return rows[0][0] if rows else default
