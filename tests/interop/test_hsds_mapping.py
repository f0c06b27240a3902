"""The pure parts of the HSDS mapping: money, ids, times."""

import datetime
import uuid

import pytest

from sanshe.common.money import fen_to_yuan
from sanshe.interop import hsds


@pytest.mark.parametrize(("amount_fen", "amount"), [(0, 0.0), (100, 1.0), (150, 1.5), (99, 0.99), (123456, 1234.56)])
def test_fen_are_exported_as_yuan_and_read_back_exactly(amount_fen, amount):
    assert fen_to_yuan(amount_fen) == amount
    assert hsds.fen(fen_to_yuan(amount_fen)) == amount_fen
    assert hsds.fen(str(fen_to_yuan(amount_fen))) == amount_fen


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        ("abc", "not_a_number"),
        ("-1", "negative"),
        ("1.234", "too_precise"),
        ("NaN", "not_a_number"),
        (True, "not_a_number"),
        ("1e12", "too_large"),
    ],
)
def test_bad_amounts_are_refused_not_rounded(amount, code):
    with pytest.raises(hsds.BadValue) as caught:
        hsds.fen(amount)
    assert caught.value.code == code


def test_uuid_ids_are_kept_and_other_ids_map_deterministically():
    kept = "ac148810-d857-441c-9679-408f346de14b"
    assert hsds.to_uuid(kept) == uuid.UUID(kept)
    assert hsds.to_uuid("svc-1") == hsds.to_uuid("svc-1") != hsds.to_uuid("svc-2")
    assert hsds.to_uuid("42") == uuid.uuid5(hsds.NAMESPACE, "42")


@pytest.mark.parametrize("value", [42, ["a", "b"], {"id": "a"}, None, True])
def test_an_id_that_is_not_text_is_refused_not_turned_into_one(value):
    with pytest.raises(hsds.BadValue) as caught:
        hsds.to_uuid(value)
    assert caught.value.code == "not_text"


@pytest.mark.parametrize("value", ["1400", "14", "2pm"])
def test_a_time_without_a_colon_is_refused(value):
    with pytest.raises(hsds.BadValue) as caught:
        hsds.parse_time(value)
    assert caught.value.code == "bad_time"


@pytest.mark.parametrize("typo", ["ac148810-d857-441c-9679-408f346de14", "zc148810-d857-441c-9679-408f346de14b"])
def test_a_uuid_with_a_typo_is_an_error_not_a_new_id(typo):
    with pytest.raises(hsds.BadValue) as caught:
        hsds.to_uuid(typo)
    assert caught.value.code == "bad_uuid"


def test_child_ids_are_stable_per_parent_and_kind():
    parent = uuid.uuid4()
    assert hsds.child_id(parent, "phone") == hsds.child_id(str(parent), "phone")
    assert hsds.child_id(parent, "phone") != hsds.child_id(parent, "address")
    assert hsds.child_id(parent, "phone") != hsds.child_id(uuid.uuid4(), "phone")


@pytest.mark.parametrize(
    ("text", "time"),
    [("14:00", datetime.time(14)), ("09:30:00", datetime.time(9, 30)), ("10:00:00+08:00", datetime.time(10))],
)
def test_times(text, time):
    assert hsds.parse_time(text) == time


@pytest.mark.parametrize("text", ["25:00", "2pm", "14h"])
def test_bad_times(text):
    with pytest.raises(hsds.BadValue):
        hsds.parse_time(text)


def test_page_object():
    assert hsds.page(["a", "b"], total_items=5, page_number=1, per_page=2) == {
        "total_items": 5,
        "total_pages": 3,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": False,
        "empty": False,
        "contents": ["a", "b"],
    }
    assert hsds.page([], 0, 1, 20)["empty"] is True


def test_sanshe_taxonomies_are_recognised_by_uri():
    assert hsds.role_for_uri(hsds.SANSHE_TAXONOMY_URI.format(role="domain")) == "domain"
    assert hsds.role_for_uri("https://openeligibility.org") is None
