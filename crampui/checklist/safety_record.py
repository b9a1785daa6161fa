"""Keep a session's safety record when its outcome is edited (no Textual).

A red flag answered yes, and the advice shown for it, are a safety record: answering the
questions again adds to it and never takes anything away. A question never asked stays "not
asked": nothing here answers one for the person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from crampui.history.records import Outcome


def flags_on_record(before: Outcome | None) -> tuple[str, ...]:
    """The red flags answered yes earlier (shown again; the no answers are asked afresh)."""
    return () if before is None else before.red_flags


def keep_safety_record(
    before: Outcome | None,
    after: Outcome,
    flagged: Sequence[str] = (),
    cleared: Sequence[str] = (),
) -> Outcome:
    """``after`` with the answers recorded ``before`` plus those given now.

    ``flagged`` are answered yes now and ``cleared`` no. A yes, earlier or now, stays a yes;
    a question answered neither time stays not asked. ``advice_shown`` stays true once it
    was shown and becomes true when anything is flagged.
    """
    earlier_yes = () if before is None else before.red_flags
    earlier_no = () if before is None else before.red_flags_no
    yes = tuple(dict.fromkeys((*earlier_yes, *flagged)))
    no = tuple(flag for flag in dict.fromkeys((*earlier_no, *cleared)) if flag not in yes)
    shown = bool(flagged) or (before is not None and before.advice_shown)
    return replace(after, red_flags=yes, red_flags_no=no, advice_shown=shown)
