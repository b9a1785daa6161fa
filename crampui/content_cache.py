"""The JSON answers of ``causes``, ``cause`` and ``faq``, kept so a script pays little more
than starting Python.

Those answers depend only on the shipped content and the words asked, yet computing them loads
TinyDB, dataclasses, the validator and (for ``faq``) the search engine: several times the cost
of ``python -c "import json"``. So the command saves the text it printed under a hash of the
content file and of the code, and the crampui version; the next run with the same words prints
the saved text when the hash still matches. A new ``faq`` query is ranked from the search
tables saved by :mod:`crampui.search.prebuilt`, still without loading the content. This module
imports only built-in modules; anything unexpected is a miss and the command computes the
answer afresh (and saves it).

The cache is ``$XDG_CACHE_HOME/crampui/content-answers.json`` (``~/.cache/...`` when unset). It
holds at most :data:`MAX_ANSWERS` answers; it is only ever a cache.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence

from crampui import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (type checkers know it)
if TYPE_CHECKING:
    from _blake2 import blake2b

FORMAT = "crampui-content-answers-1"
"""Part of the key; changes whenever the saved text or the key changes meaning."""

MAX_ANSWERS = 256
"""The oldest answers are dropped beyond this many."""

COMMANDS = ("causes", "cause", "faq")
"""The commands whose ``--json`` answer is cached."""


def cache_dir() -> str:
    """crampui's directory in the user cache (``$XDG_CACHE_HOME/crampui``)."""
    base = os.environ.get("XDG_CACHE_HOME", "").strip() or os.path.expanduser("~/.cache")
    return os.path.join(base, "crampui")


def cache_file() -> str:
    """Where the answers are cached."""
    return os.path.join(cache_dir(), "content-answers.json")


def content_file() -> str:
    """The bundled content file; the same rule as :func:`crampui.content.content_path`."""
    here = os.path.dirname(os.path.abspath(__file__))
    packaged = os.path.join(here, "db", "content.json")
    if os.path.exists(packaged):
        return packaged
    return os.path.join(os.path.dirname(here), "db", "content.json")


def digest(data: bytes = b"") -> blake2b:
    """A BLAKE2b hash object over ``data``: the built-in ``_blake2`` module, which loads in a
    fraction of the time ``hashlib`` takes to start OpenSSL (``hashlib`` when it is missing)."""
    try:
        from _blake2 import blake2b
    except ImportError:  # a Python built without it
        from hashlib import blake2b
    return blake2b(data)


def code_files() -> list[str]:
    """The modules that decide what the answers say: the search engine and the commands."""
    here = os.path.dirname(os.path.abspath(__file__))
    search = os.path.join(here, "search")
    try:
        names = sorted(name for name in os.listdir(search) if name.endswith(".py"))
    except OSError:
        names = []
    commands = os.path.join(here, "commands", "content_cmds.py")
    return [*(os.path.join(search, name) for name in names), commands]


def content_key() -> str | None:
    """The key for the current content and code: format, version and a BLAKE2b hash of the
    content file and of :func:`code_files` (so a changed ranking is never served stale)."""
    hashed = digest()
    try:
        with open(content_file(), "rb") as file:
            hashed.update(file.read())
    except OSError:
        return None
    for path in code_files():
        try:
            with open(path, "rb") as file:
                hashed.update(b"\0" + file.read())
        except OSError:
            hashed.update(b"\0-")
    return f"{FORMAT}:{__version__}:{hashed.hexdigest()}"


def answer_text(value: object) -> str:
    """How a ``--json`` answer is printed (and saved): indented, non-ASCII kept."""
    return json.dumps(value, indent=2, ensure_ascii=False)


def question(command: str, words: Sequence[str]) -> str:
    """How an answer is named in the cache: the command and its words."""
    return "\x1f".join((command, *words))


def question_in(argv: Sequence[str]) -> str | None:
    """The cached question ``argv`` asks (``causes|cause|faq WORDS... --json``), else None.

    Only the plain forms are recognised (no other option, no word starting with ``-``), so the
    parser would read them the same way.
    """
    if len(argv) < 2 or argv[0] not in COMMANDS or argv[-1] != "--json":
        return None
    words = argv[1:-1]
    if any(word.startswith("-") for word in words):
        return None
    if argv[0] == "cause":
        return question("cause", words) if len(words) == 1 else None
    return question(argv[0], [" ".join(words)])


def _read() -> dict[str, object]:
    """The cache file's contents, or an empty dictionary."""
    try:
        with open(cache_file(), encoding="utf-8") as file:
            data = json.load(file)
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def cached(argv: Sequence[str]) -> str | None:
    """The answer to ``argv`` without loading the content, else None: the text saved for the
    current content, or for a new ``faq`` query one ranked by the saved search index (see
    :mod:`crampui.search.prebuilt`), which is then saved too."""
    asked = question_in(argv)
    if asked is None:
        return None
    data = _read()
    key = content_key()
    answers = data.get("answers")
    if key is not None and data.get("key") == key and isinstance(answers, dict):
        answer = answers.get(asked)
        if isinstance(answer, str):
            return answer
    if argv[0] != "faq":
        return None
    from crampui.search.prebuilt import faq_answer

    ranked = faq_answer(asked.split("\x1f", 1)[1])
    if ranked is None:
        return None
    text = answer_text(ranked)
    save(asked, text)
    return text


def save(asked: str, answer: str) -> None:
    """Keep ``answer`` (the printed text, without the final newline) for ``asked``.

    Failures are ignored: the cache is an optimisation only.
    """
    key = content_key()
    if key is None:
        return
    data = _read()
    answers = data.get("answers") if data.get("key") == key else None
    if not isinstance(answers, dict):
        answers = {}
    answers.pop(asked, None)
    answers[asked] = answer
    while len(answers) > MAX_ANSWERS:
        answers.pop(next(iter(answers)))
    path = cache_file()
    temporary = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump({"key": key, "answers": answers}, file, ensure_ascii=False)
        os.replace(temporary, path)
    except OSError:
        try:  # noqa: SIM105 - contextlib is an import this module avoids
            os.unlink(temporary)
        except OSError:
            pass
