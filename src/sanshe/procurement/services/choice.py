"""Residents' choice (点单): verified residents of the served communities choose or rank the bids."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common.refusals import require
from sanshe.procurement import refusals
from sanshe.procurement.models import Bid, BidStatus, Choice, Project, VotingMode
from sanshe.procurement.services._dated import dated, in_phase


@dated
@transaction.atomic
def choose(*, actor, project: Project, bids: list) -> list[Choice]:
    """A verified resident of a served community chooses bids (approval) or ranks them, best first.

    Choosing again replaces the resident's earlier choices for this call; an empty list withdraws them.
    """
    require(actor, "procurement.choose", project, refusals.NOT_SERVED_RESIDENT)
    in_phase(project, "choice", refusals.NOT_CHOICE)
    ids = [getattr(b, "pk", b) for b in bids]
    if len(ids) != len(set(ids)):
        raise ValidationError(_("同一个投标只能选一次。"))
    chosen = {b.pk: b for b in Bid.objects.filter(project=project, status=BidStatus.SUBMITTED, pk__in=ids)}
    if len(chosen) != len(ids):
        raise ValidationError(_("有的投标不属于本次征集，或已撤回。"))
    # One resident's choices are replaced one request at a time: the second of two simultaneous
    # re-choices waits here, then replaces the first's (instead of colliding on choice_once_per_resident).
    get_user_model().objects.select_for_update().only("pk").get(pk=actor.pk)
    Choice.objects.filter(bid__project=project, resident=actor).delete()
    ranking = project.voting_mode == VotingMode.RANKING
    return Choice.objects.bulk_create(
        [
            Choice(bid=chosen[bid_id], resident=actor, rank=(position + 1) if ranking else None)
            for position, bid_id in enumerate(ids)
        ]
    )
