"""OUT/collect.duckdb: the collection as a database researchers can open, and its tables as files.

It holds the ledger (every file seen with its outcome and reason; every export merged with
its sequence number) and one table per research table (research_tables: participants, with
the device key pinned and the last sequence per participant, the row tables and deletions).
A batch of checked exports is merged in SQL in one transaction: per participant and row uuid
the newest updated_at wins (a tie goes to the newer export), rows deleted on the device after
their last change are left out, and one row is kept per natural key. The CSV and Parquet
files are written from it by COPY, each atomically.
"""

from __future__ import annotations

import os
from pathlib import Path

from desktop.exchange import research_tables as rt

DATABASE = "collect.duckdb"
LAYOUT = 1  # the collection database's layout, kept in its layout table
OLD_ENGINE = ("collect-ledger.sqlite", "collect-spool")  # what the collector before DuckDB left in a folder
MEMORY_LIMIT = "512MB"  # DuckDB's own working memory (it spills to disk beyond it)
_TYPES = {"text": "VARCHAR", "integer": "BIGINT", "boolean": "BOOLEAN", "date": "DATE", "time": "VARCHAR"}
GUARDED = r"^'*[=+\-@\t\r]"  # text a spreadsheet could run as a formula (csv_cells.needs_quote)
_GUARDED_SQL = GUARDED.replace("'", "''")
_TIME = "%Y-%m-%dT%H:%M:%S.%fZ"  # the export schema's times (UTC, microseconds)


class LedgerError(RuntimeError):
    """The output folder's collection cannot be used; the message says what to do."""


def _q(name: str) -> str:
    return f'"{name}"'


def _columns(table: rt.Table) -> str:
    return ", ".join(f"{_q(c.name)} {_TYPES[c.type]}" for c in table.columns)


def open_collection(folder: Path, threads: int | None = None):
    """The folder's collection database, made if new; LedgerError if it cannot be used. ``threads``:
    DuckDB's while merging (the checking processes use the other cores; the tables use them all)."""
    import duckdb

    for old in OLD_ENGINE:
        if (folder / old).exists():
            raise LedgerError(f"{folder} was collected by an earlier version of the collector ({old}); collect into "
                              "a new, empty folder (the exports themselves are unchanged)")
    path = folder / DATABASE
    try:
        db = duckdb.connect(str(path), config={"memory_limit": MEMORY_LIMIT, "threads": threads or _cores()})
    except duckdb.Error as exc:
        if "lock" in str(exc).lower():
            raise LedgerError(f"{path} is open in another program (DuckDB, Python or R): close it there and run the "
                              "same command again (nothing was changed)") from None
        raise LedgerError(f"{path} is damaged or not a collection database; collect into a new, empty folder") from None
    try:
        _make_layout(db, path)
    except BaseException:
        db.close()
        raise
    return db


def _cores() -> int:
    return max(2, os.cpu_count() or 2)


def _make_layout(db, path: Path) -> None:
    tables = {r[0] for r in db.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if tables:
        found = db.execute("SELECT max(layout) FROM layout").fetchone() if "layout" in tables else (None,)
        if found[0] != LAYOUT:
            raise LedgerError(f"{path} was made by a different version of the collector; collect into a new, empty "
                              "folder (the exports themselves are unchanged)")
    db.execute("BEGIN")
    db.execute("CREATE TABLE IF NOT EXISTS layout (layout INTEGER)")
    if not tables:
        db.execute("INSERT INTO layout VALUES (?)", [LAYOUT])
    db.execute("CREATE TABLE IF NOT EXISTS files (run INTEGER, position INTEGER, file VARCHAR, status VARCHAR,"
               " reason VARCHAR)")
    # (no key: an export id a hostile file repeats for another participant must not stop a batch)
    db.execute("CREATE TABLE IF NOT EXISTS exports (export_id VARCHAR, participant_id VARCHAR, sequence BIGINT,"
               " file VARCHAR)")
    for table in rt.ALL_TABLES:  # (no keys: DuckDB refuses a key deleted and inserted again in one transaction)
        db.execute(f"CREATE TABLE IF NOT EXISTS {table.name} ({_columns(table)})")
    # A new research table (a newer export schema) gains its table; new columns are not handled here.
    db.execute("COMMIT")


def participants(db) -> dict[str, list]:
    """participant_id -> [device key, last sequence, exports collected] of every participant so far."""
    rows = db.execute("SELECT participant_id, device_key_id, last_sequence, exports_collected FROM participants")
    return {p: [k, s, n] for p, k, s, n in rows.fetchall()}


def export_seen(db, export_id: str) -> bool:
    return db.execute("SELECT count(*) FROM exports WHERE export_id = ?", [export_id]).fetchone()[0] > 0


def next_run(db) -> int:
    return db.execute("SELECT coalesce(max(run), 0) + 1 FROM files").fetchone()[0]


def _insert(db, table: str, names: list[str], types: list[str], columns: list[list]) -> None:
    """Rows given column by column, inserted in one statement (DuckDB scans the arrays)."""
    if not columns or not len(columns[0]):
        return
    import numpy as np

    db.register("given_rows", {f"c{i}": np.array(values, dtype=object) for i, values in enumerate(columns)})
    cells = ", ".join(f"CAST(c{i} AS {kind})" for i, kind in enumerate(types))
    db.execute(f"INSERT INTO {table} ({', '.join(map(_q, names))}) SELECT {cells} FROM given_rows")
    db.unregister("given_rows")  # (after an error the transaction is rolled back, and the view with it)


def _field(column: rt.Column) -> str:
    """A column's type as the export holds it (collect_check writes the rows as JSON)."""
    return {"list": "VARCHAR[]", "json": "JSON"}.get(column.shape, _TYPES[column.type])


def _from_field(column: rt.Column) -> str:
    name = _q(column.name)
    return {"list": f"array_to_string({name}, ';')", "json": f"{name}::VARCHAR"}.get(column.shape, name)


def batch_columns() -> dict[str, str]:
    """The JSON lines' layout for DuckDB's JSON reader: each row section a struct of columns (lists)."""
    columns = {"participant_id": "VARCHAR", "_export": "BIGINT",
               "deletions": "STRUCT(section VARCHAR, uuid VARCHAR, deleted_at VARCHAR)[]"}
    for table in rt.ROW_TABLES:
        fields = ", ".join(f"{_q(c.name)} {_field(c)}[]" for c in table.columns[1:])
        columns[table.section] = f"STRUCT({fields})"
    return columns


BATCH_FILE = ".batch.json"  # the open batch's rows while it is merged (removed after)
_OBJECT_BYTES = 80 * 1024 * 1024  # longest line (a decrypted export is at most 64 MiB; rewritten compact)


def merge_batch(db, batch, folder: Path) -> None:
    """Merge a batch (collect.Batch) in one transaction: all of it, or on any error none of it."""
    rows = folder / BATCH_FILE
    with open(rows, "wb") as fh:
        fh.writelines(batch.rows)
    try:
        db.execute("BEGIN")
        try:
            _merge(db, batch, rows)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    finally:
        rows.unlink(missing_ok=True)


def _merge(db, batch, rows: Path) -> None:
    _insert(db, "files", ["run", "position", "file", "status", "reason"], ["INTEGER", "INTEGER"] + ["VARCHAR"] * 3,
            batch.files)
    _insert(db, "exports", ["export_id", "participant_id", "sequence", "file"], ["VARCHAR", "VARCHAR", "BIGINT",
                                                                                 "VARCHAR"], batch.exports)
    if not batch.rows:
        return
    db.execute("CREATE OR REPLACE TEMP TABLE batch AS SELECT * FROM read_json(?, format = 'newline_delimited',"
               f" columns = ?, maximum_object_size = {_OBJECT_BYTES})", [os.fspath(rows), batch_columns()])
    names, types = rt.PARTICIPANTS.names, [_TYPES[c.type] for c in rt.PARTICIPANTS.columns]
    listed = list(batch.participants.values())
    db.execute("CREATE OR REPLACE TEMP TABLE batch_participants AS SELECT DISTINCT participant_id FROM batch")
    db.execute("DELETE FROM participants WHERE participant_id IN (SELECT participant_id FROM batch_participants)")
    _insert(db, "participants", names, types, [list(c) for c in zip(*listed)])
    # Each export lists every deletion its device holds: the newest export's list replaces the last.
    db.execute("""CREATE OR REPLACE TEMP TABLE gone AS
        SELECT participant_id, section, uuid, max(deleted_at) AS deleted_at FROM (
            SELECT participant_id, unnest(deletions, recursive := true) FROM (
                SELECT participant_id, deletions FROM batch
                QUALIFY _export = max(_export) OVER (PARTITION BY participant_id)))
        GROUP BY ALL""")
    db.execute("DELETE FROM deletions WHERE participant_id IN (SELECT participant_id FROM batch_participants)")
    db.execute("INSERT INTO deletions SELECT * FROM gone")
    for table in rt.ROW_TABLES:
        _merge_table(db, table, batch.stored, batch.plain and not batch.stored)


def _merge_table(db, table: rt.Table, stored: bool, plain: bool = False) -> None:
    names = ", ".join(map(_q, table.names))
    natural = ", ".join(map(_q, ("participant_id", *table.natural_key)))
    given = ", ".join(map(_from_field, table.columns))
    unnested = ", ".join(f"unnest({_q(table.section)}.{_q(c.name)}) AS {_q(c.name)}" for c in table.columns[1:])
    # Stored rows (export 0) and the batch's (by sequence); per uuid the newest (a tie: the newer
    # export), unless deleted after it last changed; then per natural key the newest (a tie: the smaller uuid).
    # (rows already stored are read before they are deleted; a batch of new participants goes straight in,
    # and when each is in one export with one row per uuid and per natural key, without sorting: nothing to choose)
    into = "CREATE OR REPLACE TEMP TABLE merged AS" if stored else f"INSERT INTO {table.name}"
    newest = "" if plain else ("QUALIFY row_number() OVER (PARTITION BY participant_id, uuid "
                               f"ORDER BY updated_at DESC, _export DESC, {names}) = 1")
    one_per_key = "" if plain else (f"QUALIFY row_number() OVER (PARTITION BY {natural} "
                                    "ORDER BY updated_at DESC, uuid) = 1")
    db.execute(f"""{into}
        WITH pool AS (
            SELECT {names}, 0 AS _export FROM {table.name}
            WHERE {"participant_id IN (SELECT participant_id FROM batch_participants)" if stored else "false"}
            UNION ALL SELECT {given}, _export FROM (
                SELECT participant_id, _export, {unnested} FROM batch)),
        newest AS (SELECT * FROM pool {newest}),
        kept AS (SELECT n.* FROM newest AS n LEFT JOIN gone AS g ON g.participant_id = n.participant_id
                 AND g.section = '{table.section}' AND g.uuid = n.uuid
                 WHERE g.deleted_at IS NULL OR g.deleted_at <= n.updated_at)
        SELECT {names} FROM kept {one_per_key}""")
    if stored:
        db.execute(f"DELETE FROM {table.name} WHERE participant_id IN (SELECT participant_id FROM batch_participants)")
        db.execute(f"INSERT INTO {table.name} SELECT * FROM merged")


# Writing the tables -------------------------------------------------------------------------
def _order(table: rt.Table) -> str:
    keys = ("participant_id",) + (table.sort_key if table.section else table.natural_key)
    keys = tuple(dict.fromkeys(keys + (("uuid",) if table.section else ())))
    return ", ".join(f"{_q(k)} NULLS FIRST" for k in keys)


def _csv_cell(column: rt.Column) -> str:
    """A column as its CSV cell: text guarded against spreadsheet formulas (an apostrophe in
    front, as csv_cells.spreadsheet_safe does), booleans as 1/0, empty text as an empty cell."""
    name = _q(column.name)
    if column.type == "text" and column.shape != "json":
        return (f"nullif(CASE WHEN regexp_matches({name}, '{_GUARDED_SQL}') THEN '''' || {name} ELSE {name} END, '')"
                f" AS {name}")
    if column.type == "boolean":
        return f"{name}::INTEGER AS {name}"
    return f"nullif({name}, '') AS {name}" if column.type == "text" else name


def _parquet_cell(column: rt.Column) -> str:
    name = _q(column.name)
    return f"{name}::TIMESTAMPTZ AS {name}" if column.type == "time" else name


def write_tables(db, folder: Path, parquet: bool = True) -> None:
    """Every table as OUT/TABLE.csv (and TABLE.parquet), plus data-dictionary.csv, each atomically."""
    db.execute(f"SET TimeZone = 'UTC'; SET threads = {_cores()}")
    for table in rt.ALL_TABLES:
        quoted = [c.name for c in table.columns if c.shape == "json"]
        force = f", FORCE_QUOTE ({', '.join(map(_q, quoted))})" if quoted else ""
        source = f"{table.name} ORDER BY {_order(table)}"
        cells = list(map(_csv_cell, table.columns))
        if parquet:  # sorted once: the CSV is then written from the Parquet file, in its order
            target = folder / f"{table.name}.parquet"
            _copy(db, f"SELECT {', '.join(map(_parquet_cell, table.columns))} FROM {source}", target,
                  "FORMAT parquet, COMPRESSION zstd")
            source = f"read_parquet('{_literal(target)}')"
            cells = [f"strftime({_q(c.name)}, '{_TIME}') AS {_q(c.name)}" if c.type == "time" else cell
                     for c, cell in zip(table.columns, cells)]
        _copy(db, f"SELECT {', '.join(cells)} FROM {source}", folder / f"{table.name}.csv",
              f"FORMAT csv, HEADER true, NEW_LINE '\\n'{force}")
    rows = [[t.name, c.name, c.type, c.description] for t in rt.ALL_TABLES for c in t.columns]
    db.execute("CREATE OR REPLACE TEMP TABLE dictionary (\"table\" VARCHAR, \"column\" VARCHAR, type VARCHAR,"
               " description VARCHAR)")
    _insert(db, "dictionary", ["table", "column", "type", "description"], ["VARCHAR"] * 4,
            [list(c) for c in zip(*rows)])
    _copy(db, "SELECT * FROM dictionary", folder / "data-dictionary.csv", "FORMAT csv, HEADER true, NEW_LINE '\\n'")


def _copy(db, select: str, target: Path, options: str) -> None:
    temp = target.with_name(f".{target.name}.tmp")
    try:
        db.execute(f"COPY ({select}) TO '{_literal(temp)}' ({options})")
        with open(temp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def _literal(path: Path) -> str:
    return os.fspath(path).replace("'", "''")
