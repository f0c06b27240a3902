"""What procurement tells the rest of the platform. Each hook is called once the change is committed;
the notifications app connects here (one line in its AppConfig.ready: `events.project_terminated.connect(...)`)
to tell the people concerned. Until then the change is recorded in the project's history only."""

from django.dispatch import Signal

# Sent with project=, outcome= (cancelled or unsuccessful), reason= and bidders= (the organizations
# whose bids were submitted or withdrawn: they prepared an offer and must hear that the call is over).
project_terminated_signal = Signal()


def project_terminated(project, *, outcome: str, reason: str) -> list:
    """A project stopped before its contract: tell whoever listens, with the bidders to notify."""
    bidders = [bid.organization for bid in project.bids.select_related("organization").order_by("submitted_at")]
    project_terminated_signal.send(
        sender=type(project), project=project, outcome=outcome, reason=reason, bidders=bidders
    )
    return bidders
