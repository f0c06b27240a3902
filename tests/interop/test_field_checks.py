"""The import's field checks say exactly what Django's clean_fields() says, for good and bad values."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sanshe.directory.models import CostOption, Location, Organization, Schedule, Service
from sanshe.interop.field_checks import FieldChecks


def outcome(check, instance):
    try:
        check(instance)
    except ValidationError as exc:
        return exc.message_dict
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.fields if not f.is_relation}


def both(model, values):
    theirs = outcome(
        lambda i: i.clean_fields(exclude=[f.name for f in model._meta.concrete_fields if f.is_relation]),
        model(**values),
    )
    ours = outcome(FieldChecks(model).clean_fields, model(**values))
    return theirs, ours


GOOD_SERVICE = {"id": uuid.uuid4(), "name": "长者助餐", "description": "社区食堂", "status": "active"}


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (Service, GOOD_SERVICE),
        (Service, GOOD_SERVICE | {"name": ""}),
        (Service, GOOD_SERVICE | {"name": "长" * 1000}),
        (Service, GOOD_SERVICE | {"status": "closed-forever"}),
        (Service, GOOD_SERVICE | {"status": None, "description": None}),
        (Service, GOOD_SERVICE | {"email": "不是邮箱", "url": "nowhere", "minimum_age": -1}),
        (Service, GOOD_SERVICE | {"id": "not-a-uuid", "name": 12}),
        (Organization, {"id": uuid.uuid4(), "name": "机构", "description": "d", "kind": "nonsense"}),
        (Location, {"id": uuid.uuid4(), "name": "站", "location_type": "physical", "country": "CN"}),
        (Location, {"id": uuid.uuid4(), "name": "站", "location_type": "physical", "latitude": Decimal("123.4567891")}),
        (Location, {"id": uuid.uuid4(), "name": "站", "location_type": "", "country": ""}),
        (Schedule, {"id": uuid.uuid4(), "freq": "WEEKLY", "interval": 1, "opens_at": datetime.time(9)}),
        (Schedule, {"id": uuid.uuid4(), "freq": "HOURLY", "interval": 0, "byday": "X" * 500}),
        (
            CostOption,
            {"id": uuid.uuid4(), "amount_fen": 800, "currency": "CNY", "valid_from": datetime.date(2024, 1, 1)},
        ),
        (CostOption, {"id": uuid.uuid4(), "amount_fen": None, "currency": "C" * 50}),
    ],
)
def test_the_same_errors_and_values_as_clean_fields(model, values):
    theirs, ours = both(model, values)
    assert ours == theirs
