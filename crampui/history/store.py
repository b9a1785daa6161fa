"""The history API: sessions, outcomes, cramp episodes, the draft and the user's checklist.

Each call is one transaction and at most one write. Invalid input raises ValueError
(UserTextError for text) before anything is written; user text is cleaned on the way in (and,
by the codec, on the way out). Sessions are addressed by this computer's number (``id``);
records are stored by uid with their version, so copies from other computers merge cleanly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from crampui.history.codec import episode_from_doc, episode_to_doc, session_from_doc, session_to_doc
from crampui.history.entry import parse_note
from crampui.history.errors import HistoryError
from crampui.history.export import Documents
from crampui.history.loaded import CHECKED
from crampui.history.records import MAX_SIDE_LENGTH, CrampEpisode, ItemRecord, Outcome, Session, utc
from crampui.history.schema import EPISODES, SESSIONS
from crampui.history.stretch_records import StretchRecord
from crampui.history.versions import Accept, in_window, is_deleted, new_uid
from crampui.history.writer import VersionedFile
from crampui.usertext import clean_user_text

KEEP: Any = object()
"""Passed to :meth:`HistoryStore.update_session` for a field to leave as it is."""


class HistoryStore(VersionedFile):
    """The user's history in one JSON file, safe across crashes, processes and computers.

    Opening checks the file (recovering or migrating it if needed, merging conflict copies a
    sync tool left beside it) without creating anything otherwise.
    """

    # -- reading -----------------------------------------------------------------------------

    def sessions(self, since: datetime | None = None, also: Accept | None = None) -> list[Session]:
        """Every session, newest (highest number) first; with ``since`` (aware), only those
        :func:`~crampui.history.versions.in_window` keeps (``also``: and those whose document
        it accepts): the others are never built.

        Built after the store's lock is released (a write replaces documents, never changes
        them), so a build in one thread does not hold up another; a session built before from
        the same document (by the whole-file check too) is reused: each is built once."""
        stored, episodes, numbers, owners = self.documents()
        assert self._loaded is not None
        docs, built = list(stored.items()), self._loaded.built
        if since is not None:
            docs = in_window(docs, numbers, since, also)
        found: list[Session] = []
        for uid, doc in docs:
            if is_deleted(doc):
                continue
            known, number = built.get(uid), numbers[uid]
            if known is not None and known[0] is doc and known[1] == number:
                found.append(known[2])
                continue
            mine = _by_time([episode_from_doc(episodes[key], key) for key in owners.get(uid, ())])
            if known is not None and known[0] is doc and known[1] == CHECKED:  # no number yet
                session = replace(known[2], id=number, seq=number, episodes=mine)
            else:
                session = session_from_doc(doc, number, uid, mine)
            built[uid] = (doc, session.id, session)
            found.append(session)
        return sorted(found, key=lambda session: session.id, reverse=True)

    def documents(self) -> Documents:
        """The session and episode documents as read and checked, with the sessions' numbers
        and episodes (for :func:`~crampui.history.export.history_json`)."""
        with self._reading() as tables:
            assert self._loaded is not None
            sessions, episodes = dict(tables.get(SESSIONS, {})), dict(tables.get(EPISODES, {}))
            return Documents(sessions, episodes, dict(self._numbers()), self._loaded.owners())

    def get(self, session_id: int) -> Session:
        """The session with this number; KeyError if there is none."""
        with self._reading() as tables:
            return self._find(tables, self._uid_of(tables, session_id))

    def last_session(self) -> Session | None:
        """The most recently saved session (highest number), or None if there is none."""
        newest = self.recent_sessions(1)
        return newest[0] if newest else None

    def recent_sessions(self, limit: int) -> list[Session]:
        """The ``limit`` newest sessions (highest numbers), newest first; others not built."""
        found: list[Session] = []
        with self._reading() as tables:
            assert self._loaded is not None
            raw = tables.get(SESSIONS, {})
            number = self._loaded.top_number()
            while number > 0 and len(found) < limit:
                uid = self._loaded.uid_of(number)
                if uid is not None and not is_deleted(raw[uid]):
                    found.append(self._find(tables, uid))
                number -= 1
        return found

    def next_number(self) -> int:
        """The number the next session saved on this computer will get (never a used one)."""
        with self._reading() as tables:
            return self._next_seq(tables)

    def count(self) -> int:
        """How many sessions are stored."""
        with self._reading() as tables:
            return sum(not is_deleted(doc) for doc in tables.get(SESSIONS, {}).values())

    def stored_sessions(self) -> int:
        """Session records stored, deleted ones' markers too: what reading them all walks."""
        with self._reading() as tables:
            return len(tables.get(SESSIONS, {}))

    def revision(self) -> tuple[int, int]:
        """What the store holds now, as an opaque value: it differs after any change, made
        here or found on disk (equal values: nothing to read again)."""
        with self._reading():
            return (0, 0) if self._loaded is None else self._loaded.revision

    # -- writing helpers ---------------------------------------------------------------------

    def _write_session(self, session: Session, *, must_be_deleted: bool = False) -> Session:
        """Store ``session``'s content under its uid (keeping its stored seq); return it."""
        with self.transaction() as db:
            tables = db.storage.read() or {}
            old = tables.get(SESSIONS, {}).get(session.uid)
            if old is None:
                raise KeyError(f"no session #{session.id}")
            if must_be_deleted and not is_deleted(old):
                raise HistoryError(f"session #{session.id} is already in the history")
            doc = session_to_doc(replace(session, seq=old["seq"]))
            db.storage.put([(SESSIONS, session.uid, self._stamp(doc, old))])
            return self._find(db.storage.read() or {}, session.uid)

    def _find(self, tables: dict[str, Any], uid: str) -> Session:
        """The live session with ``uid`` in ``tables``, with its episodes."""
        episodes = tables.get(EPISODES, {})
        assert self._loaded is not None
        found = [episode_from_doc(episodes[key], key) for key in self._loaded.episodes_of(uid)]
        number = self._numbers()[uid]
        return session_from_doc(tables[SESSIONS][uid], number, uid, _by_time(found))

    def _cleaned(self, session: Session) -> Session:
        """``session`` with its text cleaned and its items checked."""
        return replace(
            session,
            items=self._clean_items(session.items),
            note=parse_note(session.note, "note"),
            outcome=session.outcome and self._clean_outcome(session.outcome),
        )

    # -- sessions ----------------------------------------------------------------------------

    def add_session(
        self,
        items: Sequence[ItemRecord],
        note: str = "",
        outcome: Outcome | None = None,
        *,
        at: datetime | None = None,
        stretches: Sequence[StretchRecord] = (),
    ) -> Session:
        """Save a checklist run (with its outcome, if known, and how each stretch of a routine
        run went) in one write; return it. ``at`` backfills a session done earlier (aware, not
        in the future); default now."""
        records, done = self._clean_items(items), self._clean_stretches(stretches)
        note, outcome = parse_note(note, "note"), outcome and self._clean_outcome(outcome)
        now = self._now()
        saved_at = now if at is None else utc(at, "session time")
        if saved_at > now + timedelta(minutes=1):
            raise ValueError("a session cannot be saved in the future")
        uid = new_uid()
        with self.transaction() as db:
            seq = self._next_seq(db.storage.read() or {})
            session = Session(seq, seq, saved_at, records, note, outcome, uid=uid, stretches=done)
            db.storage.put([(SESSIONS, uid, self._stamp(session_to_doc(session), None))])
            number = self._numbers()[uid]  # seq itself, unless another session has it
        return replace(session, id=number, seq=number)

    def set_outcome(self, session_id: int, outcome: Outcome) -> Session:
        """Record (or replace) what happened after session ``session_id``; KeyError if absent."""
        return self.update_session(session_id, outcome=outcome)

    def update_session(
        self,
        session_id: int,
        *,
        items: Sequence[ItemRecord] = KEEP,
        saved_at: datetime = KEEP,
        note: str = KEEP,
        outcome: Outcome | None = KEEP,
    ) -> Session:
        """Change a saved session's items, time, note or outcome; KeyError if it is absent."""
        current = self.get(session_id)
        changes: dict[str, Any] = {}
        if items is not KEEP:
            changes["items"] = tuple(items)
        if saved_at is not KEEP:
            if utc(saved_at, "session time") > self._now() + timedelta(minutes=1):
                raise ValueError("a session cannot be moved to the future")
            changes["saved_at"] = utc(saved_at, "session time")
        if note is not KEEP:
            changes["note"] = note
        if outcome is not KEEP:
            changes["outcome"] = outcome
        return self._write_session(self._cleaned(replace(current, **changes)))

    def revert_session(self, session: Session) -> Session:
        """Put an earlier state of a live session back (undo of an edit); KeyError if absent."""
        return self._write_session(self._cleaned(session))

    def delete_session(self, session_id: int) -> Session:
        """Delete a session (leaving a tombstone) and return it for :meth:`restore_session`."""
        with self.transaction() as db:
            tables = db.storage.read() or {}
            uid = self._uid_of(tables, session_id)
            session = self._find(tables, uid)
            self._delete_record(db, SESSIONS, uid, tables[SESSIONS][uid])
        return session

    def restore_session(self, session: Session) -> Session:
        """Put a deleted session back with its uid, number and time, so it returns to its place."""
        return self._write_session(self._cleaned(session), must_be_deleted=True)

    # -- cramp episodes ----------------------------------------------------------------------

    def add_episode(self, episode: CrampEpisode, session_id: int | None = None) -> CrampEpisode:
        """Record a cramp, inside session ``session_id`` or on its own when that is None.

        An episode that has a uid (one returned earlier and then deleted) is put back as it was.
        """
        side = episode.side and clean_user_text(
            episode.side, field="side", max_length=MAX_SIDE_LENGTH
        )
        episode = replace(episode, side=side or None, uid=episode.uid or new_uid())
        with self.transaction() as db:
            tables = db.storage.read() or {}
            old = tables.get(EPISODES, {}).get(episode.uid)
            doc = episode_to_doc(episode)
            if old is not None and "session" in old:
                doc["session"] = old["session"]
            elif session_id is not None:
                doc["session"] = self._uid_of(tables, session_id)
            db.storage.put([(EPISODES, episode.uid, self._stamp(doc, old))])
        return episode

    def episodes(self) -> list[tuple[CrampEpisode, Session | None]]:
        """Every cramp with the session it belongs to (None: on its own), newest first."""
        found: list[tuple[CrampEpisode, Session | None]] = []
        sessions = {session.uid: session for session in self.sessions()}
        with self._reading() as tables:
            known = tables.get(SESSIONS, {})
            for uid, doc in tables.get(EPISODES, {}).items():
                owner = doc.get("session")
                if is_deleted(doc) or (owner in known and owner not in sessions):
                    continue  # deleted, or belongs to a deleted session
                found.append((episode_from_doc(doc, uid), sessions.get(owner)))
        return sorted(found, key=lambda pair: pair[0].at, reverse=True)

    def loose_episodes(self) -> list[CrampEpisode]:
        """Cramps recorded outside any session, newest first."""
        found: list[CrampEpisode] = []
        with self._reading() as tables:
            known = tables.get(SESSIONS, {})
            for uid, doc in tables.get(EPISODES, {}).items():
                if not is_deleted(doc) and doc.get("session") not in known:
                    found.append(episode_from_doc(doc, uid))
        return sorted(found, key=lambda episode: episode.at, reverse=True)

    def delete_episode(self, episode: CrampEpisode) -> CrampEpisode:
        """Delete a cramp and return it (``add_episode`` of it undoes that); KeyError if absent.

        Without a uid, the first cramp on its own equal to ``episode`` is deleted.
        """
        with self.transaction() as db:
            raw = (db.storage.read() or {}).get(EPISODES, {})
            uid = episode.uid or next(
                (
                    key
                    for key, doc in raw.items()
                    if not is_deleted(doc)
                    and "session" not in doc
                    and episode_from_doc(doc) == episode
                ),
                "",
            )
            if uid not in raw or is_deleted(raw[uid]):
                raise KeyError("no such cramp")
            found = episode_from_doc(raw[uid], uid)
            self._delete_record(db, EPISODES, uid, raw[uid])
        return found


def _by_time(episodes: list[CrampEpisode]) -> tuple[CrampEpisode, ...]:
    """Episodes oldest first."""
    return tuple(sorted(episodes, key=lambda episode: episode.at))
