"""Tombstones: deleting an exported row leaves its uuid behind, in the same transaction.

Research collectors merge rows by uuid across exports; a row that simply vanished would
live on in their tables. So every deletion of a row that appears in exports goes through
`delete_rows`, which records (uuid, section, deleted_at) in `deleted_row` and deletes the
rows inside the caller's write transaction: both are committed together or not at all.
Exports list the tombstones as `data.deletions` (exchange/payload.py).

Undo of a diary delete brings back the very same row (same uuid): `forget` removes the
tombstone, and the caller gives the row an `updated_at` later than the tombstone's
`deleted_at`, so a collector that already saw the tombstone keeps the row again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from desktop.store.models import DeletedRow, utc_now

# The export lists a tombstone can point into (resources/schema/export-v2.schema.json).
SECTIONS = ("diary", "questionnaires", "goals", "sessions", "events", "activity_ratings",
            "call_requests", "measured_activity")
_CHUNK = 500  # ids per statement, well under SQLite's limit on bound parameters


def delete_rows(session: Session, model: type, section: str, ids: Sequence[int]) -> int:
    """Delete these rows of `model` (by primary key) and record a tombstone for each one.

    Each tombstone's deleted_at is later than its row's updated_at, even with a clock set
    back since the row was saved, so "newer wins" always lets the deletion win.
    """
    if section not in SECTIONS:
        raise ValueError(f"unknown export section {section!r}")
    deleted = 0
    for start in range(0, len(ids), _CHUNK):
        chunk = list(ids[start:start + _CHUNK])
        found = session.execute(select(model.uuid, model.updated_at).where(model.id.in_(chunk))).all()
        if not found:
            continue
        record(session, section, [(uuid, later_than(updated_at)) for uuid, updated_at in found])
        deleted += session.execute(delete(model).where(model.id.in_(chunk))).rowcount
    return deleted


def record(session: Session, section: str, deletions: Sequence[tuple[str, dt.datetime]]) -> None:
    """Tombstones for these (uuid, deleted_at); a uuid deleted again takes the time of this deletion."""
    statement = insert(DeletedRow)
    statement = statement.on_conflict_do_update(
        index_elements=[DeletedRow.uuid],
        set_={"section": statement.excluded.section, "deleted_at": statement.excluded.deleted_at})
    session.execute(statement, [{"uuid": uuid, "section": section, "deleted_at": when} for uuid, when in deletions])


def forget(session: Session, uuid: str) -> dt.datetime | None:
    """Remove the tombstone of a row that is coming back; returns when it had been deleted."""
    tombstone = session.get(DeletedRow, uuid)
    if tombstone is None:
        return None
    deleted_at = tombstone.deleted_at
    session.delete(tombstone)
    return deleted_at


def later_than(moment: dt.datetime | None) -> dt.datetime:
    """Now, or just after `moment` if the clock says otherwise (it may have been set back)."""
    now = utc_now()
    if moment is not None and now <= moment:
        return moment + dt.timedelta(microseconds=1)
    return now
