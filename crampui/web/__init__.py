"""``crampui serve``: the app in a browser, through textual-serve, behind a one-time key.

No Textual; may import only the shared modules.

:mod:`crampui.web.address` binds the socket and words what is printed (no aiohttp);
:mod:`crampui.web.server` is the web server (aiohttp, textual-serve's Server). Neither imports
Textual: each browser session runs ``crampui`` in a process of its own.
"""
