"""Parquet copies of the research tables, when pyarrow is installed (the ``research`` extra).

Each CSV table is read back in blocks with pyarrow's CSV reader, given the column types of
the data dictionary (integers, 1/0 booleans, dates, UTC times, text) and written to a
Parquet file beside it, so memory stays bounded however large the tables are. Text keeps
its exact value: the apostrophe the CSV puts before formula-like text is taken off again.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

from desktop.exchange import research_tables as rt

BLOCK_BYTES = 8 * 1024 * 1024
GUARDED = "^'+[=+\\-@\t\r]"  # text csv_cells.spreadsheet_safe gave an apostrophe


def available() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


def _arrow_type(kind: str):
    import pyarrow as pa

    return {"text": pa.string(), "integer": pa.int64(), "boolean": pa.bool_(), "date": pa.date32(),
            "time": pa.timestamp("us", tz="UTC")}[kind]


def write(csv_path: Path, table: rt.Table, target: Path) -> int:
    """The CSV table as Parquet (atomically); returns the number of rows."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    schema = pa.schema([pa.field(c.name, _arrow_type(c.type)) for c in table.columns])
    convert = pacsv.ConvertOptions(column_types={f.name: f.type for f in schema}, strings_can_be_null=False,
                                   quoted_strings_can_be_null=False, null_values=[""], true_values=["1"],
                                   false_values=["0"])
    reader = pacsv.open_csv(csv_path, read_options=pacsv.ReadOptions(block_size=BLOCK_BYTES),
                            convert_options=convert)
    text = [i for i, c in enumerate(table.columns) if c.type == "text"]
    temp = target.with_name(f".{target.name}.tmp")
    rows = 0
    try:
        with pq.ParquetWriter(temp, schema, compression="zstd") as writer:
            for batch in reader:
                columns = list(batch.columns)
                for i in text:  # the inverse of csv_cells.spreadsheet_safe, a column at a time
                    guarded = pc.match_substring_regex(columns[i], GUARDED)
                    columns[i] = pc.if_else(guarded, pc.utf8_slice_codeunits(columns[i], 1), columns[i])
                writer.write_batch(pa.record_batch(columns, schema=schema))
                rows += batch.num_rows
        with open(temp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return rows
