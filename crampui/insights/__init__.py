"""What the history shows: the timeline, patterns, trends, the cramp log, History's find and undo
steps, the status line and the report.

No Textual; may import ``history``, ``checklist``, ``content`` and the shared modules.
"""
