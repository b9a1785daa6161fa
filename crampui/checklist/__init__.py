"""The pre-stretch run: checklist items, stretch routines, the hold timer, session edits, draft
writes and red-flag answers kept on edit.

No Textual; may import ``history``, ``content`` and the shared modules.
"""
