"""The per-file check of `research collect`: an export's bytes and the clinic identity in, its
table rows or the reason it is refused out.

``check_export`` is a pure function (no files, no database, no shared state): the size cap,
the age header checks (at most 64 KiB, no passphrase or ASCII-armoured files), decryption,
strict decoding, the export schema and rules, the device signature and the payload hash
(export_reader, shared with ``clinic open``), then the rows of every research table as
research_tables lists them. So it runs anywhere: in the collector's process pool here, or on
a distributed engine over files in object storage (docs/research/SCALE.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import msgspec

from desktop.exchange import age_files, export_reader
from desktop.exchange import research_tables as rt

MEMORY_BYTES = 1024 * 1024 * 1024  # address space a check may add to what its process holds at the start
_JSON = msgspec.json.Encoder(order="deterministic")  # (maps' keys sorted: details and settings are maps)


@dataclass(frozen=True)
class Checked:
    """A verified export: what the collector decides on, and its rows as one line of JSON."""

    export_id: str
    participant_id: str
    device_key_id: str
    sequence: int
    participant: tuple  # the participants row; exports_collected is filled in by the collector
    rows: bytes  # {"participant_id", "_export": sequence, "deletions", every row section as columns} and a line break
    distinct: bool = False  # each section's rows have different uuids and different natural keys (nothing to merge)


def check_export(data: bytes, secret: str) -> Checked | str:
    """The export's rows, or why it is refused (a short reason fit for the report). Never raises
    for a bad file (only for what no file can cause, such as a missing module)."""
    try:
        if len(data) > age_files.MAX_FILE_BYTES:
            raise age_files.AgeFileError(f"the file is {len(data) // (1024 * 1024)} MiB, more than the "
                                         f"{age_files.MAX_FILE_BYTES // (1024 * 1024)} MiB an export can be")
        problem = age_files.header_problem(data[: age_files.HEADER_LIMIT + 1])
        if problem:
            raise age_files.AgeFileError(problem)
        export = export_reader.read_records(age_files.decrypt_in_process(data, secret))
    except (age_files.AgeFileError, export_reader.ExportRejected) as exc:
        return str(exc)
    except MemoryError:
        return "it needs more memory than an export may use"
    return _rows(export)


def check_file(path: str, secret: str) -> Checked | str:
    """check_export of a file: only a regular file is read (a named pipe would wait for ever)."""
    try:
        return check_export(age_files.read_checked(Path(path)), secret)
    except age_files.AgeFileError as exc:
        return str(exc)
    except IsADirectoryError:
        return "it is a folder"
    except MemoryError:
        return "it needs more memory than an export may use"
    except OSError as exc:
        return f"it could not be read ({exc.strerror or type(exc).__name__})"


def _rows(export) -> Checked:
    """The export's rows as the database reads them (collect_db.batch_columns), written by msgspec
    in one go: each row section as its columns (field -> the values of its rows, in row order),
    which DuckDB reads in about half the time of a list of rows, each naming its fields."""
    data, participant = export.data, export.participant_id
    given = export.columns or {}  # (read the fast way: gathered already)
    line = {"participant_id": participant, "_export": export.sequence,
            "deletions": getattr(data, "deletions", None) or []}
    distinct = True
    for table in rt.ROW_TABLES:  # (a section an older schema lacks is empty)
        rows = getattr(data, table.section, None) or []
        columns = given.get(table.section) or {}
        line[table.section] = columns = {
            name: columns[name] if name in columns else [getattr(r, name, None) for r in rows]
            for name in table.names[1:]}
        distinct = distinct and len(set(columns["uuid"])) == len(rows) and (table.natural_key == ("uuid",) or len(
            set(zip(*(columns[name] for name in table.natural_key)))) == len(rows))
    programme, about = data.programme, data.participant
    row = (participant, about.study_code or "", export.device_key_id, 0, export.sequence, export.exported_at,
           about.app_version, programme.started_on if programme else None,
           programme.activity_choice if programme else "", programme.safety_outcome if programme else "",
           bool(programme and programme.paused_for_safety), ";".join(programme.indicators) if programme else "",
           _JSON.encode(data.settings).decode())
    return Checked(export.export_id, participant, export.device_key_id, export.sequence, row,
                   _JSON.encode(line) + b"\n", distinct)


def start_checking() -> None:
    """Run once as each pool process starts: what every check needs is made first (the decoder,
    the decryption and signature modules), then the process's address space is capped, so a
    hostile file fails its own check and cannot exhaust the machine (POSIX only)."""
    export_reader.fast_decoder()
    age_files._pyrage()
    from cryptography.hazmat.primitives.asymmetric import ed25519  # noqa: F401 - imported for every check
    try:
        import resource

        with open("/proc/self/statm") as fh:  # what the process already maps (forked: the collector's)
            held = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (held + MEMORY_BYTES, resource.RLIM_INFINITY))
    except (ImportError, OSError, ValueError):
        pass  # not on this platform: the size caps still apply
