"""The history API: sessions, outcomes, cramp episodes and the draft, one transaction each.

Invalid input raises ValueError (UserTextError for text) before anything is written; user text
is cleaned on the way in (and, by the codec, on the way out).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from operator import itemgetter
from typing import Any

from tinydb.table import Document

from crampui.history.codec import (
    draft_from_doc,
    draft_to_doc,
    episode_from_doc,
    episode_to_doc,
    outcome_to_doc,
    session_from_doc,
    session_to_doc,
)
from crampui.history.database import HistoryFile
from crampui.history.errors import HistoryError
from crampui.history.records import (
    MAX_SIDE_LENGTH,
    MAX_WHERE_LENGTH,
    CrampEpisode,
    Draft,
    ItemRecord,
    Outcome,
    Session,
    item,
    unique_items,
)
from crampui.history.schema import (
    DRAFT,
    EPISODES,
    META,
    SCHEMA_VERSION,
    SESSIONS,
    SINGLETON,
    meta_doc,
)
from crampui.usertext import clean_user_text


class HistoryStore(HistoryFile):
    """The user's session history in one JSON file, safe across crashes and processes.

    Opening checks the file (recovering or migrating it if needed) without creating anything.
    Invalid input raises ValueError (UserTextError for text) before anything is written.
    """

    # -- helpers used inside a transaction ---------------------------------------------------

    @staticmethod
    def _session_doc(db: Any, session_id: int) -> Document:
        """The stored document of session ``session_id``; KeyError if there is none."""
        doc = db.table(SESSIONS).get(doc_id=session_id)
        if doc is None:
            raise KeyError(f"no session #{session_id}")
        return doc

    @staticmethod
    def _next_seq(db: Any) -> int:
        """One more than any seq or id ever used (deleted ones included, via ``next_seq``)."""
        tables = db.storage.read() or {}
        sessions = tables.get(SESSIONS, {})
        seqs = map(itemgetter("seq"), sessions.values())
        used = max(max(seqs, default=0), max(map(int, sessions), default=0))
        return max(used + 1, meta_doc(tables).get("next_seq", 1))

    @staticmethod
    def _clean_items(items: Sequence[ItemRecord]) -> tuple[ItemRecord, ...]:
        """Items with cleaned skip reasons; ValueError for duplicates or non-records."""
        cleaned: list[ItemRecord] = []
        for record in items:
            if not isinstance(record, ItemRecord):
                raise ValueError(f"expected an ItemRecord, got {type(record).__name__}")
            field = f"reason for skipping {record.item_id}"
            cleaned.append(
                item(record.item_id, record.state, clean_user_text(record.reason, field=field))
            )
        return unique_items(cleaned)

    def _clean_outcome(self, outcome: Outcome) -> Outcome:
        """The outcome with cleaned text and a recorded_at (now, if it had none)."""
        return replace(
            outcome,
            where=clean_user_text(outcome.where, field="where", max_length=MAX_WHERE_LENGTH),
            note=clean_user_text(outcome.note),
            recorded_at=outcome.recorded_at or self._now(),
        )

    # -- sessions ----------------------------------------------------------------------------

    def add_session(
        self, items: Sequence[ItemRecord], note: str = "", outcome: Outcome | None = None
    ) -> Session:
        """Save a finished checklist run (and its outcome, if known) in one write; return it."""
        records = self._clean_items(items)
        note = clean_user_text(note)
        outcome = outcome and self._clean_outcome(outcome)
        with self.transaction() as db:
            seq = self._next_seq(db)
            session = Session(seq, seq, self._now(), records, note, outcome)
            db.table(SESSIONS).insert(Document(session_to_doc(session), doc_id=seq))
        return session

    def sessions(self) -> list[Session]:
        """Every session, newest (highest seq) first."""
        with self.transaction(write=False) as db:
            raw = (db.storage.read() or {}).get(SESSIONS, {})
            found = [session_from_doc(doc, int(key)) for key, doc in raw.items()]
        return sorted(found, key=lambda session: session.seq, reverse=True)

    def get(self, session_id: int) -> Session:
        """The session with this id; KeyError if there is none."""
        with self.transaction(write=False) as db:
            return session_from_doc(self._session_doc(db, session_id), session_id)

    def last_session(self) -> Session | None:
        """The most recently saved session (highest seq), or None if there is none."""
        with self.transaction(write=False) as db:
            raw = (db.storage.read() or {}).get(SESSIONS, {})
            if not raw:
                return None
            key = max(raw, key=lambda k: raw[k]["seq"])
            return session_from_doc(raw[key], int(key))

    def count(self) -> int:
        """How many sessions are stored."""
        with self.transaction(write=False) as db:
            return len(db.table(SESSIONS))

    def set_outcome(self, session_id: int, outcome: Outcome) -> Session:
        """Record (or replace) what happened after session ``session_id``; KeyError if absent."""
        outcome = self._clean_outcome(outcome)
        with self.transaction() as db:
            self._session_doc(db, session_id)
            db.table(SESSIONS).update({"outcome": outcome_to_doc(outcome)}, doc_ids=[session_id])
            return session_from_doc(self._session_doc(db, session_id), session_id)

    def delete_session(self, session_id: int) -> Session:
        """Delete a session and return it, so :meth:`restore_session` can undo the deletion."""
        with self.transaction() as db:
            session = session_from_doc(self._session_doc(db, session_id), session_id)
            if self._next_seq(db) == session.seq + 1:  # deleting the newest: never reuse its seq
                meta = {"schema_version": SCHEMA_VERSION, "next_seq": session.seq + 1}
                db.table(META).upsert(Document(meta, doc_id=SINGLETON))
            db.table(SESSIONS).remove(doc_ids=[session_id])
        return session

    def restore_session(self, session: Session) -> Session:
        """Put a deleted session back with its id, seq and saved_at, so it returns to its place."""
        restored = replace(
            session,
            items=self._clean_items(session.items),
            note=clean_user_text(session.note),
            outcome=session.outcome and self._clean_outcome(session.outcome),
        )
        with self.transaction() as db:
            raw = (db.storage.read() or {}).get(SESSIONS, {})
            if str(session.id) in raw or any(d["seq"] == session.seq for d in raw.values()):
                raise HistoryError(f"session #{session.id} is already in the history")
            db.table(SESSIONS).insert(Document(session_to_doc(restored), doc_id=session.id))
        return restored

    # -- cramp episodes ----------------------------------------------------------------------

    def add_episode(self, episode: CrampEpisode, session_id: int | None = None) -> CrampEpisode:
        """Record a cramp, inside session ``session_id`` or on its own when that is None."""
        side = episode.side and clean_user_text(
            episode.side, field="side", max_length=MAX_SIDE_LENGTH
        )
        episode = replace(episode, side=side or None)
        with self.transaction() as db:
            if session_id is None:
                db.table(EPISODES).insert(episode_to_doc(episode))
            else:
                doc = self._session_doc(db, session_id)
                episodes = [*doc.get("episodes", []), episode_to_doc(episode)]
                db.table(SESSIONS).update({"episodes": episodes}, doc_ids=[session_id])
        return episode

    def loose_episodes(self) -> list[CrampEpisode]:
        """Cramps recorded outside any session, newest first."""
        with self.transaction(write=False) as db:
            found = [episode_from_doc(doc) for doc in db.table(EPISODES).all()]
        return sorted(found, key=lambda episode: episode.at, reverse=True)

    def delete_episode(self, episode: CrampEpisode) -> CrampEpisode:
        """Delete a cramp recorded on its own (one, if it was recorded twice) and return it;
        KeyError if there is none. ``add_episode(episode)`` undoes the deletion."""
        with self.transaction() as db:
            table = db.table(EPISODES)
            found = (doc.doc_id for doc in table.all() if episode_from_doc(doc) == episode)
            doc_id = next(found, None)
            if doc_id is None:
                raise KeyError("no such cramp on its own")
            table.remove(doc_ids=[doc_id])
        return episode

    # -- the unsaved checklist run -----------------------------------------------------------

    def draft(self) -> Draft | None:
        """The checklist run in progress when the app last closed, if any."""
        with self.transaction(write=False) as db:
            doc = db.table(DRAFT).get(doc_id=SINGLETON)
            return None if doc is None else draft_from_doc(doc)

    def save_draft(self, items: Sequence[ItemRecord], note: str = "") -> Draft:
        """Remember the checklist run in progress (replacing any earlier draft)."""
        draft = Draft(self._clean_items(items), self._now(), clean_user_text(note))
        doc = draft_to_doc(draft)
        with self.transaction() as db:
            table = db.table(DRAFT)
            if table.contains(doc_id=SINGLETON):
                table.update(_replaced_by(doc), doc_ids=[SINGLETON])
            else:
                table.insert(Document(doc, doc_id=SINGLETON))
        return draft

    def clear_draft(self) -> None:
        """Forget the checklist run in progress (no write if there is none)."""
        with self.transaction() as db:
            if db.table(DRAFT).contains(doc_id=SINGLETON):
                db.table(DRAFT).remove(doc_ids=[SINGLETON])


def _replaced_by(new: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    """A TinyDB update operation that replaces a whole document (a dict update only merges)."""

    def replace_document(doc: dict[str, Any]) -> None:
        doc.clear()
        doc.update(new)

    return replace_document
