"""The one home of the outcome flow: the outcome dialog, the red-flag questions, then the store.

Every place that records how a session went (the Checklist tab's ``o``, the History tab's
``o``, the launch prompt through the Checklist tab) starts it with :func:`start_outcome_flow`,
or awaits :func:`record_outcome` from a worker of its own. Editing an outcome keeps its safety
record: the yes answers on record are shown again (a no is asked afresh, never filled in), and
answering again adds to them (see :mod:`crampui.safety_record`).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from crampui.content import Content
from crampui.history import HistoryError, HistoryStore, Outcome, Session
from crampui.safety import flags_from_spread
from crampui.safety_record import flags_on_record, keep_safety_record
from crampui.screens.outcome import OutcomeScreen
from crampui.screens.red_flags import RedFlagsScreen
from crampui.usertext import UserTextError

OUTCOME_GROUP = "outcome"
"""The worker group of the flow: one flow at a time per widget."""


async def ask_outcome(owner: Widget, session: Session, content: Content) -> Outcome | None:
    """Ask for the outcome of ``session``, then the red-flag questions after a cramp.

    Must run in a worker. Returns None if the user cancelled either dialog. The result keeps
    every red flag already on record and ``advice_shown`` once it was true.
    """
    before = session.outcome
    outcome = await owner.app.push_screen_wait(OutcomeScreen(session))
    if outcome is None:
        return None
    if not outcome.cramped:
        return keep_safety_record(before, outcome)
    said_yes = (*flags_on_record(before), *flags_from_spread(outcome.spread))
    answers = await owner.app.push_screen_wait(RedFlagsScreen(content, said_yes))
    if answers is None:
        return None
    flagged = [flag for flag, yes in answers.items() if yes]
    cleared = [flag for flag, yes in answers.items() if not yes]
    return keep_safety_record(before, outcome, flagged, cleared)


async def record_outcome(
    owner: Widget, store: HistoryStore, session: Session, content: Content
) -> Session | None:
    """Run the outcome flow for ``session`` and store the answer; the updated session or None.

    Must run in a worker. Storage problems are shown to the user as error notifications.
    """
    outcome = await ask_outcome(owner, session, content)
    if outcome is None:
        return None
    try:
        saved = store.set_outcome(session.id, outcome)
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


def start_outcome_flow(
    owner: Widget,
    store: HistoryStore,
    session: Session,
    content: Content,
    saved: Callable[[Session], object] | None = None,
) -> None:
    """Run the outcome flow for ``session`` in a worker of ``owner``; call ``saved`` after.

    ``saved`` gets the updated session once the outcome is stored (not after a cancel or a
    storage error). A flow already running for ``owner`` is replaced.
    """

    async def flow() -> None:
        updated = await record_outcome(owner, store, session, content)
        if updated is not None and saved is not None:
            saved(updated)

    owner.run_worker(flow(), group=OUTCOME_GROUP, exclusive=True)
