"""A resident's data download holds the bids they chose (点单)."""

from sanshe.needs.services import export_my_data
from sanshe.procurement import services
from tests.procurement.conftest import DURING


def test_the_download_holds_my_choices_and_not_my_neighbours(world, call, bids):
    services.choose(actor=world.residents[0], project=call, bids=[bids[1]], now=DURING["choice"])
    services.choose(actor=world.residents[1], project=call, bids=[bids[0]], now=DURING["choice"])
    mine = export_my_data(user=world.residents[0])["procurement_choices"]
    assert [(c["project"], c["organization"]) for c in mine] == [(call.name, bids[1].organization.name)]
