import datetime
from zoneinfo import ZoneInfo

import pytest

from sanshe.common import clock

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_frozen_clock_replays_a_moment_and_then_runs_again():
    moment = datetime.datetime(2025, 3, 1, 23, 30, tzinfo=SHANGHAI)
    with clock.frozen_at(moment):
        assert clock.now() == moment
        assert clock.today() == datetime.date(2025, 3, 1)
    assert clock.now() > moment


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError), clock.frozen_at(datetime.datetime(2025, 3, 1)):
        pass
