"""Funding in the standards: HSDS `funding` on organizations and services, strictly valid; a foundation's
grant call in OCDS, valid, with the foundation as buyer and funder and 资助申请 as the method's details."""

import datetime
import json

import pytest
from django.core.management import call_command

from sanshe.directory.models import OrganizationKind
from sanshe.funds import services as funds_services
from sanshe.funds.models import Funder, FunderKind
from sanshe.people.models import RoleKind
from sanshe.procurement import services
from tests.factories import OrganizationFactory, UserFactory, give_role
from tests.interop.data import full_service
from tests.interop.schemas import assert_page, assert_valid, compiled
from tests.interop.test_ocds import assert_valid as assert_valid_ocds
from tests.procurement.conftest import DURING, draft, make_bids, make_world, publish, score_all
from tests.procurement.test_grant_calls import GRANT_CRITERIA


@pytest.fixture
def funded_service(db):
    """A service whose organization has a World Bank programme grant and a company's CSR gift this year."""
    service = full_service()
    organization = service.organization
    admin = UserFactory(username="org_admin")
    give_role(admin, RoleKind.ORG_ADMIN, organization=organization)
    year = datetime.date.today().year
    for name, kind, amount in (
        ("世界银行社区发展项目", FunderKind.INTERNATIONAL, 300_000),
        ("蓉城电力", FunderKind.COMPANY, 100_000),
    ):
        funder = Funder.objects.create(name=name, kind=kind)
        funds_services.record_funding(
            actor=admin, organization=organization, funder=funder, year=year, amount_fen=amount
        )
    return service


def test_an_organizations_funding_is_strictly_valid_hsds(client, funded_service):
    body = client.get(f"/hsds/organizations/{funded_service.organization_id}").json()
    assert_valid(body, compiled("organization"))
    sources = [f["source"] for f in body["funding"]]
    assert sources[0].startswith("世界银行社区发展项目（国际援助）") and sources[0].endswith("占 75.0%")
    assert sources[1].startswith("蓉城电力（企业社会责任）")
    assert {f["organization_id"] for f in body["funding"]} == {str(funded_service.organization_id)}


def test_a_services_funding_is_its_organizations_and_strictly_valid(client, funded_service):
    body = client.get(f"/hsds/services/{funded_service.id}").json()
    assert_valid(body, compiled("service"))
    assert [f["service_id"] for f in body["funding"]] == [str(funded_service.id)] * 2
    assert "世界银行" in body["funding"][0]["source"]
    page = client.get("/hsds/services", {"full": "true"}).json()
    assert_page(page, compiled("service"))
    assert len(page["contents"][0]["funding"]) == 2


def test_an_organization_without_funding_has_no_funding_list(client, db):
    organization = OrganizationFactory()
    body = client.get(f"/hsds/organizations/{organization.pk}").json()
    assert_valid(body, compiled("organization"))
    assert "funding" not in body


def test_the_export_writes_funding_json_and_csv(funded_service, tmp_path):
    call_command("export", "hsds", str(tmp_path))
    organizations = json.loads((tmp_path / "organizations.json").read_text())
    for record in organizations:
        assert_valid(record, compiled("organization"))
    assert len(organizations[0]["funding"]) == 2
    rows = (tmp_path / "funding.csv").read_text().splitlines()
    assert rows[0] == "id,organization_id,service_id,source"
    assert any("世界银行" in row for row in rows[1:])


def test_a_foundations_grant_call_is_valid_ocds_with_the_funder_party(db, tmp_path):
    w = make_world()
    foundation = OrganizationFactory(name="武侯社区发展基金会", kind=OrganizationKind.FOUNDATION)
    Funder.objects.create(name=foundation.name, kind=FunderKind.FOUNDATION, organization=foundation)
    officer = UserFactory(username="foundation_officer")
    give_role(officer, RoleKind.FUNDER, organization=foundation)
    project = draft(w, actor=officer, buyer_street=None, buyer_organization=foundation, name="社区互助小额资助")
    publish(w, project, actor=officer, criteria=GRANT_CRITERIA)
    bids = make_bids(w, project)
    for evaluator in w.evaluators:
        services.assign_evaluator(actor=officer, project=project, evaluator=evaluator)
    score_all(w, project, bids, lambda e, b: [70, 80, 60][b])
    services.award(actor=officer, project=project, now=DURING["decision"])
    government = publish(w, draft(w))  # a government call beside it: its funder is its buyer's budget

    path = tmp_path / "releases.json"
    call_command("export", "ocds", str(path))
    document = json.loads(path.read_text())
    assert_valid_ocds(document)
    grant = [r for r in document["releases"] if r["ocid"].endswith(str(project.pk))]
    assert [r["tag"][0] for r in grant] == ["planning", "tender", "award"]
    award = grant[-1]
    assert award["buyer"]["name"] == "武侯社区发展基金会"
    roles = {p["name"]: set(p["roles"]) for p in award["parties"]}
    assert roles["武侯社区发展基金会"] == {"buyer", "procuringEntity", "funder"}
    assert roles["夕阳红助老"] >= {"tenderer", "supplier"}
    assert award["tender"]["procurementMethod"] == "open"
    assert award["tender"]["procurementMethodDetails"] == "资助申请"
    assert award["tender"]["mainProcurementCategory"] == "services"
    tender = next(r for r in document["releases"] if r["ocid"].endswith(str(government.pk)) and r["tag"] == ["tender"])
    assert "funder" in next(p["roles"] for p in tender["parties"] if p["id"] == tender["buyer"]["id"])
