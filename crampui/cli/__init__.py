"""The command line: the parser (main.py) and one module per group of commands.

May import every other package but ``ui`` (the app is started through ``ui.launch``).
"""
