"""Tests of the FAQ and cause search engine (crampui.content.search)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crampui.content.search import Hit, SearchIndex, default_index, highlight_spans, stem
from crampui.content.store import Cause, Content, Faq, default_content

QUERIES = Path(__file__).parent / "search_queries.json"
FRESH = Path(__file__).parent / "search_queries_fresh.json"


def make_faq(number: int, question: str, answer: str = "", keywords: tuple[str, ...] = ()) -> Faq:
    """A small FAQ for unit tests."""
    return Faq(number, question, answer or "See above.", (), keywords)


def make_cause(number: int, title: str, summary: str, what_to_do: tuple[str, ...] = ()) -> Cause:
    """A small cause for unit tests."""
    slug = title.lower().replace(" ", "-")
    return Cause(number, slug, title, "Technique", summary, summary, what_to_do, False, "", (), ())


SMALL_FAQS = (
    make_faq(1, "Is a back cramp during stretching normal?", "It happens to many people."),
    make_faq(2, "Should I keep stretching through a cramp?", "No, stop and massage the area."),
    make_faq(3, "How long should I hold a stretch?", "Hold each stretch for 15 to 30 seconds."),
    make_faq(4, "Can dehydration cause muscle cramps?", "Yes. Drink enough water every day."),
    make_faq(5, "Is it necessary to warm up first?", "A warm-up prepares the muscles."),
    make_faq(6, "Can an electrolyte imbalance cause cramps?", "Magnesium helps muscles relax."),
    make_faq(7, "Does magnesium matter?", "Ask your pharmacist.", ("supplements",)),
    make_faq(8, "Should I see a doctor?", "If cramps persist, see a healthcare professional."),
)
SMALL_CAUSES = (
    make_cause(1, "Tight muscles", "Knotted muscles cramp.", ("Use a foam roller first.",)),
    make_cause(2, "Cold muscles", "Cold muscles resist stretching."),
)


@pytest.fixture(scope="module")
def small() -> SearchIndex:
    """An index over a few hand-made FAQs and causes."""
    return SearchIndex(SMALL_FAQS, SMALL_CAUSES)


def numbers(hits: list[Hit[Faq]] | list[Hit[Cause]]) -> list[int]:
    """The item numbers of hits, in rank order."""
    return [hit.item.number for hit in hits]


def top(index: SearchIndex, query: str) -> int:
    """The number of the best FAQ for a query (0 when nothing matches)."""
    hits = index.faqs(query, limit=1)
    return hits[0].item.number if hits else 0


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("cramp", "cramps", "cramping", "cramped"), "cramp"),
        (("stretch", "stretches", "stretching", "stretched"), "stretch"),
        (("dehydration", "dehydrated", "dehydrate"), "dehydrat"),
        (("muscle", "muscles"), "muscl"),
        (("stop", "stopped", "stopping", "stops"), "stop"),
        (("warm", "warming", "warmed", "warms"), "warm"),
        (("injury", "injuries"), "injury"),
        (("hold", "holding", "holds"), "hold"),
    ],
)
def test_stem_folds_inflections(words: tuple[str, ...], expected: str) -> None:
    """Every inflection of a word reduces to the same light stem."""
    assert {stem(word) for word in words} == {expected}


@pytest.mark.parametrize("word", ["gp", "15", "roll", "stress", "back", "need", "sciatica"])
def test_stem_leaves_short_and_special_words_alone(word: str) -> None:
    """Short words, numbers, double s and words without an ending stay as they are."""
    assert stem(word) == word


@pytest.mark.parametrize(
    ("query", "faq"),
    [("massaging", 2), ("stretches held", 3), ("warming", 5), ("dehydrated", 4), ("relaxes", 6)],
)
def test_inflected_queries_match(small: SearchIndex, query: str, faq: int) -> None:
    """Queries in another inflection than the text still find it."""
    assert top(small, query) == faq


@pytest.mark.parametrize(
    ("query", "faq"),
    [("dehydraton", 4), ("magnesuim", 6), ("docter", 8), ("electrolite", 6), ("stretchign", 3)],
)
def test_typos_in_longer_words_are_forgiven(small: SearchIndex, query: str, faq: int) -> None:
    """One or two wrong, missing or swapped letters still find the FAQ."""
    hits = small.faqs(query)
    assert hits, query
    assert faq in numbers(hits)[:3]


def test_typo_matches_real_content() -> None:
    """The issue's examples work on the bundled content."""
    index = default_index()
    assert top(index, "dehydraton") == 5
    assert top(index, "docter") == 7
    stretch = index.faqs("stretchign")
    assert stretch and any(word.startswith("stretch") for word in stretch[0].matched)


def test_short_words_are_not_fuzzy(small: SearchIndex) -> None:
    """A three-letter unknown word is not 'corrected' into something else."""
    assert small.faqs("zzq.") == []


@pytest.mark.parametrize("query", ["warm up", "warmup", "warm-up", "WARM-UP?", "warming up"])
def test_joined_and_split_words_meet(small: SearchIndex, query: str) -> None:
    """warm up, warmup and warm-up are the same thing."""
    assert top(small, query) == 5


@pytest.mark.parametrize("query", ["foam roller", "foamroller", "foam-roller", "foam rolling"])
def test_foam_roller_finds_tight_muscles(small: SearchIndex, query: str) -> None:
    """Joined, split and inflected foam roller all find the cause that mentions it."""
    assert numbers(small.causes(query))[:1] == [1]


def test_unknown_word_is_split_into_known_ones(small: SearchIndex) -> None:
    """A word run together from two known words is searched as both."""
    assert top(small, "musclecramps") in (4, 6)
    assert small.faqs("musclecramps")


@pytest.mark.parametrize(
    ("query", "faq"),
    [
        ("physician", 8),
        ("GP", 8),
        ("physio", 8),
        ("thirsty", 4),
        ("not drinking enough", 4),
        ("how many secs", 3),
    ],
)
def test_synonyms_reach_words_the_text_lacks(small: SearchIndex, query: str, faq: int) -> None:
    """Words people type map onto the words the content uses."""
    assert top(small, query) == faq


@pytest.mark.parametrize(
    ("query", "faq"),
    [
        ("doctor", 7),
        ("physio", 7),
        ("GP", 7),
        ("tired", 11),
        ("exhausted", 11),
        ("worn out", 11),
        ("water", 5),
        ("dehydrated", 5),
        ("slouching", 8),
        ("hunched", 8),
        ("prevent", 6),
        ("avoid cramps", 6),
        ("pinched nerve", 12),
        ("potassium", 10),
        ("bananas", 10),
        ("should I keep going", 2),
        ("how many seconds", 4),
    ],
)
def test_issue_examples_on_real_content(query: str, faq: int) -> None:
    """The queries named in the issue find the right FAQ first."""
    assert top(default_index(), query) == faq


def test_question_outranks_answer(small: SearchIndex) -> None:
    """A word in a question beats the same word deep in another FAQ's answer."""
    assert numbers(small.faqs("magnesium"))[:2] == [7, 6]


def test_keywords_outrank_answer() -> None:
    """A keyword beats the same word in an answer."""
    faqs = [
        make_faq(1, "First?", "You may need supplements."),
        make_faq(2, "Second?", "Eat well.", ("supplements",)),
    ]
    assert numbers(SearchIndex(faqs, ()).faqs("supplements")) == [2, 1]


def test_question_outranks_keywords() -> None:
    """A word in a question beats the same word in a keyword list."""
    faqs = [
        make_faq(1, "First?", "Eat well.", ("magnesium",)),
        make_faq(2, "Does magnesium help?", "Eat well."),
    ]
    assert numbers(SearchIndex(faqs, ()).faqs("magnesium")) == [2, 1]


def test_rare_words_count_more_than_common_ones(small: SearchIndex) -> None:
    """IDF: a word in one FAQ decides more than a word found in many."""
    assert top(small, "cramps water") == 4


@pytest.mark.parametrize("query", ["", "   ", "\t\n", "the my should", "what is it", "how do i"])
def test_empty_or_stop_word_query_lists_everything_in_order(small: SearchIndex, query: str) -> None:
    """No meaningful word: every item in article order, score 0, nothing highlighted."""
    for hits in (small.faqs(query), small.causes(query)):
        assert [hit.score for hit in hits] == [0.0] * len(hits)
        assert all(hit.matched == frozenset() for hit in hits)
    assert numbers(small.faqs(query)) == [faq.number for faq in SMALL_FAQS]
    assert numbers(small.causes(query)) == [cause.number for cause in SMALL_CAUSES]


@pytest.mark.parametrize(
    ("query", "plain"),
    [
        ("what is the best magnesium", "best magnesium"),
        ("should i see a doctor", "see doctor"),
        ("is it thirsty", "thirsty"),
    ],
)
def test_stop_words_do_not_decide(small: SearchIndex, query: str, plain: str) -> None:
    """Adding stop words changes neither the order nor the scores."""
    with_stop = [(hit.item.number, hit.score) for hit in small.faqs(query)]
    without = [(hit.item.number, hit.score) for hit in small.faqs(plain)]
    assert with_stop == pytest.approx(without)


def test_word_order_does_not_matter(small: SearchIndex) -> None:
    """Multi-word queries match in any order."""
    assert numbers(small.faqs("hold stretch long")) == numbers(small.faqs("long stretch hold"))
    assert top(small, "cramps muscle dehydration") == top(small, "dehydration muscle cramps") == 4


@pytest.mark.parametrize("query", ["30 seconds", "15", "30s", "15 or 30 sec", "thirty"])
def test_numbers_match(small: SearchIndex, query: str) -> None:
    """Numbers are words too."""
    assert top(small, query) == 3


def test_numbers_on_real_content() -> None:
    """The hold-time FAQ is found by its numbers."""
    assert top(default_index(), "30 seconds") == 4
    assert top(default_index(), "15") == 4


def test_last_word_matches_as_a_prefix_while_typing(small: SearchIndex) -> None:
    """A word still being typed matches the words it starts."""
    assert top(small, "magnes") in (6, 7)
    assert top(small, "how long to hol") == 3


def test_nonsense_finds_nothing(small: SearchIndex) -> None:
    """Items that do not match are dropped for a non-empty query."""
    assert small.faqs("xyzzy quux") == []
    assert small.causes("xyzzy quux") == []


def test_limit(small: SearchIndex) -> None:
    """limit cuts the list; None keeps it all; zero or less gives nothing."""
    assert len(small.faqs("cramps", limit=2)) == 2
    assert len(small.faqs("", limit=None)) == len(SMALL_FAQS)
    assert small.faqs("cramps", limit=0) == []
    assert small.faqs("", limit=-1) == []


def test_matched_words_are_words_of_the_item(small: SearchIndex) -> None:
    """matched holds lower-case words that really occur in the item, for highlighting."""
    hit = small.faqs("Dehydration WATER")[0]
    assert hit.item.number == 4
    assert {"dehydration", "water"} <= hit.matched
    text = " ".join((hit.item.question, hit.item.answer, *hit.item.keywords))
    assert all(highlight_spans(text, [word]) for word in hit.matched)


@pytest.mark.parametrize(
    ("query", "cause"), [("pinched nerve", 9), ("cold", 11), ("foam roller", 7)]
)
def test_cause_ranking_on_real_content(query: str, cause: int) -> None:
    """The issue's cause examples come first."""
    assert numbers(default_index().causes(query))[:1] == [cause]


def test_closest_faqs_always_returns_n(small: SearchIndex) -> None:
    """closest_faqs is a loose fallback: always n suggestions, best first."""
    hits = small.closest_faqs("hwo lnog hodl", 3)
    assert len(hits) == 3
    assert hits[0].item.number == 3
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert numbers(small.closest_faqs("", 2)) == [1, 2]
    assert small.closest_faqs("anything", 0) == []
    assert len(small.closest_faqs("anything", 50)) == len(SMALL_FAQS)


def test_highlight_spans() -> None:
    """Whole words only, case-insensitive, sorted and non-overlapping."""
    text = "Warm up: a warm-up warms. WARM!"
    spans = highlight_spans(text, {"warm", "up"})
    assert [text[a:b] for a, b in spans] == ["Warm", "up", "warm", "up", "WARM"]
    assert spans == sorted(spans)
    assert all(end <= start for (_, end), (start, _) in zip(spans, spans[1:], strict=False))
    assert highlight_spans(text, []) == []
    assert highlight_spans("", {"warm"}) == []
    assert highlight_spans("body’s limits", {"body’s"}) == [(0, 6)]


def test_default_index_is_built_once_from_the_bundled_content() -> None:
    """default_index is cached and covers the bundled content."""
    index = default_index()
    assert index is default_index()
    assert len(index.faqs("")) == len(default_content().faqs)
    assert len(index.causes("")) == len(default_content().causes)


def test_search_does_not_import_textual() -> None:
    """The engine stays usable from the CLI without Textual."""
    code = "import sys, crampui.content.search; sys.exit('textual' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def accuracy(path: Path) -> tuple[float, float, list[tuple[str, int, list[int]]]]:
    """Top-1 and top-3 shares of the default index on a query file, and the top-1 misses."""
    cases = json.loads(path.read_text(encoding="utf-8"))
    index = default_index()
    ranked = {case["query"]: numbers(index.faqs(case["query"], limit=3)) for case in cases}
    top1 = sum(ranked[case["query"]][:1] == [case["faq"]] for case in cases) / len(cases)
    top3 = sum(case["faq"] in ranked[case["query"]] for case in cases) / len(cases)
    misses = [
        (case["query"], case["faq"], ranked[case["query"]])
        for case in cases
        if case["faq"] not in ranked[case["query"]][:1]
    ]
    print(f"\nsearch accuracy on {path.name}: top-1 {top1:.1%}, top-3 {top3:.1%}")
    return top1, top3, misses


def test_realistic_queries_accuracy() -> None:
    """On realistic queries the right FAQ is first >= 95% of the time and always in the top 3."""
    cases = json.loads(QUERIES.read_text(encoding="utf-8"))
    assert len(cases) >= 50
    assert {case["faq"] for case in cases} == set(range(1, 13))
    top1, top3, misses = accuracy(QUERIES)
    assert top1 >= 0.95, misses
    assert top3 == 1.0, misses


def test_held_out_queries_accuracy() -> None:
    """Queries written after the last change to the engine, never tuned on (fresh set 10).

    They guard against a regression at the level measured on their first run (top-1 46 of
    48, top-3 48 of 48); earlier fresh sets, now in the repository set, measured top-1 87.5%
    to 91.7% on their first runs.
    """
    cases = json.loads(FRESH.read_text(encoding="utf-8"))
    assert len(cases) >= 40
    assert {case["faq"] for case in cases} == set(range(1, 13))
    top1, top3, misses = accuracy(FRESH)
    assert top1 >= 46 / 48, misses
    assert top3 == 1.0, misses


def assert_well_formed(hits: list[Hit[Faq]] | list[Hit[Cause]]) -> None:
    """A result list: Hits sorted by score, best first."""
    assert isinstance(hits, list)
    scores = [hit.score for hit in hits]
    assert scores == sorted(scores, reverse=True)
    assert all(isinstance(hit, Hit) and isinstance(hit.matched, frozenset) for hit in hits)


@given(st.text(max_size=10_000))
def test_any_text_returns_a_ranked_list(query: str) -> None:
    """Any Unicode query, of any length, returns a sorted list and never raises."""
    index = default_index()
    assert_well_formed(index.faqs(query))
    assert_well_formed(index.causes(query, limit=5))
    assert len(index.closest_faqs(query, 3)) == 3


@given(st.lists(st.sampled_from(["back", "crmap", "warm", "up", "the", "30", "é", "-"])))
def test_any_word_soup_returns_a_ranked_list(words: list[str]) -> None:
    """Mixtures of real words, typos, stop words and punctuation are ranked without errors."""
    assert_well_formed(default_index().faqs(" ".join(words)))


@pytest.mark.parametrize(
    "query",
    [
        "x" * 10_000,
        "stretch " * 1_250,
        " ".join(f"w{i}" for i in range(2_000)),
        "\u0000\ud800\U0010ffff" * 3_000,
        "ｄｏｃｔｏｒ",
    ],
)
def test_huge_and_strange_queries(query: str) -> None:
    """10,000-character and odd Unicode queries are handled."""
    index = default_index()
    assert_well_formed(index.faqs(query))
    assert_well_formed(index.causes(query))
    assert len(index.closest_faqs(query)) == 3


@pytest.mark.parametrize(
    ("query", "cause"), [("9", 9), (" 12 ", 12), ("nerv", 9), ("dehydraton", 1)]
)
def test_filter_causes_finds_numbers_prefixes_and_typos(query: str, cause: int) -> None:
    """The Causes filter, the palette and ``crampui causes`` find a cause by its number too."""
    assert numbers(default_index().filter_causes(query))[:1] == [cause]


def test_a_bare_number_puts_that_faq_first() -> None:
    """Typing an FAQ's number finds it; a number that is no FAQ's still searches the text."""
    assert top(default_index(), "12") == 12
    assert top(default_index(), "15") == 4


def test_filter_causes_drops_passing_mentions() -> None:
    """Only causes scoring a fair share of the best one stay in a filtered list."""
    hits = default_index().filter_causes("nerve")
    assert hits and all(hit.score >= hits[0].score * 0.12 for hit in hits)
    assert len(hits) < len(default_index().causes("nerve"))


@pytest.mark.parametrize(
    ("query", "faq"),
    [("keep the cramps away", 6), ("get the blood flowing", 9), ("ease off mid stretch", 2)],
)
def test_a_phrase_may_have_one_word_inside(query: str, faq: int) -> None:
    """Concept phrases match with a word between their words ("keep ... away")."""
    assert top(default_index(), query) == faq


def test_index_is_built_lazily_from_content(content: Content) -> None:
    """SearchIndex.of is cheap and searches the given content."""
    index = SearchIndex.of(content)
    assert "_engine" not in vars(index)
    assert top(index, "doctor") == 7


@pytest.mark.parametrize(
    ("query", "faq"),
    [
        ("do i need to stop stretching", 2),
        ("should i stop when it cramps", 2),
        ("how do i stop these cramps", 6),
        ("keep them from happening", 6),
    ],
)
def test_stopping_the_stretch_is_not_prevention(query: str, faq: int) -> None:
    """'Stop' is about the stretch when the stretch (or a new clause) follows it, about the
    cramps when they do; 'keep them from ...' is prevention, not keeping on."""
    assert top(default_index(), query) == faq


@pytest.mark.parametrize(
    ("query", "faq"),
    [("how i sit matters?", 8), ("how long do i hold", 4), ("how do i hold it", 4)],
)
def test_stop_words_of_a_phrase_must_be_adjacent(query: str, faq: int) -> None:
    """'how I sit' is posture, but 'how long do I hold' is not 'how I hold'."""
    assert top(default_index(), query) == faq


def test_a_phrase_does_not_reach_across_punctuation_or_a_clause() -> None:
    """'keep ... away' is prevention within a clause, not across a comma or an 'if'."""
    parser = default_index()._engine.parser
    prevention = "prevent"

    def terms(query: str) -> set[str]:
        return {term for concept in parser.parse(query).concepts for term, _ in concept}

    assert prevention in terms("keep the cramps away")
    assert prevention in terms("keep still it goes away")
    assert prevention not in terms("keep still, it goes away")
    assert prevention not in terms("keep still if it goes away")


@pytest.mark.parametrize(
    "query",
    ["who can i talk to about this", "what kind of doctor deals with it", "someone to look at it"],
)
def test_asking_who_to_see_finds_the_doctor_question(query: str) -> None:
    """Asking who to see or talk to is about seeing a professional."""
    assert top(default_index(), query) == 7


@pytest.mark.parametrize(
    ("query", "faq"),
    [("is it ok to stretch with sciatica", 12), ("is it bad to skip the warm up", 9)],
)
def test_question_frames_count_for_nothing(query: str, faq: int) -> None:
    """'Is it ok to ...' asks about what follows, not whether something is normal."""
    assert top(default_index(), query) == faq
    assert not default_index()._engine.parser.parse("is it ok to").concepts


def test_up_is_no_term_but_joins_the_word_before(small: SearchIndex) -> None:
    """'up' alone finds nothing, but 'warm up' in the text meets 'warmup' in a query."""
    assert not small.faqs("up")[0].score
    hit = small.faqs("warmup")[0]
    assert hit.item.number == 5
    assert {"warm", "up"} <= hit.matched


def test_a_joined_pair_is_no_rarer_than_its_synonyms() -> None:
    """'back spasm' stands for 'back cramp' too, so a keyword pair of generic words does not
    outweigh what the query asks ('how to avoid ...' is prevention)."""
    parser = default_index()._engine.parser
    pairs = [c for c in parser.parse("back spasm").concepts if ("backspasm", 0.5) in c]
    assert pairs and any(term == "backcramp" for term, _ in pairs[0])
    assert top(default_index(), "how can i avoid a back spasm") == 6


@pytest.mark.parametrize(
    ("query", "faq"),
    [
        ("my back keeps locking up, is that usual", 1),
        ("my doctor said to stretch but it hurts more", 3),
        ("how do i not get cramps at all", 6),
    ],
)
def test_word_forms_and_reported_advice(query: str, faq: int) -> None:
    """'keeps' is about something recurring; advice someone gave is context, not the topic;
    'not get' is prevention."""
    assert top(default_index(), query) == faq


@pytest.mark.parametrize(
    ("query", "faq"),
    [
        ("who deals with back spasms", 7),
        ("so they never come back", 6),
        ("cramp when i reach for my toes, normal?", 1),
    ],
)
def test_who_treats_coming_back_and_toes(query: str, faq: int) -> None:
    """Who treats it is about seeing someone; cramps not coming back is prevention; toes
    alone are a stretch, not a nerve sign."""
    assert top(default_index(), query) == faq


@pytest.mark.parametrize(
    ("query", "faq"),
    [
        ("when should i worry about these cramps", 7),
        ("cramping after a tough workout", 11),
        ("why does my back do this when i stretch", 1),
    ],
)
def test_when_to_worry_hard_workouts_and_why(query: str, faq: int) -> None:
    """'When should I worry' asks when it is serious; a hard workout is fatigue, not a
    severe pain; 'why does it do this' asks whether it is normal."""
    assert top(default_index(), query) == faq


def test_modifiers_count_less_in_any_inflection() -> None:
    """'ways' and 'making' are modifiers like 'way' and 'make'."""
    parser = default_index()._engine.parser
    for query in ("ways", "making"):
        (concept,) = parser.parse(query).concepts
        assert max(weight for _, weight in concept) <= 0.4


@pytest.mark.parametrize(
    ("query", "faq"),
    [
        ("do lots of people cramp up in yoga", 1),
        ("is stretching good for a bad back or does it hurt it", 3),
        ("will the spasms stop if i stretch more", 6),
        ("the right way to hold your body in a stretch", 8),
    ],
)
def test_people_bad_back_cramps_stopping_and_holding_the_body(query: str, faq: int) -> None:
    """Other people is normality; a bad back is back pain; cramps that stop is prevention;
    holding one's body is posture, not hold time."""
    assert top(default_index(), query) == faq


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("knee to chest", ["knee-to-chest"]),
        ("hug", ["knee-to-chest"]),
        ("buttock stretch", ["glute-stretch"]),
        ("stretch", []),  # every stretch is one: no hit on that word alone
        ("how long to hold", []),  # only words every stretch shares
    ],
)
def test_stretches_are_found_by_their_words(query: str, found: list[str]) -> None:
    from crampui.content.search import default_index

    assert [hit.item.id for hit in default_index().stretches(query)] == found
