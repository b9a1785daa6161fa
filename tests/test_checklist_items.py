"""The user's checklist as pure functions: built-ins merged with own items and settings."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from crampui.checklist import items
from crampui.content.store import Content
from crampui.history import HistoryStore
from crampui.history.item_settings import MAX_LABEL_LENGTH, ItemSetting

Settings = list[ItemSetting]


def applied(settings: Sequence[ItemSetting], changes: Sequence[ItemSetting]) -> Settings:
    """``settings`` with ``changes`` stored over them, as the store keeps them."""
    merged = {s.item_id: s for s in settings}
    merged.update((c.item_id, c) for c in changes)
    return sorted(merged.values(), key=lambda s: (s.position, s.item_id))


def ids(content: Content, settings: Sequence[ItemSetting]) -> list[str]:
    """The visible ids, in order."""
    return [entry.id for entry in items.visible(content, settings)]


def test_without_settings_the_checklist_is_the_built_in_one(content: Content) -> None:
    entries = items.entries(content, [])
    assert [e.id for e in entries] == [i.id for i in content.checklist]
    assert [e.position for e in entries] == list(range(1, len(content.checklist) + 1))
    assert not any(e.own or e.hidden for e in entries)
    assert entries[0].item == content.checklist[0]


def test_add_appends_an_own_item_with_its_causes(content: Content) -> None:
    new_id, changes = items.add(content, [], "  Took\tmagnesium ", "before bed", [4, 1, 4])
    assert new_id == "own-took-magnesium"
    settings = applied([], changes)
    last = items.entries(content, settings)[-1]
    assert (last.id, last.label, last.item.detail) == (new_id, "Took magnesium", "before bed")
    assert last.item.causes == (1, 4)
    assert last.own and last.marks == ("your item",)
    assert [c.number for c in content.causes_for(last.item)] == [1, 4]


def test_own_ids_are_never_reused_even_after_hiding(content: Content) -> None:
    first, changes = items.add(content, [], "Took magnesium")
    settings = applied([], changes)
    second, changes = items.add(content, settings, "Stretched in the morning")
    settings = applied(settings, changes)
    settings = applied(settings, items.hide(content, settings, first))
    third, changes = items.add(content, settings, "Took magnesium!")
    settings = applied(settings, changes)
    assert (first, second) == ("own-took-magnesium", "own-stretched-in-the-morning")
    assert third == "own-took-magnesium-2", "a hidden item keeps its id"
    with pytest.raises(ValueError, match=r"own-took-magnesium \(hidden\) already has the label"):
        items.add(content, settings, "took  MAGNESIUM")


def test_the_same_item_added_on_two_computers_gets_one_id(content: Content) -> None:
    """Two copies of a history merge record by record: equal labels must mean equal ids, and
    different labels different ids, whatever else each computer added before."""
    laptop = applied([], items.add(content, [], "Band stretches")[1])
    here, _ = items.add(content, laptop, "Took magnesium")
    there, _ = items.add(content, [], "Took magnesium")
    assert here == there
    assert items.add(content, [], "Magnésium")[0] == "own-magnesium"
    japanese = items.add(content, [], "マグネシウム")[0]
    assert japanese == items.add(content, laptop, "マグネシウム")[0] != "own-"
    assert japanese != items.add(content, [], "ストレッチ")[0]
    assert items.add(content, [], "Hydrate")[0] == "own-hydrate", "not the built-in id"


def test_hide_and_show_keep_the_item_and_its_label(content: Content) -> None:
    settings = applied([], items.hide(content, [], "posture"))
    assert "posture" not in ids(content, settings)
    hidden = items.find(content, settings, "posture")
    assert hidden.hidden and hidden.marks == ("hidden",)
    assert items.label_of(content, settings, "posture") == content.item("posture").label
    settings = applied(settings, items.show(content, settings, "posture"))
    assert ids(content, settings) == [i.id for i in content.checklist]


def test_rename_keeps_the_id_detail_and_causes(content: Content) -> None:
    settings = applied([], items.rename(content, [], "hydrate", "Water, a big glass"))
    entry = items.find(content, settings, "hydrate")
    assert entry.label == "Water, a big glass"
    assert entry.item.detail == content.item("hydrate").detail
    assert entry.item.causes == content.item("hydrate").causes
    back = items.rename(content, settings, "hydrate", content.item("hydrate").label)
    assert back[0].label == ""  # the built-in wording again


def test_rename_an_own_item(content: Content) -> None:
    own, changes = items.add(content, [], "Took magnesium", causes=[4])
    settings = applied([], changes)
    settings = applied(settings, items.rename(content, settings, own, "Magnesium tablet"))
    entry = items.find(content, settings, own)
    assert (entry.label, entry.own, entry.item.causes) == ("Magnesium tablet", True, (4,))


def test_move_puts_the_item_at_a_one_based_position(content: Content) -> None:
    own, changes = items.add(content, [], "Took magnesium")
    settings = applied([], changes)
    settings = applied(settings, items.move(content, settings, own, 1))
    assert ids(content, settings)[0] == own
    settings = applied(settings, items.move(content, settings, "hydrate", 10))
    assert ids(content, settings)[-1] == "hydrate"
    assert [e.position for e in items.entries(content, settings)] == list(range(1, 11))


def test_move_writes_only_the_items_whose_place_changes(content: Content) -> None:
    changes = items.move(content, [], "loosen", 3)  # swap warm-up (3rd) and loosen (4th)
    assert sorted(c.item_id for c in changes) == ["loosen", "warm-up"]
    assert items.move(content, [], "hydrate", 1) == []


def test_hidden_items_count_for_positions(content: Content) -> None:
    settings = applied([], items.hide(content, [], "hydrate"))
    settings = applied(settings, items.move(content, settings, "posture", 1))
    assert [e.id for e in items.entries(content, settings)][:2] == ["posture", "hydrate"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda c, s: items.hide(c, s, "postur"), "no checklist item 'postur'; did you mean"),
        (lambda c, s: items.show(c, s, "posture"), "posture is not hidden"),
        (lambda c, s: items.rename(c, s, "hydrate", " \t "), "a label cannot be empty"),
        (
            lambda c, s: items.rename(c, s, "hydrate", "x" * (MAX_LABEL_LENGTH + 1)),
            f"a label is at most {MAX_LABEL_LENGTH} characters; this one has 81",
        ),
        (lambda c, s: items.add(c, s, "ok", causes=[0, 13]), "no causes 0, 13"),
        (lambda c, s: items.move(c, s, "hydrate", 0), "position must be from 1 to 9, got 0"),
        (lambda c, s: items.move(c, s, "hydrate", 10), "position must be from 1 to 9"),
        (lambda c, s: items.add(c, s, "ok", "d" * 501), "a detail is at most 500"),
    ],
    ids=["unknown", "not-hidden", "empty", "long", "causes", "pos-0", "pos-10", "detail"],
)
def test_bad_changes_say_what_is_wrong(content: Content, change: object, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message.replace("(", r"\(")):
        change(content, [])  # type: ignore[operator]


def test_did_you_mean_covers_own_and_hidden_ids(content: Content) -> None:
    own, changes = items.add(content, [], "Took magnesium")
    settings = applied([], changes)
    settings = applied(settings, items.hide(content, settings, own))
    with pytest.raises(ValueError, match=r"did you mean 'own-took-magnesium'\?"):
        items.show(content, settings, "own-tok-magnesium")


def test_the_last_shown_item_cannot_be_hidden(content: Content) -> None:
    settings: Settings = []
    for item in content.checklist[1:]:
        settings = applied(settings, items.hide(content, settings, item.id))
    assert ids(content, settings) == ["hydrate"]
    with pytest.raises(ValueError, match="last item shown"):
        items.hide(content, settings, "hydrate")


def test_label_of_unknown_ids_is_the_id(content: Content) -> None:
    assert items.label_of(content, [], "own-77") == "own-77"


def test_settings_for_items_the_content_lost_are_ignored(content: Content) -> None:
    gone = ItemSetting("stretch-twice", 0, label="Old item")
    assert ids(content, [gone]) == [i.id for i in content.checklist]


def test_parse_causes(content: Content) -> None:
    assert items.parse_causes(content, "5, 3 5") == (3, 5)
    assert items.parse_causes(content, "") == ()
    with pytest.raises(ValueError, match="causes are numbers like 3 5, not 'x'"):
        items.parse_causes(content, "3 x")


def test_red_flag_item_is_known(content: Content) -> None:
    entries = {e.id: e for e in items.entries(content, [])}
    assert items.guards_red_flag(content, entries["no-nerve-symptoms"])
    assert not items.guards_red_flag(content, entries["hydrate"])


def test_changes_round_trip_through_the_store(content: Content, tmp_path: Path) -> None:
    store = HistoryStore(tmp_path / "h.json")
    own, changes = items.add(content, store.item_settings(), "Took [b]magnesium[/]", causes=[4])
    store.put_item_settings(changes)
    store.put_item_settings(items.move(content, store.item_settings(), own, 2))
    store.put_item_settings(items.hide(content, store.item_settings(), "posture"))
    reopened = HistoryStore(tmp_path / "h.json").item_settings()
    assert ids(content, reopened)[:2] == ["hydrate", own]
    assert "posture" not in ids(content, reopened)
    assert items.label_of(content, reopened, own) == "Took [b]magnesium[/]"


def test_the_report_names_own_renamed_and_hidden_items(content: Content, tmp_path: Path) -> None:
    from datetime import date, datetime, timezone

    from crampui.history import ItemRecord
    from crampui.insights.report import gather

    store = HistoryStore(tmp_path / "h.json")
    own, changes = items.add(content, [], "Took magnesium")
    store.put_item_settings(changes)
    store.add_session([ItemRecord(own, "done"), ItemRecord("posture", "skipped")])
    store.put_item_settings(items.hide(content, store.item_settings(), "posture"))
    store.put_item_settings(items.rename(content, store.item_settings(), "posture", "Spine"))
    store.add_session([ItemRecord(own, "done"), ItemRecord("gone-item", "done")])
    today = datetime.now(timezone.utc).astimezone().date()
    data = gather(
        store.sessions(), content, date(2000, 1, 1), today, datetime.now(timezone.utc),
        settings=store.item_settings(),
    )  # fmt: skip
    assert set(data.items) == {
        ("Took magnesium", 2, 0, 2),
        ("Spine", 0, 1, 1),
        ("gone-item", 1, 0, 1),
    }
