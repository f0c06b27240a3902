import pytest

from sanshe.common.workflow import Workflow

DOOR = Workflow(
    "door",
    {"closed": frozenset({"open", "locked"}), "open": frozenset({"closed"}), "locked": frozenset({"closed"})},
    live=frozenset({"open"}),
)


def test_the_table_is_the_whole_truth():
    assert DOOR.can_move("closed", "open")
    assert not DOOR.can_move("locked", "open")
    assert not DOOR.can_move("nowhere", "open")
    assert DOOR.targets("open") == {"closed"}
    assert DOOR.offered("closed", ["locked", "open", "closed"]) == ["locked", "open"]


def test_final_states_have_no_way_out():
    table = Workflow("t", {"a": frozenset({"b"}), "b": frozenset()})
    assert table.final == {"b"}
    assert table.states == {"a", "b"}


def test_a_transition_to_an_undeclared_state_is_a_mistake():
    with pytest.raises(ValueError, match="undeclared"):
        Workflow("broken", {"a": frozenset({"b"})})
