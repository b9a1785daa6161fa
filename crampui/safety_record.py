"""Keep a session's safety record when its outcome is edited (no Textual).

A red flag answered yes, and the advice shown for it, are a safety record: answering the
questions again adds to it and never takes anything away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from crampui.history.records import Outcome


def flags_on_record(before: Outcome | None) -> tuple[str, ...] | None:
    """The red flags answered yes earlier, or None if the questions were never answered.

    They are asked after every cramp, so an earlier cramp outcome means each question was
    answered: those listed were a yes, the others a no.
    """
    if before is None or not (before.cramped or before.red_flags):
        return None
    return before.red_flags


def keep_safety_record(
    before: Outcome | None, after: Outcome, flagged: Sequence[str] = ()
) -> Outcome:
    """``after`` with the flags recorded ``before`` plus those ``flagged`` now.

    The flags keep their first order, each once; ``advice_shown`` stays true once it was shown
    and becomes true when anything is flagged.
    """
    earlier = () if before is None else before.red_flags
    flags = tuple(dict.fromkeys((*earlier, *flagged)))
    shown = bool(flagged) or (before is not None and before.advice_shown)
    return replace(after, red_flags=flags, advice_shown=shown)
