"""Where money comes from: reads that gather funding flows for organizations, funds and projects.

The rule, so nothing is entered twice:
- a contract won through a call is money from the call's funder: the buyer's government (the street's or the
  district's budget) or, for a grant call, the funder organization; its value is spread evenly over its term
  years from the year it starts;
- a FundingRecord adds what the platform cannot see (a World Bank programme's grant, a company's donation);
  linked to a contract, it is co-financing and is taken off the buyer's derived share that year;
- a fund's income is its receipts (reversed ones left out): residents' donations and auction sales count as
  individuals in aggregate; money from an organization counts as that organization's funder.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.directory.models import OrganizationKind
from sanshe.funds import funding_mix
from sanshe.funds.funding_mix import PURCHASE, RECEIPT, RECORD, Flow, Share
from sanshe.funds.models import Funder, FunderKind, FundingRecord, Receipt, ReceiptKind

# Stand-in sources for money from an organization that is not in the register.
KIND_OF_ORGANIZATION = {
    OrganizationKind.FOUNDATION: FunderKind.FOUNDATION,
    OrganizationKind.COMPANY: FunderKind.COMPANY,
    OrganizationKind.GOVERNMENT: FunderKind.GOVERNMENT_DISTRICT,
}


def funders(kind: str = ""):
    """The register, government first (from the centre down), then the others, as FunderKind lists them."""
    order = Case(*[When(kind=k, then=Value(i)) for i, k in enumerate(FunderKind.values)], output_field=IntegerField())
    rows = Funder.objects.annotate(kind_order=order).order_by("kind_order", "sort_key", "id")
    return rows.filter(kind=kind) if kind else rows


class Register:
    """The funders, looked up by what they stand for (one query; the register is small)."""

    def __init__(self):
        self.by_organization, self.by_district, self.by_street, self.individuals = {}, {}, {}, None
        for funder in Funder.objects.all():
            if funder.organization_id:
                self.by_organization[funder.organization_id] = funder
            if funder.district_id:
                self.by_district[funder.district_id] = funder
            if funder.street_id:
                self.by_street[funder.street_id] = funder
            if funder.kind == FunderKind.INDIVIDUALS:
                self.individuals = funder

    @staticmethod
    def source_of(funder: Funder) -> tuple[str, str, str]:
        return str(funder.pk), funder.name, funder.kind

    def of_project(self, project) -> tuple[str, str, str]:
        """(key, name, kind) of who pays a project: the funder organization, else the buyer's government."""
        if project.buyer_organization_id:
            organization = project.buyer_organization
            return self.of_organization(organization)
        if project.buyer_street_id:
            funder = self.by_street.get(project.buyer_street_id)
            if funder:
                return self.source_of(funder)
            street = project.buyer_street
            return f"street:{street.pk}", street.name, FunderKind.GOVERNMENT_STREET
        funder = self.by_district.get(project.buyer_district_id)
        if funder:
            return self.source_of(funder)
        district = project.buyer_district
        return f"district:{district.pk}", district.name, FunderKind.GOVERNMENT_DISTRICT

    def of_organization(self, organization) -> tuple[str, str, str]:
        funder = self.by_organization.get(organization.pk)
        if funder:
            return self.source_of(funder)
        kind = KIND_OF_ORGANIZATION.get(organization.kind, FunderKind.OTHER)
        return f"organization:{organization.pk}", organization.name, kind

    def of_individuals(self) -> tuple[str, str, str]:
        if self.individuals:
            return self.source_of(self.individuals)
        return "individuals", str(FunderKind.INDIVIDUALS.label), FunderKind.INDIVIDUALS


def _contract_flows(contracts, register: Register) -> list[tuple]:
    """(recipient id, Flow) for each year of each contract."""
    found = []
    for contract in contracts:
        key, name, kind = register.of_project(contract.project)
        for year, amount in funding_mix.spread(contract.value_fen, contract.start.year, contract.term_years):
            if amount:
                flow = Flow(key, name, kind, year, amount, via=PURCHASE, contract_key=str(contract.pk))
                found.append((contract.organization_id, flow))
    return found


def _record_flow(record: FundingRecord) -> Flow:
    funder = record.funder
    contract_key = str(record.contract_id) if record.contract_id else ""
    return Flow(str(funder.pk), funder.name, funder.kind, record.year, record.amount_fen, RECORD, contract_key)


def flows_by_organization(organization_ids) -> dict:
    """organization id -> its flows (contracts and records), in three queries whatever the number."""
    from sanshe.procurement.models import Contract

    organization_ids = list(organization_ids)
    register = Register()
    contracts = Contract.objects.filter(organization__in=organization_ids).select_related(
        "project__buyer_street", "project__buyer_district", "project__buyer_organization"
    )
    flows: dict = {pk: [] for pk in organization_ids}
    for organization_id, flow in _contract_flows(contracts, register):
        flows[organization_id].append(flow)
    for record in FundingRecord.objects.filter(organization__in=organization_ids).select_related("funder"):
        flows[record.organization_id].append(_record_flow(record))
    return {pk: funding_mix.net_of_cofinancing(found) for pk, found in flows.items()}


def fund_flows(fund) -> list[Flow]:
    """A fund's income by source, from its receipts (never from a second entry beside the ledger)."""
    register = Register()
    flows = []
    receipts = (
        Receipt.objects.filter(fund=fund, transaction__reversed_by__isnull=True)
        .select_related("organization", "from_fund", "transaction")
        .order_by("number")
    )
    for receipt in receipts:
        if receipt.organization_id:
            key, name, kind = register.of_organization(receipt.organization)
        elif receipt.kind == ReceiptKind.GRANT_FUND and receipt.from_fund_id:
            key, name, kind = f"fund:{receipt.from_fund_id}", receipt.from_fund.name, FunderKind.OTHER
        else:
            key, name, kind = register.of_individuals()
        flows.append(Flow(key, name, kind, receipt.transaction.date.year, receipt.amount_fen, via=RECEIPT))
    return flows


def project_funders(projects) -> dict:
    """project id -> who pays it: its buyer's funder first, then co-funders recorded against it or its contract
    (two queries whatever the number of projects; each project needs its buyer loaded)."""
    register = Register()
    projects = list(projects)
    found = {project.pk: [register.of_project(project)] for project in projects}
    records = FundingRecord.objects.filter(
        Q(project__in=[p.pk for p in projects]) | Q(contract__project__in=[p.pk for p in projects])
    ).select_related("funder", "contract")
    for record in records:
        project_id = record.project_id or record.contract.project_id
        source = register.source_of(record.funder)
        if project_id in found and source not in found[project_id]:
            found[project_id].append(source)
    return found


@dataclass
class KindShare:
    kind: str
    label: str
    amount_fen: int
    percent: float


@dataclass
class FundingSummary:
    years: range
    total_fen: int
    kinds: list[KindShare]
    funders: list[Share]
    purchase_percent: float | None
    government_percent: float | None
    by_year: list[tuple[int, int, int]]  # (year, total, from government purchase)

    @property
    def dependence(self) -> str:
        """In words, how much the organization lives on government purchase."""
        if self.purchase_percent is None:
            return ""
        if self.purchase_percent >= 90:
            return _("高度依赖政府购买")
        if self.purchase_percent >= 50:
            return _("以政府购买为主")
        return _("资金来源较多元")


def summarize(flows: list[Flow], today: datetime.date | None = None) -> FundingSummary:
    years = funding_mix.last_years((today or clock.today()).year)
    kinds = funding_mix.by_kind(flows, years)
    total = sum(kinds.values())
    labels = dict(FunderKind.choices)
    kind_shares = [
        KindShare(kind, str(labels.get(kind, kind)), amount, round(100 * amount / total, 1) if total else 0.0)
        for kind, amount in sorted(kinds.items(), key=lambda item: -item[1])
    ]
    by_year = []
    for year in years:
        in_year = [f for f in flows if f.year == year]
        bought = sum(f.amount_fen for f in in_year if f.via == PURCHASE and funding_mix.is_government(f.kind))
        by_year.append((year, sum(f.amount_fen for f in in_year), bought))
    return FundingSummary(
        years=years,
        total_fen=total,
        kinds=kind_shares,
        funders=funding_mix.by_funder(flows, years),
        purchase_percent=funding_mix.government_purchase_percent(flows, years),
        government_percent=funding_mix.government_percent(flows, years),
        by_year=by_year,
    )


def organization_summary(organization, today=None) -> FundingSummary:
    return summarize(flows_by_organization([organization.pk])[organization.pk], today)


def hsds_sources(organization_ids, today=None) -> dict:
    """organization id -> [(funder key, HSDS funding.source text)] over the last three years."""
    result = {}
    for organization_id, flows in flows_by_organization(organization_ids).items():
        summary = summarize(flows, today)
        first, last = summary.years[0], summary.years[-1]
        labels = dict(FunderKind.choices)
        result[organization_id] = [
            (
                share.key,
                _("%(name)s（%(kind)s），%(first)s–%(last)s 年占 %(percent)s%%")
                % {
                    "name": share.name,
                    "kind": labels.get(share.kind, share.kind),
                    "first": first,
                    "last": last,
                    "percent": share.percent,
                },
            )
            for share in summary.funders
        ]
    return result
