"""The stretch hold timer: a big countdown for each hold, with sides, repetitions and a bell;
run with a routine, it walks through named stretches with a cue, rests and "next"."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Header, ProgressBar, Static

from crampui.checklist.timer import (
    HoldTimer,
    Phase,
    TimerConfig,
    TimerEvent,
    TimerSnapshot,
    TimerStep,
    format_clock,
)
from crampui.content.store import Content, default_content, dose_text
from crampui.hold_limits import (
    MAX_HOLD_SECONDS,
    MAX_REPETITIONS,
    MIN_HOLD_SECONDS,
    MIN_REPETITIONS,
)
from crampui.settings import Settings
from crampui.ui.messages import SettingsChanged, StretchesDone
from crampui.ui.screens.confirm import ConfirmScreen
from crampui.ui.screens.cramping import CrampingNowScreen
from crampui.ui.screens.skip_reason import SkipReasonScreen
from crampui.ui.widgets.app_footer import NARROW, AppFooter
from crampui.ui.widgets.big_clock import BigClock, clock_size
from crampui.wording import plural

HOLD_STEP = 5
"""Seconds added or taken away by the + and - keys."""

REMINDER = "Slow and steady — no bouncing. Ease off if it hurts."
"""Shown under the countdown throughout the set."""

BELL_EVENTS = frozenset({TimerEvent.START_HOLD, TimerEvent.END_HOLD, TimerEvent.SWITCH_SIDE})
"""Timer events that ring the bell (once per moment, however many happen together)."""

KEYS_HINT = "+ / - hold length · [ / ] reps · from the next hold on"
"""The keys for changing the plan (left out of the footer to keep it short), and when."""


def phase_label(snapshot: TimerSnapshot, coming: TimerStep | None = None) -> str:
    """What to do now: "Get ready", "Hold — left side", "Switch to the right side", "Rest —
    next: Pelvic tilt" (``coming`` is the next stretch), "Done"."""
    side = snapshot.side
    if snapshot.phase is Phase.REST:
        return f"Rest — next: {coming.name}" if coming is not None else "Rest"
    if snapshot.phase is Phase.READY:
        return "Get ready" if side is None else f"Get ready — {side} side first"
    if snapshot.phase is Phase.HOLD:
        return "Hold" if side is None else f"Hold — {side} side"
    if snapshot.phase is Phase.SWITCH:
        return f"Switch to the {side} side"
    return "Done"


def repetition_line(snapshot: TimerSnapshot) -> str:
    """Say "Rep 2 of 3" ("Stretch 1 of 2 · Rep 2 of 3" in a routine), or the closing words
    once the set is done."""
    if snapshot.phase is Phase.DONE:
        return "Set complete. Nice work." if snapshot.steps == 1 else "Routine complete. Nice work."
    rep = f"Rep {snapshot.repetition} of {snapshot.repetitions}"
    if snapshot.steps == 1:
        return rep
    stretch = f"Stretch {snapshot.step + 1} of {snapshot.steps}"
    return stretch if snapshot.phase is Phase.REST else f"{stretch} · {rep}"


def next_line(coming: TimerStep | None) -> str:
    """The routine's "next: Pelvic tilt", or that this is the last stretch."""
    return f"Next: {coming.name}" if coming is not None else "Last stretch"


def step_line(step: TimerStep, bell: bool) -> str:
    """A routine stretch's plan, e.g. "hold 5 s · 5 reps · each side · bell on"."""
    dose = dose_text(step.hold_seconds, step.repetitions, step.both_sides)
    return f"{dose} · {'bell on' if bell else 'bell off'}"


def settings_line(settings: Settings) -> str:
    """The settings in force, e.g. "hold 30 s · 3 reps · both sides · bell on"."""
    reps = plural(settings.repetitions, "rep")
    sides = "both sides" if settings.both_sides else "one side"
    bell = "bell on" if settings.bell else "bell off"
    return f"hold {settings.hold_seconds} s · {reps} · {sides} · {bell}"


PANEL_WIDTH = 64
"""The panel's width, unless block digits need more."""
OTHER_ROWS = 18
"""Rows the timer screen takes besides the digits (header, panel lines, footer, margins)."""
CLOCK_MARGIN = 10
"""Columns kept beside the block digits (panel border and padding, and some air)."""


def clock_scale(width: int, height: int, clock: str = "0:00") -> int:
    """How big the block digits can be on a ``width`` × ``height`` screen: 2 or more, or 0
    where only the three-row digits fit well (they are shown instead)."""
    scale = 0
    while True:
        columns, rows = clock_size(clock, scale + 1)
        if rows > height - OTHER_ROWS or columns > width - CLOCK_MARGIN:
            return scale if scale >= 2 else 0
        scale += 1


FOOTER_KEPT = ("close", "cramping_now", "pause", "resume", "skip", "outcome", "help")
"""The timer's keys that stay in its footer on a narrow terminal, where not all of them fit
(once the set is done, "o How did it go?" among them)."""

DONE_KEYS = "o how did it go? · r start again · esc close"
"""The line under the countdown once the set is done: short enough for one line at 60 columns."""

SUB_TITLE = "Not medical advice · ? for help"
"""The header's subtitle: the app's is too long beside the timer's title."""
NARROW_SUB_TITLE = "? for help"
"""The header's subtitle on a narrow terminal."""


class TimerScreen(Screen[None]):
    """Guide a set of stretches: count-in, holds on each side, switch cues, done."""

    CSS_PATH = "timer.tcss"
    TITLE = "Stretch hold timer"
    SUB_TITLE = SUB_TITLE
    HANDLES_CRAMPING_NOW = True
    """F2 is this screen's own (it pauses the timer first), not the app's."""
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]
    """Below 24 rows the screen has the class -short: a routine's panel draws closer."""
    BINDINGS = [
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
        Binding("n", "skip", "Skip"),
        Binding("k", "skip_stretch", "Skip stretch"),
        Binding("r", "restart", "Start again"),
        # b for the bell: m is "that was a mistake" on the cramping-now screen over this one,
        # and a double press there must not mute the bell here.
        Binding("b", "mute", "Mute"),
        Binding("b", "unmute", "Unmute"),
        Binding("o", "outcome", "How did it go?"),
        Binding("minus", f"change_hold({-HOLD_STEP})", "Shorter hold", show=False),
        Binding("plus,equals_sign", f"change_hold({HOLD_STEP})", "Longer hold", show=False),
        Binding("left_square_bracket", "change_reps(-1)", "Fewer reps", show=False),
        Binding("right_square_bracket", "change_reps(1)", "More reps", show=False),
        Binding("f2", "cramping_now", "Cramp now", priority=True),
        Binding("escape", "close", "Close"),
        Binding("q", "quit_app", "Quit", show=False),
    ]

    def __init__(
        self,
        settings: Settings,
        clock: Callable[[], float] = time.monotonic,
        tick_interval: float = 0.1,
        *,
        content: Content | None = None,
        wall_clock: Callable[[], datetime] | None = None,
        routine: Sequence[TimerStep] = (),
    ) -> None:
        """Run a set with ``settings``, or the stretches of ``routine`` in order; ``clock``
        returns seconds (monotonic).

        ``content`` supplies the red flags for the "cramping now" screen (the bundled
        content by default); ``wall_clock`` gives the time it shows as logged (now, local).
        """
        super().__init__()
        self.routine = tuple(routine)
        if self.routine:
            self.title = "Stretch routine"
        self.settings = settings
        self.clock = clock
        self.tick_interval = tick_interval
        self.content = content or default_content()
        self.wall_clock = wall_clock
        self.hold_timer = self._new_timer()
        self.note = ""
        self.scale = 0
        """How big the block digits are (0: the three-row digits instead)."""

    def compose(self) -> ComposeResult:
        """The countdown panel between the header and the footer."""
        yield Header()
        with Vertical(id="timer-panel", classes="-routine" if self.routine else ""):
            yield Static(id="timer-stretch", markup=False)
            yield Static(id="timer-cue", markup=False)
            yield Static(id="timer-phase", markup=False)
            yield Static(id="timer-rep", markup=False)
            yield Digits(id="timer-digits")
            yield BigClock(id="timer-big")
            with Center():
                yield ProgressBar(id="timer-progress", show_eta=False, show_percentage=False)
            yield Static(id="timer-status", markup=False)
            yield Static(REMINDER, id="timer-reminder", markup=False)
            yield Static(id="timer-settings", markup=False)
            yield Static(KEYS_HINT, id="timer-keys", markup=False)
            yield Static(id="timer-next", markup=False)
        yield AppFooter(FOOTER_KEPT)

    def on_resize(self, event: events.Resize) -> None:
        """Keep "? for help" in the header on a narrow terminal; digits as big as fit."""
        self.sub_title = NARROW_SUB_TITLE if event.size.width < NARROW else SUB_TITLE
        self.scale = clock_scale(event.size.width, event.size.height)
        columns, _rows = clock_size("0:00", self.scale) if self.scale else (0, 0)
        self.query_one("#timer-panel").styles.width = max(PANEL_WIDTH, columns + CLOCK_MARGIN)
        self._show()

    def on_mount(self) -> None:
        """Start the count-in and tick from then on."""
        self._react(self.hold_timer.start())
        self.set_interval(self.tick_interval, self.refresh_timer)

    def refresh_timer(self) -> None:
        """Advance the timer to the clock's time, ring for what happened and redraw."""
        self._react(self.hold_timer.tick())

    def _new_timer(self) -> HoldTimer:
        """A fresh, unstarted timer for the current settings (or the routine)."""
        return HoldTimer(self._config(), self.clock, self.routine)

    def _config(self) -> TimerConfig:
        """The timer plan the current settings ask for."""
        return TimerConfig(
            hold_seconds=self.settings.hold_seconds,
            repetitions=self.settings.repetitions,
            both_sides=self.settings.both_sides,
        )

    def _react(self, events: list[TimerEvent]) -> None:
        """Ring the bell for ``events`` (unless muted), forget old notes, and redraw."""
        if events:
            self.note = ""
        if self.settings.bell and BELL_EVENTS.intersection(events):
            self.app.bell()
        if TimerEvent.FINISHED in events:
            self.refresh_bindings()
        self._show()

    def _show(self) -> None:
        """Show the timer's current state."""
        snapshot = self.hold_timer.snapshot()
        coming = self.hold_timer.next_step()
        self._put("#timer-phase", phase_label(snapshot, coming))
        self._put("#timer-rep", repetition_line(snapshot))
        self._put("#timer-status", self._status(snapshot))
        if self.routine:
            step = self.hold_timer.steps[snapshot.step]
            done = snapshot.phase is Phase.DONE
            self._put("#timer-stretch", "" if done else step.name)
            self._put("#timer-cue", "" if done else step.cue)
            self._put("#timer-next", "" if done else next_line(coming))
            self._put("#timer-settings", step_line(step, self.settings.bell))
        else:
            self._put("#timer-settings", settings_line(self.settings))
        digits = self.query_one("#timer-digits", Digits)
        if digits.value != (clock := format_clock(snapshot.remaining)):
            digits.update(clock)
        big = self.query_one(BigClock)
        digits.display, big.display = not self.scale, bool(self.scale)
        if self.scale:
            big.show(clock, self.scale)
        self.query_one("#timer-progress", ProgressBar).update(total=1.0, progress=snapshot.progress)
        panel = self.query_one("#timer-panel")
        for phase in Phase:
            panel.set_class(snapshot.phase is phase, f"-{phase.name.lower()}")
        panel.set_class(snapshot.paused, "-paused")

    def _put(self, selector: str, text: str) -> None:
        """Update a line only when its text changes (the timer redraws ten times a second)."""
        static = self.query_one(selector, Static)
        if static.content != text:
            static.update(text)

    def _status(self, snapshot: TimerSnapshot) -> str:
        """The line under the countdown: paused, done, or the latest settings note."""
        if snapshot.paused:
            return "Paused — press space to resume."
        if snapshot.phase is Phase.DONE:
            return DONE_KEYS
        return self.note

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer only the keys that make sense now (e.g. resume only while paused)."""
        if action == "pause":
            return not self.hold_timer.paused and not self.hold_timer.finished
        if action == "resume":
            return self.hold_timer.paused
        if action == "skip":
            return not self.hold_timer.finished
        if action == "skip_stretch":
            return bool(self.routine) and self._in_a_stretch()
        if action in ("change_hold", "change_reps"):
            return not self.routine  # a routine's stretches are set in the routine editor
        if action in ("restart", "outcome"):
            return self.hold_timer.finished
        if action == "mute":
            return self.settings.bell
        if action == "unmute":
            return not self.settings.bell
        return True

    def action_pause(self) -> None:
        """Pause the timer."""
        self.hold_timer.pause()
        self._after_key()

    def action_resume(self) -> None:
        """Resume the timer."""
        self.hold_timer.resume()
        self._after_key()

    def action_skip(self) -> None:
        """End the current phase now and move to the next."""
        self._react(self.hold_timer.skip())
        self.refresh_bindings()

    def _in_a_stretch(self) -> bool:
        """Whether a stretch is under way (not a rest, not before the start or after the end)."""
        snapshot = self.hold_timer.snapshot()
        return self.hold_timer.started and snapshot.phase not in (Phase.REST, Phase.DONE)

    def action_skip_stretch(self) -> None:
        """Pause and ask why (optional); then leave this stretch for the rest before the next."""
        step = self.hold_timer.current_step()
        if step is None:
            return
        was_paused = self.hold_timer.paused
        self.action_pause()

        def answered(reason: str | None) -> None:
            if reason is not None and self._in_a_stretch():
                self._react(self.hold_timer.skip_stretch(reason))
                self.note = f"Skipped {step.name}."
            if not was_paused:
                self.action_resume()
            self._after_key()

        self.app.push_screen(SkipReasonScreen(step.name), answered)

    def report_stretches(self) -> None:
        """Tell the app how each stretch of this routine run went (once), for the session."""
        if self.routine and (results := self.hold_timer.results()):
            self.post_message(StretchesDone(tuple(results)))

    def action_restart(self) -> None:
        """Run the set again from the count-in."""
        self.report_stretches()
        self.hold_timer = self._new_timer()
        self._react(self.hold_timer.start())
        self.refresh_bindings()

    def action_mute(self) -> None:
        """Stop ringing the bell."""
        self._change_settings(replace(self.settings, bell=False), "Bell off.")

    def action_unmute(self) -> None:
        """Ring the bell again at the start and end of each hold."""
        self._change_settings(replace(self.settings, bell=True), "Bell on.")

    def action_change_hold(self, step: int) -> None:
        """Make holds longer or shorter by ``step`` seconds, within the allowed range."""
        hold = min(MAX_HOLD_SECONDS, max(MIN_HOLD_SECONDS, self.settings.hold_seconds + step))
        if hold == self.settings.hold_seconds:
            limit = "longest" if step > 0 else "shortest"
            self.note = f"{hold} s is the {limit} hold."
            self._show()
            return
        when = "for the next set" if self.hold_timer.finished else "from the next hold on"
        note = f"Holds are now {hold} s {when}."
        self._change_settings(replace(self.settings, hold_seconds=hold), note)

    def action_change_reps(self, step: int) -> None:
        """Do more or fewer repetitions, within the allowed range."""
        reps = min(MAX_REPETITIONS, max(MIN_REPETITIONS, self.settings.repetitions + step))
        if reps == self.settings.repetitions:
            limit = "most" if step > 0 else "fewest"
            self.note = f"{reps} {'rep is' if reps == 1 else 'reps are'} the {limit}."
            self._show()
            return
        under_way = self.hold_timer.snapshot().repetition
        if not self.hold_timer.finished and reps < under_way:
            self.note = f"This set is on rep {under_way}: it cannot have fewer."
            self._show()
            return
        count = plural(reps, "rep")
        finished = self.hold_timer.finished
        note = f"Now {count} for the next set." if finished else f"Now {count}; this set goes on."
        self._change_settings(replace(self.settings, repetitions=reps), note)

    def action_cramping_now(self) -> None:
        """Pause and open the cramp help, logging where in the set the cramp came."""
        self.hold_timer.pause()
        self._after_key()
        repetition, side, seconds = self.hold_timer.cramp_context()
        step = self.hold_timer.current_step() if self.routine else None
        hold: int | None = None  # the hold under way, or the one coming next
        if seconds is not None:
            hold = round(self.hold_timer.snapshot().phase_length)
        elif repetition is not None:
            hold = step.hold_seconds if step else self.settings.hold_seconds
        self.app.push_screen(
            CrampingNowScreen(
                self.content,
                repetition,
                side,
                seconds,
                hold,
                self.clock,
                now=self.wall_clock() if self.wall_clock else None,
                stretch_id=step.stretch_id if step else None,
                stretch_name=step.name if step else None,
            )
        )

    def action_close(self) -> None:
        """Leave the timer; mid-set, only once the user says so."""
        self.leave("Stop this set and close the timer?", lambda: self.dismiss(None))

    def action_quit_app(self) -> None:
        """Quit crampui; mid-set, only once the user says so."""
        self.leave("Stop this set and quit crampui?", self.app.exit)

    def leave(self, question: str, go: Callable[[], object]) -> None:
        """Run ``go``, asking first (the timer paused meanwhile) while a set is under way."""
        if self.hold_timer.finished:
            self.report_stretches()
            go()
            return
        was_paused = self.hold_timer.paused
        self.action_pause()

        def answered(stop: bool | None) -> None:
            if stop:
                self.report_stretches()
                go()
            elif not was_paused:
                self.action_resume()

        self.app.push_screen(ConfirmScreen(question, "Stop", "Keep going", danger=True), answered)

    def action_outcome(self) -> None:
        """Once the set is done: close the timer and record how the workout went."""
        self.report_stretches()
        self.dismiss(None)
        self.app.call_later(self.app.run_action, "run_in_tab('checklist', 'outcome')")

    def _change_settings(self, settings: Settings, note: str) -> None:
        """Keep and announce new settings; a new plan applies from the next phase on."""
        self.settings = settings
        self.post_message(SettingsChanged(settings))
        self.hold_timer.replan(self._config())
        self.note = note
        self._after_key()

    def _after_key(self) -> None:
        """Redraw and update the footer after a key changed the state."""
        self._show()
        self.refresh_bindings()
