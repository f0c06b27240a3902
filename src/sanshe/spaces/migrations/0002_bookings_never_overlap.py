"""On PostgreSQL, bookings holding time in one space never overlap: an exclusion constraint over
(space, [start, blocked_until)) with btree_gist. SQLite has no such constraint; the service checks the same
rule inside its IMMEDIATE transaction (sanshe.spaces.services)."""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations
from django.db.models import Func, Q

HOLDS_TIME = ("pending", "confirmed", "checked_in")
NAME = "booking_no_overlap_in_space"


class TsTzRange(Func):
    function = "TSTZRANGE"
    output_field = DateTimeRangeField()


def constraint():
    return ExclusionConstraint(
        name=NAME,
        expressions=[
            ("space", RangeOperators.EQUAL),
            (TsTzRange("start", "blocked_until", RangeBoundary()), RangeOperators.OVERLAPS),
        ],
        condition=Q(status__in=HOLDS_TIME),
    )


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_constraint(apps.get_model("spaces", "Booking"), constraint())


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_constraint(apps.get_model("spaces", "Booking"), constraint())


class Migration(migrations.Migration):
    dependencies = [("spaces", "0001_spaces_bookings_rounds")]

    operations = [BtreeGistExtension(), migrations.RunPython(add, remove)]
