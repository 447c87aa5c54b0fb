"""One verified export as ready-made CSV lines for the research tables, and merging them.

The collector's children turn each export into finished CSV text per table (rows in the
table's order, one row per natural key), so the parent only stores and concatenates text.
When a participant's newer export arrives, merge() combines the stored lines with the new
ones by row uuid (newest updated_at wins), drops rows the device reported as deleted, and
writes them again the same way, so one run over all files and several runs over parts of
them give the same tables.

CSV cells: text is made safe for spreadsheets (csv_cells.spreadsheet_safe: text that
starts like a formula gets a leading apostrophe) and quoted only when it must be. Every
column's meaning is in research_tables.py and the data dictionary.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from itertools import islice, repeat
from operator import attrgetter, getitem, lt, methodcaller, mod

import msgspec

from desktop.exchange import research_tables as rt
from desktop.exchange.bulk_calendar import TIME_WIDTH
from desktop.exchange.csv_cells import from_spreadsheet_safe, spreadsheet_safe
from desktop.exchange.fast_decode import record_columns

_PLAIN = re.compile(r"(?:[^=+\-@\t\r'\",\n][^,\"\r\n]*)?\Z").match
_NEEDS_QUOTES = re.compile(r"[,\"\r\n]").search
_DETAIL = msgspec.json.Encoder(order="deterministic")  # (maps' keys sorted: details and settings are maps)


def text_cell(value: str) -> str:
    """A text value as one CSV cell: spreadsheet-safe, quoted when it has to be."""
    if _PLAIN(value):
        return value
    return quoted(spreadsheet_safe(value))


def quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"' if _NEEDS_QUOTES(cell) else cell


# Export sections -> lines, a column at a time -----------------------------------------------
# How each column after participant_id is made from the export's rows:
RAW, INT, OPTIONAL, BOOL, TEXT, OPTIONAL_TEXT, LIST, DETAIL = range(8)


def _all_plain(cells) -> bool:
    """True when no cell needs quoting or a spreadsheet guard (checked over all cells at once)."""
    joined = "\n" + "\n".join(cells)  # each cell's first character follows a line break
    if joined.count("\n") != len(cells):
        return False
    if _SPECIAL(joined) is None:  # (usual) nothing to quote and nothing that may need a guard
        return True
    if "," in joined or '"' in joined or "\r" in joined:
        return False
    return not any(c in joined and "\n" + c in joined for c in _GUARDED)


_GUARDED = "=+-@\t'"  # a cell starting with one of these gets the spreadsheet guard
_SPECIAL = re.compile("[,\"\r" + re.escape(_GUARDED) + "]").search


def _text(cells) -> list[str]:
    return cells if _all_plain(cells) else list(map(text_cell, cells))


def _always_quoted(cells: list[str]) -> list[str]:
    # JSON text never holds a raw line break, so the cells can be escaped in one go.
    return ('"' + "\n".join(cells).replace('"', '""').replace("\n", '"\n"') + '"').split("\n")


def _details(values) -> list[str]:
    """Compact JSON objects as always-quoted cells (they hold quotes and are never a formula).

    Written as one JSON list: where "},{" occurs exactly between the objects (no text inside
    one holds it) the list is cut there; msgspec escapes control characters, so a NUL marks
    the cuts."""
    listed = _DETAIL.encode(values).decode()[1:-1]  # (a tuple is written as a JSON list too)
    if listed.count("},{") == len(values) - 1:
        return ('"' + listed.replace('"', '""').replace("},{", '}"\0"{') + '"').split("\0")
    return _always_quoted(list(map(bytes.decode, map(_DETAIL.encode, values))))


# Most numbers in an export are small: looking their text up beats str() (True and False
# look up as 1 and 0, None as an empty cell).
_NUMBER_TEXT: dict = {None: "", **{n: str(n) for n in range(-1000, 10001)}}
_number_text = _NUMBER_TEXT.__getitem__


def _column(values, kind: int):
    """One column's cells from the rows' values of that field."""
    if kind == RAW:  # values the schema fixes to plain characters (ids, dates, times)
        return values
    if kind in (INT, OPTIONAL, BOOL):
        try:
            return list(map(_number_text, values))
        except KeyError:  # a number outside the table (or a float where a JSON Schema integer allows 1.0)
            pass
    if kind == INT:
        return list(map(str, values))
    if kind == OPTIONAL:
        return ["" if v is None else str(v) for v in values]
    if kind == BOOL:
        return list(map(str, map(int, values)))
    if kind == TEXT:
        return _text(values)
    if kind == OPTIONAL_TEXT:
        return _text(["" if v is None else v for v in values])
    if kind == LIST:
        return _text(list(map(";".join, values)))
    if kind == DETAIL:
        return _details(values)
    raise ValueError(kind)


SECTIONS = {  # table -> (section of the export's data, [(field, kind)] for the columns after participant_id)
    "diary": ("diary", [("uuid", RAW), ("date", RAW), ("pain", INT), ("limitation", INT),
                        ("walking_minutes", INT), ("flare_up", BOOL), ("sleep", OPTIONAL), ("mood", OPTIONAL),
                        ("exercises", LIST), ("note", TEXT), ("updated_at", RAW)]),
    "goals": ("goals", [("uuid", RAW), ("session_number", INT), ("activity", TEXT), ("level", INT),
                        ("days_per_week", INT), ("minutes_per_day", INT), ("exercise_count", INT),
                        ("repetitions", INT), ("times_per_day", INT), ("exercises", LIST), ("plan_when", TEXT),
                        ("plan_where", TEXT), ("set_on", RAW), ("updated_at", RAW)]),
    "sessions": ("sessions", [("uuid", RAW), ("number", INT), ("completed_on", RAW), ("limitation", OPTIONAL),
                              ("level", OPTIONAL), ("days_met", OPTIONAL), ("days_planned", OPTIONAL),
                              ("feedback_key", OPTIONAL_TEXT), ("obstacle", OPTIONAL_TEXT),
                              ("goal_choice", OPTIONAL_TEXT), ("module_id", OPTIONAL_TEXT), ("updated_at", RAW)]),
    "questionnaires": ("questionnaires", [("uuid", RAW), ("questionnaire", TEXT), ("occasion", TEXT),
                                          ("item_id", TEXT), ("value", INT), ("answered_on", RAW),
                                          ("updated_at", RAW)]),
    "events": ("events", [("uuid", RAW), ("kind", TEXT), ("occurred_at", RAW), ("detail", DETAIL),
                          ("updated_at", RAW)]),
}


def _columns(rows: list) -> dict[str, tuple]:
    """field -> the rows' values of that field."""
    return record_columns(type(rows[0]).__struct_fields__, rows) if rows else {}


def lines(participant_id: str, table: rt.Table, rows: list, columns: dict | None = None) -> str:
    """The rows as CSV lines (each ending in a newline), in the table's column order.

    ``columns``: field -> the rows' values, if already listed (fast_decode lists them).
    """
    if not rows:
        return ""
    fields = SECTIONS[table.name][1]
    columns = columns or _columns(rows)
    cells = [_column(columns[name], kind) for name, kind in fields]
    return "\n".join(map(",".join, zip(repeat(participant_id, len(rows)), *cells))) + "\n"


def _newest(rows: Iterable, key) -> list:
    """One row per key: the newest updated_at (a tie goes to the smaller uuid)."""
    best: dict = {}
    for row in rows:
        k = key(row)
        held = best.get(k)
        if held is None or (row.updated_at, held.uuid) > (held.updated_at, row.uuid):
            best[k] = row
    return list(best.values())


def _increasing(values: list) -> bool:
    return all(map(lt, values, islice(values, 1, None)))


def _in_order(table: rt.Table, rows: list, columns: dict) -> list:
    """Rows with unique uuids and natural keys, in the table's order (usually already so:
    then the very same list comes back). ``columns``: field -> the rows' values."""
    if len(set(columns["uuid"])) != len(rows):
        rows = _newest(rows, attrgetter("uuid"))
        columns = _columns(rows)
    unique = table.natural_key == ("uuid",)
    starts_natural = table.sort_key[:len(table.natural_key)] == table.natural_key
    if unique or starts_natural:
        # Strictly increasing on the first field of a key that is unique (it ends in the uuid,
        # or starts with the natural key): nothing to drop and nothing to move.
        if _increasing(columns[table.sort_key[0]]) or (
                len(table.sort_key) > 1 and _increasing(list(zip(*(columns[k] for k in table.sort_key))))):
            return rows
    order = attrgetter(*table.sort_key)
    if not unique:
        natural = attrgetter(*table.natural_key)
        if len(set(map(natural, rows))) != len(rows):
            rows = _newest(rows, natural)
    return sorted(rows, key=order)  # the order key is unique now (it ends in the uuid or the natural key)


def deletions(data) -> dict[str, dict[str, str]]:
    """section -> {uuid: deleted_at} from the export (empty when the export has none)."""
    found: dict[str, dict[str, str]] = {}
    items = getattr(data, "deletions", ())
    if items:
        listed = _columns(items)
        for section, uuid, when in zip(listed["section"], listed["uuid"], listed["deleted_at"]):
            held = found.get(section)
            if held is None:
                held = found[section] = {}
            if when > held.get(uuid, ""):
                held[uuid] = when
    return found


def fragments(participant_id: str, data, columns: dict | None = None,
              removed: dict[str, dict[str, str]] | None = None, keys: dict[str, str] | None = None) -> dict[str, str]:
    """table name -> the export's CSV lines for that table (no header), ready to store.

    ``columns``: section -> field -> values, as fast_decode.data listed them (optional);
    ``removed``: deletions(data), if already made; ``keys``: if given, receives table name ->
    key_lines() of the same rows.
    """
    if removed is None:
        removed = deletions(data)
    out = {}
    for table in rt.ROW_TABLES:
        section = SECTIONS[table.name][0]
        rows = getattr(data, section)
        if not rows:
            out[table.name] = ""
            if keys is not None:
                keys[table.name] = ""
            continue
        gone = removed.get(section)
        if gone:
            rows = [r for r in rows if gone.get(r.uuid, "") <= r.updated_at]
        if columns is None or rows is not getattr(data, section):
            listed = _columns(rows)
        else:
            listed = columns[section]
        ordered = _in_order(table, rows, listed) if rows else rows
        if ordered is not rows:
            listed = _columns(ordered)
        out[table.name] = lines(participant_id, table, ordered, listed)
        if keys is not None:
            keys[table.name] = key_lines(listed["uuid"], listed["updated_at"]) if ordered else ""
    return out


def key_lines(uuids, updated) -> str:
    """A fragment's rows' keys: uuid and updated_at run together, a line each (63 characters;
    both have the schema's fixed width), in the rows' order."""
    return "\n".join(map(str.__add__, uuids, updated)) + "\n" if uuids else ""


def participant_values(export, exports_collected: int) -> tuple:
    """The participants row (typed values); the parent fills in exports_collected."""
    data = export.data
    programme = data.programme
    return (export.participant_id, data.participant.study_code or "", export.device_key_id, exports_collected,
            export.sequence, export.exported_at, data.participant.app_version,
            (programme.started_on or "") if programme else "", programme.activity_choice if programme else "",
            programme.safety_outcome if programme else "", int(bool(programme and programme.paused_for_safety)),
            ";".join(programme.indicators) if programme else "", _DETAIL.encode(data.settings).decode())


def rows_text(table: rt.Table, rows: list[tuple]) -> str:
    """CSV lines (each ending in a newline) from rows of typed values, made a column at a time:
    text made safe for spreadsheets and quoted when it must be, None as an empty cell."""
    if not rows:
        return ""
    cells = [_text(values) if column.type == "text" else ["" if v is None else str(v) for v in values]
             for column, values in zip(table.columns, zip(*rows))]
    return "\n".join(map(",".join, zip(*cells))) + "\n"


# Merging stored lines ---------------------------------------------------------------------
# An event's detail may be written past the csv module's default field limit (131,072
# characters): 30 keys of 64 escaped characters with 4,299-digit integers. No cell can be
# longer than a decrypted export.
_CELL_LIMIT = 64 * 1024 * 1024


def parse(text: str) -> list[list[str]]:
    if csv.field_size_limit() < _CELL_LIMIT:
        csv.field_size_limit(_CELL_LIMIT)  # process-wide, and only ever raised
    return list(csv.reader(io.StringIO(text)))


def _sort_value(column: rt.Column, cell: str) -> tuple:
    if column.type == "integer":
        return (0, int(cell)) if cell else (-1, 0)
    return (0, from_spreadsheet_safe(cell) if column.type == "text" else cell)


def merge(table: rt.Table, stored: str, new: str, gone: dict[str, str],
          stored_keys: str | None = None, new_keys: str | None = None) -> str:
    """Stored and new lines of one participant (each as fragments() or merge() wrote them)
    combined the same way: per uuid the row with the newest updated_at (on a tie, the new
    export's), leaving out rows deleted after their last change, one row per natural key, in
    the table's order. ``stored_keys`` and ``new_keys``: their key_lines(), where known.

    A device exports everything it holds, so the new lines usually hold every stored row, as
    it was or newer: then they are the answer as they are (the very same string). That is
    found from the rows' keys; only otherwise (a restored backup, say) are rows merged one by one.
    """
    if covers(keys_of_lines(new) if new_keys is None else new_keys,
              keys_of_lines(stored) if stored_keys is None else stored_keys, gone):
        return new
    return merge_row_by_row(table, parse(stored), parse(new), gone)


_UUID_WIDTH = 36  # (the schema's uuid pattern: key lines are uuid + updated_at + newline)
# A row starts with the participant id (a uuid) and a comma, then its uuid; it ends with its updated_at.
_ROW_UUID = slice(_UUID_WIDTH + 1, 2 * _UUID_WIDTH + 1)
_ROW_UPDATED = slice(-TIME_WIDTH, None)
_QUOTES = methodcaller("count", '"')


def keys_of_lines(text: str) -> str:
    """key_lines() of lines as fragments() and merge() write them (uuid second, updated_at last).

    When every line holds an even number of quotes, no quoted cell spans a line break (the line
    opening one would hold an odd number), so each line is one row and its keys sit at fixed
    places: the schema fixes the widths of ids and times. Otherwise the lines are parsed."""
    if not text:
        return ""
    rows = text.split("\n")
    rows.pop()  # (the text ends with a line break)
    if '"' in text and any(map(mod, map(_QUOTES, rows), repeat(2))):
        columns = list(zip(*parse(text)))
        return key_lines(columns[1], columns[-1])
    return key_lines(list(map(getitem, rows, repeat(_ROW_UUID))), list(map(getitem, rows, repeat(_ROW_UPDATED))))


_FEW_LOOKUPS = 16  # up to this many uuids are looked up in the new keys by searching them


def covers(new_keys: str, old_keys: str, gone: dict[str, str]) -> bool:
    """Whether merging gives exactly the new rows: none of them deleted after its last change,
    and every old row either in them as it was or newer, or deleted after its last change."""
    if not new_keys:
        return not old_keys
    if new_keys.startswith(old_keys):  # (usual: nothing changed, or rows only added at the end)
        changed: set[str] = set()
    else:
        changed = set(old_keys.split("\n")).difference(new_keys.split("\n"))
        changed.discard("")
    if len(gone) + len(changed) > _FEW_LOOKUPS:  # many to look up: a table of the new keys
        table = {key[:_UUID_WIDTH]: key[_UUID_WIDTH:] for key in new_keys.split("\n")}
        newest = table.get
    else:
        def newest(u: str) -> str | None:
            # A uuid matches only where a key line starts: shifted, its hyphens would meet hex
            # digits or the time's letters.
            at = new_keys.find(u)
            return None if at < 0 else new_keys[at + _UUID_WIDTH:new_keys.index("\n", at)]
    for u, deleted_at in gone.items():
        held = newest(u)
        if held is not None and deleted_at > held:
            return False
    for key in changed:
        u, when = key[:_UUID_WIDTH], key[_UUID_WIDTH:]
        held = newest(u)
        if held is None:
            if gone.get(u, "") <= when:
                return False  # an old row the new export lacks, not deleted since: it stays
        elif held < when:
            return False  # the old row is newer
    return True


def merge_row_by_row(table: rt.Table, old_rows: list[list[str]], new_rows: list[list[str]],
                     gone: dict[str, str]) -> str:
    """merge() of parsed lines, a row at a time (whether or not the new ones cover the old)."""
    names = table.names
    uid, updated = names.index("uuid"), names.index("updated_at")
    rows: dict[str, list[str]] = {}
    for row in old_rows:
        held = rows.get(row[uid])
        if held is None or row[updated] > held[updated]:
            rows[row[uid]] = row
    for row in new_rows:  # (a tie goes to the new export)
        held = rows.get(row[uid])
        if held is None or row[updated] >= held[updated]:
            rows[row[uid]] = row
    kept = [r for r in rows.values() if gone.get(r[uid], "") <= r[updated]]
    natural = [names.index(k) for k in table.natural_key]
    best: dict[tuple, list[str]] = {}
    for row in kept:
        k = tuple(row[i] for i in natural)
        held = best.get(k)
        if held is None or (row[updated], held[uid]) > (held[updated], row[uid]):
            best[k] = row
    order = [(table.columns[names.index(k)], names.index(k)) for k in table.sort_key]
    ordered = sorted(best.values(), key=lambda r: (tuple(_sort_value(c, r[i]) for c, i in order), r[uid]))
    kinds = [RAW] + [kind for _, kind in SECTIONS[table.name][1]]
    return "".join(",".join(_always_quoted([cell])[0] if kind == DETAIL else quoted(cell)
                            for cell, kind in zip(row, kinds)) + "\n" for row in ordered)
