"""The app's tab panes, one per module."""
