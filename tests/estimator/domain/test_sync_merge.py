"""The check-in's three-way merge: by hand on the cases that matter, then by property over
random case graphs (hypothesis)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from estimator.domain.sync_merge import Graph, Key, Row, applied, merge

CASE: Key = ("cases", "c1")
LINE: Key = ("estimate_lines", "l1")


def test_a_change_made_only_on_the_laptop_goes_up_with_the_counter_moved() -> None:
    base = {CASE: {"plate": "浙A1", "assessor": "wang", "row_version": 3}}
    mine = {CASE: {"plate": "浙A2", "assessor": "wang", "row_version": 4}}
    result = merge(base, mine, base)
    assert result.clashes == () and result.changed_here
    assert result.writes == {CASE: mine[CASE]}


def test_changes_to_different_fields_of_one_row_both_survive() -> None:
    base = {CASE: {"plate": "浙A1", "assessor": "wang", "row_version": 3}}
    mine = {CASE: {"plate": "浙A2", "assessor": "wang", "row_version": 4}}
    theirs = {CASE: {"plate": "浙A1", "assessor": "chen", "row_version": 5}}
    result = merge(base, mine, theirs)
    assert result.clashes == ()
    # Both edits kept; the counter moves past both, so an editor open on the server is stale.
    assert result.writes == {CASE: {"plate": "浙A2", "assessor": "chen", "row_version": 6}}


def test_one_field_changed_both_ways_is_a_clash_settled_only_by_the_choice() -> None:
    base = {CASE: {"plate": "浙A1", "row_version": 3}}
    mine = {CASE: {"plate": "浙A2", "row_version": 4}}
    theirs = {CASE: {"plate": "浙A9", "row_version": 4}}
    kept = merge(base, mine, theirs)
    [clash] = kept.clashes
    assert (clash.key, clash.column, clash.base, clash.mine, clash.theirs) == (
        CASE,
        "plate",
        "浙A1",
        "浙A2",
        "浙A9",
    )
    reapplied = merge(base, mine, theirs, mine_wins=True)
    assert reapplied.writes == {CASE: {"plate": "浙A2", "row_version": 5}}


def test_a_row_deleted_here_and_changed_there_is_a_whole_row_clash() -> None:
    base = {LINE: {"qty": "1"}}
    theirs = {LINE: {"qty": "2"}}
    result = merge(base, {}, theirs)
    [clash] = result.clashes
    assert clash.column is None and clash.mine is None and clash.theirs == "present"
    assert merge(base, {}, theirs, mine_wins=True).writes == {LINE: None}


def test_a_line_replaced_on_the_laptop_deletes_the_old_and_inserts_the_new() -> None:
    base = {LINE: {"qty": "1"}}
    mine = {("estimate_lines", "l2"): {"qty": "3"}}
    result = merge(base, mine, base)
    assert result.writes == {LINE: None, ("estimate_lines", "l2"): {"qty": "3"}}


def test_nothing_changed_on_the_laptop_writes_nothing_whatever_the_server_did() -> None:
    base = {CASE: {"plate": "浙A1"}}
    result = merge(base, base, {CASE: {"plate": "浙B1"}, LINE: {"qty": "1"}})
    assert result.writes == {} and result.clashes == () and not result.changed_here


# -- properties over random graphs ---------------------------------------------------------

KEYS = st.tuples(st.sampled_from(["cases", "estimates"]), st.sampled_from(["a", "b", "c"]))
ROWS = st.fixed_dictionaries(
    {"x": st.sampled_from(["1", "2", "3"]), "y": st.sampled_from([None, True, False])}
)
GRAPHS = st.dictionaries(KEYS, ROWS, max_size=4)


def _edit(base: Graph, edits: dict[Key, Row | None]) -> dict[Key, Row]:
    return applied(base, edits)


EDITS = st.dictionaries(KEYS, st.one_of(st.none(), ROWS), max_size=4)


@settings(deadline=None)
@given(GRAPHS, EDITS)
def test_with_the_server_unchanged_the_result_is_the_laptops_case(base: Graph, edits: dict) -> None:  # type: ignore[type-arg]
    mine = _edit(base, edits)
    result = merge(base, mine, base)
    assert result.clashes == ()
    assert applied(base, result.writes) == mine


@settings(deadline=None)
@given(GRAPHS, EDITS)
def test_with_the_laptop_unchanged_the_server_stays_as_it_is(base: Graph, edits: dict) -> None:  # type: ignore[type-arg]
    theirs = _edit(base, edits)
    result = merge(base, base, theirs)
    assert result.writes == {} and result.clashes == ()


@settings(deadline=None)
@given(GRAPHS, EDITS, EDITS)
def test_the_merge_is_the_same_from_either_side(base: Graph, here: dict, there: dict) -> None:  # type: ignore[type-arg]
    mine, theirs = _edit(base, here), _edit(base, there)
    one, other = merge(base, mine, theirs), merge(base, theirs, mine)
    assert bool(one.clashes) == bool(other.clashes)
    if not one.clashes:
        assert applied(theirs, one.writes) == applied(mine, other.writes)


@settings(deadline=None)
@given(GRAPHS, EDITS, EDITS)
def test_each_side_keeps_what_only_it_changed_and_reapply_takes_the_laptops_clashes(
    base: Graph,
    here: dict,  # type: ignore[type-arg]
    there: dict,  # type: ignore[type-arg]
) -> None:
    mine, theirs = _edit(base, here), _edit(base, there)
    result = merge(base, mine, theirs, mine_wins=True)
    merged = applied(theirs, result.writes)
    for key in set(base) | set(mine) | set(theirs):
        was, m, t = base.get(key), mine.get(key), theirs.get(key)
        if m == was:
            assert merged.get(key) == t
        elif t == was or m is None or t is None:
            assert merged.get(key) == m
        else:
            for column in m:
                expected = t[column] if m[column] == (was or {}).get(column) else m[column]
                assert merged[key][column] == expected


def test_a_versions_lines_are_merged_as_one_set_saved_whole() -> None:
    groups = {"estimate_lines": "estimate_id"}
    old = {("estimate_lines", "l1"): {"estimate_id": "e1", "qty": "1"}}
    mine = {("estimate_lines", "l2"): {"estimate_id": "e1", "qty": "3"}}
    theirs = {("estimate_lines", "l3"): {"estimate_id": "e1", "qty": "2"}}
    # Both sides saved the version's lines again: one clash, never both sets of lines.
    result = merge(old, mine, theirs, groups=groups)
    [clash] = result.clashes
    assert clash.key == ("estimate_lines", "e1") and clash.column is None
    assert (clash.base, clash.mine, clash.theirs) == (1, 1, 1)
    reapplied = merge(old, mine, theirs, groups=groups, mine_wins=True)
    assert applied(theirs, reapplied.writes) == mine
    # Only the laptop saved: its set replaces the server's.
    assert applied(old, merge(old, mine, old, groups=groups).writes) == mine
    # Only the server saved: nothing written.
    assert merge(old, old, theirs, groups=groups).writes == {}
