"""How long a stretch hold and how many repetitions a set may have: what the settings accept and
the timer allows (kept apart from both, so reading the settings does not load the timer)."""

MIN_HOLD_SECONDS = 15
MAX_HOLD_SECONDS = 60
MIN_REPETITIONS = 1
MAX_REPETITIONS = 10
