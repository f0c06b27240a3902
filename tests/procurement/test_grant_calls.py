"""A foundation runs its own grant call through the procurement workflow: application (bid), review
(scores), award, agreement (contract) with milestones and a report; residents' choice optional. Only the
funder's own people run it: not a government officer, not another funder, not a superuser or operator."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sanshe.directory.models import OrganizationKind
from sanshe.funds import funding
from sanshe.funds.models import Funder, FunderKind
from sanshe.people.models import RoleKind
from sanshe.procurement import services
from sanshe.procurement.models import CriterionKind, Method, Project, ProjectStatus
from tests.factories import OrganizationFactory, UserFactory, give_role
from tests.procurement.conftest import (
    DURING,
    draft,
    make_bids,
    make_world,
    publish,
    score_all,
)

GRANT_CRITERIA = [
    (CriterionKind.PLAN, "项目设计", 50),
    (CriterionKind.TEAM, "执行团队", 30),
    (CriterionKind.PRICE, "预算合理", 20),
]


def funder_organization(name):
    organization = OrganizationFactory(name=name, kind=OrganizationKind.FOUNDATION)
    Funder.objects.create(name=name, kind=FunderKind.FOUNDATION, organization=organization)
    officer = UserFactory(username=f"officer-{organization.pk.hex[:6]}")
    give_role(officer, RoleKind.FUNDER, organization=organization)
    return organization, officer


@pytest.fixture
def grant_world(db):
    w = make_world()
    w.foundation, w.officer = funder_organization("武侯社区发展基金会")
    w.other_foundation, w.other_officer = funder_organization("蓉城公益基金会")
    w.superuser = UserFactory(username="root", is_staff=True, is_superuser=True)
    return w


def draft_grant(w, actor=None, **overrides):
    return draft(
        w,
        actor=actor or w.officer,
        name="社区互助小额资助",
        budget_source="基金会 2026 年社区发展资助计划",
        buyer_street=None,
        buyer_organization=w.foundation,
        **overrides,
    )


def publish_grant(w, project, actor=None, **overrides):
    return publish(w, project, actor=actor or w.officer, criteria=GRANT_CRITERIA, **overrides)


def test_a_foundation_runs_its_call_from_application_to_report(grant_world):
    w = grant_world
    project = draft_grant(w)
    assert (project.method, project.is_grant, project.buyer) == (Method.GRANT, True, w.foundation)
    publish_grant(w, project)  # no residents' choice: it is optional
    bids = make_bids(w, project)
    for evaluator in w.evaluators:
        services.assign_evaluator(actor=w.officer, project=project, evaluator=evaluator)
    score_all(w, project, bids, lambda e, b: [70, 80, 60][b])
    award = services.award(actor=w.officer, project=project, now=DURING["decision"])
    assert award.bid.organization == w.orgs[1]
    contract = services.sign_contract(
        actor=w.officer,
        project=project,
        start=datetime.date(2026, 5, 1),
        term_years=1,
        milestones=[
            {"kind": "payment", "title": "首期资助款", "due_date": datetime.date(2026, 6, 1), "amount_fen": 10_000_000},
            {"kind": "reporting", "title": "结项报告", "due_date": datetime.date(2027, 3, 1)},
        ],
        now=DURING["decision"] + datetime.timedelta(days=10),
    )
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.CONTRACTED
    assert [m.kind for m in contract.milestones.all()] == ["payment", "reporting"]
    # The grant is the foundation's money, not government purchase.
    summary = funding.organization_summary(w.orgs[1], today=datetime.date(2026, 9, 1))
    assert [(k.kind, k.amount_fen) for k in summary.kinds] == [("foundation", contract.value_fen)]
    assert summary.purchase_percent == 0.0


@pytest.mark.parametrize("who", ["buyer", "district", "other_officer", "superuser", "admin"])
def test_nobody_but_the_funders_people_drafts_its_call(grant_world, who):
    with pytest.raises(PermissionDenied):
        draft_grant(grant_world, actor=getattr(grant_world, who))
    assert not Project.objects.exists()


@pytest.mark.parametrize("who", ["buyer", "other_officer", "superuser", "admin"])
def test_nobody_but_the_funders_people_publishes_or_awards(grant_world, who):
    w = grant_world
    project = draft_grant(w)
    with pytest.raises(PermissionDenied):
        publish_grant(w, project, actor=getattr(w, who))
    publish_grant(w, project)
    with pytest.raises(PermissionDenied):
        services.assign_evaluator(actor=getattr(w, who), project=project, evaluator=w.evaluators[0])
    with pytest.raises(PermissionDenied):
        services.award(actor=getattr(w, who), project=project, now=DURING["decision"])
    assert Project.objects.get(pk=project.pk).status == ProjectStatus.PUBLISHED


def test_a_government_officer_still_runs_a_government_call_and_operators_still_help(grant_world):
    w = grant_world
    assert draft(w).buyer == w.street
    assert draft(w, actor=w.admin, name="另一项目").method == Method.OPEN


def test_an_organization_not_registered_as_funder_runs_no_call(grant_world):
    w = grant_world
    company = OrganizationFactory(name="未登记的企业", kind=OrganizationKind.COMPANY)
    staff = UserFactory(username="company_staff")
    give_role(staff, RoleKind.ORG_ADMIN, organization=company)
    with pytest.raises(ValidationError):
        draft(w, actor=staff, buyer_street=None, buyer_organization=company)


def test_a_government_call_cannot_be_a_grant_and_a_grant_call_stays_one(grant_world):
    w = grant_world
    with pytest.raises(ValidationError) as refused:
        publish(w, draft(w), method=Method.GRANT)
    assert "method" in refused.value.message_dict
    grant = publish_grant(w, draft_grant(w), method=Method.OPEN)
    assert grant.method == Method.GRANT


def test_the_database_ties_the_grant_method_to_funder_buyers(grant_world):
    w = grant_world
    project = draft(w)
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(method=Method.GRANT)
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=project.pk).update(buyer_organization=w.foundation, method=Method.GRANT)


def test_the_funders_officer_sees_the_call_among_their_projects_and_drafts_on_the_page(grant_world, client):
    w = grant_world
    project = draft_grant(w)
    client.force_login(w.officer)
    mine = client.get("/procurement/mine/")
    assert mine.status_code == 200 and project.name in mine.text
    form = client.get("/procurement/new/")
    assert form.status_code == 200 and f"organization:{w.foundation.pk}" in form.text
    client.force_login(w.buyer)
    assert project.name not in client.get("/procurement/mine/").text
    assert client.get(f"/procurement/{project.pk}/publish/").status_code == 404


def test_the_call_page_names_the_funder(grant_world, client):
    w = grant_world
    project = publish_grant(w, draft_grant(w))
    page = client.get(f"/procurement/{project.pk}/")
    assert page.status_code == 200
    assert "武侯社区发展基金会" in page.text and "资助项目" in page.text


def test_the_publish_page_offers_the_grant_method_to_funders_only(grant_world, client):
    w = grant_world
    grant, purchase = draft_grant(w), draft(w)
    client.force_login(w.officer)
    page = client.get(f"/procurement/{grant.pk}/publish/")
    assert page.status_code == 200
    assert 'value="grant"' in page.text and 'value="open_tender"' not in page.text
    client.force_login(w.buyer)
    page = client.get(f"/procurement/{purchase.pk}/publish/")
    assert 'value="open_tender"' in page.text and 'value="grant"' not in page.text
