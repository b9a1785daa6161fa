"""Rank the FAQs and causes for what a person types, not only for the article's own words.

The engine is a small BM25F ranker over the 12 FAQs (question > keywords > answer) and the
12 causes (title > slug > summary > why, what to do), split by stage:

* :mod:`~crampui.content.search.text` folds text into words and knows the stop words;
* :mod:`~crampui.content.search.stemming` folds inflections (cramps / cramping / cramped ->
``cramp``);
* :mod:`~crampui.content.search.concepts` holds the concept groups: words and phrases people type
  (GP, physio, thirsty, "keep them away", "get the blood flowing"...) mapped onto the ideas
  the content speaks of;
* :mod:`~crampui.content.search.query` turns a query into concepts, one per meaningful word or
phrase
  (phrases stay within a clause; frames such as "is it ok to" count for nothing), correcting
  typos (rapidfuzz's OSA distance), joining and splitting words, matching the last word
  as a prefix while it is typed;
* :mod:`~crampui.content.search.ranking` scores each concept as one BM25F pseudo-term, so a synonym
  never counts twice, and weighs what a document is about above incidental words;
* :mod:`~crampui.content.search.index` is the :class:`SearchIndex` the app, its panes, the command
  palette and the CLI share.

Nothing here imports Textual.
"""

from __future__ import annotations

from crampui.content.search.index import Hit, SearchIndex, default_index, highlight_spans
from crampui.content.search.stemming import stem
from crampui.content.search.text import STOP_WORDS

__all__ = ["STOP_WORDS", "Hit", "SearchIndex", "default_index", "highlight_spans", "stem"]
