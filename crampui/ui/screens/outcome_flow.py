"""The one home of the outcome flow: the outcome dialog, the red-flag questions, then the store.

Every place that records how a session went (the Checklist tab's ``o``, the History tab's
``o``, the launch prompt through the Checklist tab) starts it with :func:`start_outcome_flow`;
the session editor awaits :func:`ask_outcome` from a worker of its own. Editing an outcome
keeps its safety record: the yes answers on record are shown again (a no is asked afresh,
never filled in), and answering again adds to them (see :mod:`crampui.checklist.safety_record`). The
dialog's note is the session's one note, stored with the outcome in one write.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace

from textual.widget import Widget

from crampui.checklist.safety_record import flags_on_record, keep_safety_record
from crampui.content.safety import flags_from_spread
from crampui.content.store import Content
from crampui.history import HistoryError, HistoryStore, Session
from crampui.ui.screens.outcome import OutcomeAnswer, OutcomeScreen
from crampui.ui.screens.red_flags import RedFlagsScreen
from crampui.ui.store_thread import in_store_thread
from crampui.usertext import UserTextError

OUTCOME_GROUP = "outcome"
"""The worker group of the flow: one flow at a time per widget."""


async def ask_outcome(owner: Widget, session: Session, content: Content) -> OutcomeAnswer | None:
    """Ask for the outcome and note of ``session``, then the red-flag questions after a cramp.

    Must run in a worker. Returns None if the user cancelled either dialog. The outcome keeps
    every red-flag answer already on record and ``advice_shown`` once it was true.
    """
    answer = await owner.app.push_screen_wait(OutcomeScreen(session))
    return await ask_safety(owner, session, answer, content)


async def ask_safety(
    owner: Widget, session: Session, answer: OutcomeAnswer | None, content: Content
) -> OutcomeAnswer | None:
    """After the outcome dialog gave ``answer``: the red-flag questions after a cramp.

    Must run in a worker. None if the user cancelled (``answer`` None included).
    """
    if answer is None:
        return None
    before, outcome = session.outcome, answer.outcome
    if not outcome.cramped:
        return replace(answer, outcome=keep_safety_record(before, outcome))
    said_yes = (*flags_on_record(before), *flags_from_spread(outcome.spread))
    answers = await owner.app.push_screen_wait(RedFlagsScreen(content, said_yes))
    if answers is None:
        return None
    flagged = [flag for flag, yes in answers.items() if yes]
    cleared = [flag for flag, yes in answers.items() if not yes]
    return replace(answer, outcome=keep_safety_record(before, outcome, flagged, cleared))


async def store_outcome(
    owner: Widget, store: HistoryStore, session: Session, answer: OutcomeAnswer
) -> Session | None:
    """Store ``answer`` (the outcome and the note) for ``session`` in one write, in the store's
    thread; the updated session, or None (said as an error)."""
    try:
        saved = await in_store_thread(
            store, store.update_session, session.id, outcome=answer.outcome, note=answer.note
        )
    except (HistoryError, UserTextError) as error:
        owner.notify(str(error), severity="error", timeout=10, markup=False)
        return None
    except KeyError:
        owner.notify(
            f"Session #{session.id} is no longer in your history.", severity="error", markup=False
        )
        return None
    owner.notify(f"Outcome saved for session #{saved.id}.", markup=False)
    return saved


async def start_outcome_flow(
    owner: Widget,
    store: HistoryStore,
    session: Session,
    content: Content,
    saved: Callable[[Session], object] | None = None,
) -> None:
    """Open the outcome dialog for ``session``; the rest of the flow runs in a worker of
    ``owner``, which calls ``saved`` after.

    The dialog is up, with its first question focused, when this returns: awaited from a key's
    action, the keys typed right after that key (a burst) reach the dialog. ``saved`` gets the
    updated session once the outcome is stored (not after a cancel or a storage error). A flow
    already running for ``owner`` is replaced.
    """
    answered: asyncio.Future[OutcomeAnswer | None] = asyncio.get_running_loop().create_future()

    def dismissed(answer: OutcomeAnswer | None) -> None:
        if not answered.done():
            answered.set_result(answer)

    await owner.app.push_screen(OutcomeScreen(session), dismissed)

    async def flow() -> None:
        answer = await ask_safety(owner, session, await answered, content)
        updated = None if answer is None else await store_outcome(owner, store, session, answer)
        if updated is not None and saved is not None:
            saved(updated)

    owner.run_worker(flow(), group=OUTCOME_GROUP, exclusive=True)
