"""What every procurement service shares: the clock and the phase check."""

import functools

from sanshe.common import clock
from sanshe.common.refusals import refuse


def dated(service):
    """Let a caller say when the action happens (`now=`): the service then reads that moment from
    `clock.now()`, the same way the demo replays the past with `clock.frozen_at`."""

    @functools.wraps(service)
    def at(*args, now=None, **kwargs):
        if now is None:
            return service(*args, **kwargs)
        with clock.frozen_at(now):
            return service(*args, **kwargs)

    return at


def in_phase(project, phase: str, message):
    """Refuse unless the published call is in this phase now."""
    if project.phase(clock.now()) != phase:
        refuse(message)
