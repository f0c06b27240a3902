"""The demo city's places: three districts, their streets and communities with their profiles.

Written directly, in bulk: no service creates districts, streets or communities (operators load the
administrative map once, as an import would). `places.services` only changes a community's profile
figures, which the plan already holds, so going through it would write every community twice.
"""

import datetime

from sanshe.demo import plan
from sanshe.places.models import Community, District, Street


def load(as_of: datetime.date) -> None:
    city = plan.current()
    District.objects.bulk_create(city.districts.values())
    Street.objects.bulk_create(city.streets.values())
    Community.objects.bulk_create(city.communities.values(), batch_size=500)
