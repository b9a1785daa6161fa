"""The article's content (causes, questions, checklist, safety guidance, places) and its search.

No Textual; may import only the shared modules.
"""
