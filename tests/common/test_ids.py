import uuid

from sanshe.common.ids import derived_id, deterministic, new_id, parse_uuid

NAMESPACE = uuid.UUID("5a3e5e00-de30-4c17-a7e1-000000002026")


def test_new_ids_are_random_outside_the_demo():
    assert new_id() != new_id()
    assert new_id().version == 4


def test_deterministic_ids_repeat_between_runs_and_end_with_the_block():
    with deterministic(NAMESPACE, "funds"):
        first = [new_id(), new_id()]
    with deterministic(NAMESPACE, "funds"):
        second = [new_id(), new_id()]
    with deterministic(NAMESPACE, "needs"):
        other = new_id()
    assert first == second
    assert first[0] != first[1]
    assert other not in first
    assert new_id().version == 4


def test_derived_ids_depend_on_the_whole_key():
    assert derived_id(NAMESPACE, "fund", 1) == derived_id(NAMESPACE, "fund", "1")
    assert derived_id(NAMESPACE, "fund", 1) != derived_id(NAMESPACE, "fund", 2)


def test_parse_uuid_accepts_only_uuids():
    value = uuid.uuid4()
    assert parse_uuid(str(value)) == value
    assert parse_uuid(f" {value} ") == value
    assert parse_uuid(value) is value
    for rubbish in ["", "abc", ["a", "b"], 12, None, {"id": str(value)}]:
        assert parse_uuid(rubbish) is None
