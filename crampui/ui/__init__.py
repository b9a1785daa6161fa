"""The Textual app: the App, its launch, messages, palette providers, panes, screens and widgets.

The only package that imports Textual; may import every package but ``cli``.
"""
