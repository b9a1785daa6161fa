"""How long a stretch hold and how many repetitions a set may have: what the settings accept and
the timer allows (kept apart from both, so reading the settings does not load the timer)."""

MIN_HOLD_SECONDS = 15
MAX_HOLD_SECONDS = 60
MIN_REPETITIONS = 1
MAX_REPETITIONS = 10
MIN_STEP_HOLD_SECONDS = 2
"""A routine's stretch may be held this briefly (mobility moves: a breath, a few seconds)."""
MAX_REST_SECONDS = 120
"""The longest rest between two stretches of a routine."""
