"""Parquet copies of the research tables, when pyarrow is installed (the ``research`` extra).

Each table's CSV lines are parsed a block of whole lines at a time (the collector feeds the
same pieces it copied into the CSV file) with pyarrow's CSV reader, given the column types
of the data dictionary (integers, 1/0 booleans, dates, UTC times, text), and written to a
Parquet file beside it, so memory stays bounded however large the tables are. Text keeps
its exact value: the apostrophe the CSV puts before formula-like text is taken off again.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.exchange import research_tables as rt

BLOCK_BYTES = 4 * 1024 * 1024
GUARDED = "^'+[=+\\-@\t\r]"  # text csv_cells.spreadsheet_safe gave an apostrophe


def available() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


def _arrow_type(kind: str):
    import pyarrow as pa

    return {"text": pa.string(), "integer": pa.int64(), "boolean": pa.bool_(), "date": pa.date32(),
            "time": pa.timestamp("us", tz="UTC")}[kind]


def write(table: rt.Table, chunks: Iterable[bytes], target: Path) -> int:
    """CSV lines (no header; each chunk whole lines) as a Parquet file, atomically; returns the rows.

    The lines are parsed a block at a time, so memory stays bounded however many there are.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    schema = pa.schema([pa.field(c.name, _arrow_type(c.type)) for c in table.columns])
    read = pacsv.ReadOptions(column_names=table.names, use_threads=True)
    parse = pacsv.ParseOptions(newlines_in_values=True)  # notes span lines; else blocks are cut inside them
    convert = pacsv.ConvertOptions(column_types={f.name: f.type for f in schema}, strings_can_be_null=False,
                                   quoted_strings_can_be_null=False, null_values=[""], true_values=["1"],
                                   false_values=["0"])
    temp = target.with_name(f".{target.name}.tmp")
    rows = 0
    try:
        with pq.ParquetWriter(temp, schema, compression="zstd") as writer:
            for block in _blocks(chunks):
                parsed = pacsv.read_csv(pa.py_buffer(block), read_options=read, parse_options=parse,
                                         convert_options=convert)
                writer.write_table(_unguarded(parsed, table).cast(schema))
                rows += parsed.num_rows
        with open(temp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return rows


def _blocks(chunks: Iterable[bytes]) -> Iterator[bytes]:
    held: list[bytes] = []
    size = 0
    for chunk in chunks:
        if not chunk:
            continue
        held.append(chunk)
        size += len(chunk)
        if size >= BLOCK_BYTES:
            yield b"".join(held)
            held, size = [], 0
    if held:
        yield b"".join(held)


def _unguarded(parsed, table: rt.Table):
    """Text columns without the apostrophe csv_cells.spreadsheet_safe put in front."""
    import pyarrow.compute as pc

    for index, column in enumerate(table.columns):
        if column.type == "text":
            values = parsed.column(index)
            exact = pc.if_else(pc.match_substring_regex(values, GUARDED), pc.utf8_slice_codeunits(values, 1), values)
            parsed = parsed.set_column(index, column.name, exact)
    return parsed


def csv_lines(path: Path) -> Iterator[bytes]:
    """A small CSV file's lines after its header (whole file at once: the participants and
    deletions tables, which grow with people, not with diary days)."""
    data = path.read_bytes()
    yield data[data.index(b"\n") + 1:]
