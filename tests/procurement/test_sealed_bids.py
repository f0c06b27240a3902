"""Issue 12 §2: bids are sealed until the opening at the end of submission, for everyone including the
buyer; residents' choice totals are secret until the choice period ends, for everyone. Every phase x
role, through the evaluation page, the call page, the results API and a bid's private document."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from sanshe.procurement import services
from tests.factories import UserFactory
from tests.procurement.conftest import DURING

PHASES = ["submission", "choice", "evaluation", "decision"]
ROLES = ["anonymous", "resident", "bidder", "other_bidder", "buyer", "district", "evaluator", "superuser"]
# Who sees the evaluation page (names, prices, points) once the choice period has ended; nobody before.
SEE_SCORES = {"buyer", "district", "evaluator"}


@pytest.fixture
def scene(world, call, bids, panel, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    document = services.add_bid_document(
        actor=world.staff[0],
        bid=bids[0],
        title="服务方案",
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf"),
        public=False,
        now=DURING["submission"],
    )
    services.choose(actor=world.residents[0], project=call, bids=[bids[1]], now=DURING["choice"])
    people = {
        "resident": world.residents[1],
        "bidder": world.staff[0],
        "other_bidder": world.staff[1],
        "buyer": world.buyer,
        "district": world.district,
        "evaluator": world.evaluators[0],
        "superuser": UserFactory(username="root", is_staff=True, is_superuser=True),
    }
    return call, document, people


def each_role(people):
    """(role, a client logged in as it) for every role: one call set-up serves the whole row of the matrix."""
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(people[role])
        yield role, client


@pytest.mark.parametrize("phase", PHASES)
def test_the_evaluation_page_opens_only_after_the_choice_period(world, scene, at, phase):
    call, _document, people = scene
    at(DURING[phase])
    for role, client in each_role(people):
        response = client.get(f"/procurement/{call.pk}/evaluation/")
        allowed = role in SEE_SCORES and phase in {"evaluation", "decision"}
        assert (response.status_code == 200) is allowed, role
        if not allowed:
            assert world.orgs[0].name not in response.text and "250,000" not in response.text


@pytest.mark.parametrize("phase", PHASES)
def test_the_call_page_names_no_bidder_before_the_opening(world, scene, at, phase):
    call, _document, people = scene
    at(DURING[phase])
    for role, client in each_role(people):
        text = client.get(f"/procurement/{call.pk}/").text
        named = world.orgs[2].name in text
        assert named is (phase != "submission"), role


@pytest.mark.parametrize("phase", PHASES)
def test_choice_totals_are_published_only_after_the_choice_period(scene, at, phase):
    call, _document, people = scene
    at(DURING[phase])
    for role, client in each_role(people):
        results = client.get(f"/api/procurement/calls/{call.pk}/results").json()
        published = phase in {"evaluation", "decision"}
        assert results["published"] is published, role
        assert bool(results["rows"]) is published


@pytest.mark.parametrize("phase", PHASES)
def test_a_private_bid_document_reaches_the_buyer_only_after_the_opening(scene, at, phase):
    _call, document, people = scene
    at(DURING[phase])
    for role, client in each_role(people):
        status = client.get(f"/procurement/documents/{document.pk}/").status_code
        allowed = role == "bidder" or (role in {"buyer", "district"} and phase != "submission")
        assert (status == 200) is allowed, role
