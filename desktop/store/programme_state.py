"""The single ``programme_state`` row, shared by the programme and safety services."""

from __future__ import annotations


def state_row(session):
    """The single programme_state row, made on first use (inside a writing transaction)."""
    from desktop.store.models import ProgrammeState

    state = session.get(ProgrammeState, 1)
    if state is None:
        state = ProgrammeState(id=1, activity_choice="", safety_outcome="", paused_for_safety=False, indicators="")
        session.add(state)
    return state
