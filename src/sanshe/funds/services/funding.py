"""The register of funders and the funding records the platform cannot derive (see sanshe.funds.funding)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.common import clock
from sanshe.common.money import MAX_FEN
from sanshe.common.refusals import refuse, require
from sanshe.funds.models import Funder, FunderKind, FundingRecord


@transaction.atomic
def register_funder(
    *, actor, name: str, kind: str, organization=None, district=None, street=None, description=""
) -> Funder:
    """An operator registers a source of money: a government level (with its district or street), a
    foundation, an international donor, a company's CSR programme, or individuals in aggregate."""
    require(actor, "funds.register_funder", None, _("只有平台管理员可以登记资金来源。"))
    if kind not in FunderKind.values:
        refuse(_("请选择资金来源的类型。"), "kind")
    if not (name or "").strip():
        refuse(_("请填写资金来源的名称，例如“武侯区财政”或“某某公益基金会”。"), "name")
    if kind == FunderKind.GOVERNMENT_DISTRICT and district is None:
        refuse(_("区级财政要选择是哪个区。"), "district")
    if kind == FunderKind.GOVERNMENT_STREET and street is None:
        refuse(_("街道财政要选择是哪个街道。"), "street")
    funder = Funder(
        name=name.strip(),
        kind=kind,
        organization=organization,
        district=district if kind == FunderKind.GOVERNMENT_DISTRICT else None,
        street=street if kind == FunderKind.GOVERNMENT_STREET else None,
        description=description,
    )
    try:
        funder.full_clean()
    except ValidationError as exc:
        if "organization" in getattr(exc, "error_dict", {}):
            refuse(_("这个机构已经登记为资金来源了。"), "organization")
        raise
    funder.save()
    return funder


@transaction.atomic
def record_funding(
    *, actor, organization, funder, year: int, amount_fen: int, project=None, contract=None, fund=None, note=""
) -> FundingRecord:
    """The recipient's admin or the funder's staff records money the platform does not already know.

    A contract won through a call is never recorded: it is counted from the contract itself."""
    record = FundingRecord(
        organization=organization,
        funder=funder,
        year=year,
        amount_fen=amount_fen,
        project=project,
        contract=contract,
        fund=fund,
        note=(note or "").strip(),
        recorded_by=actor,
    )
    require(actor, "funds.record_funding", record, _("只有受资助机构的管理员或资助方的工作人员可以登记资助。"))
    if not isinstance(amount_fen, int) or amount_fen <= 0:
        refuse(_("金额要大于 0 元。"), "amount_fen")
    if amount_fen > MAX_FEN:
        refuse(_("金额太大了，请检查单位：这里填的是“分”。"), "amount_fen")
    this_year = clock.today().year
    if not isinstance(year, int) or not 2000 <= year <= this_year + 1:
        refuse(_("年度应在 2000 年到 %(last)s 年之间。") % {"last": this_year + 1}, "year")
    if contract is not None:
        if contract.organization_id != organization.pk:
            refuse(_("这份合同不是这个机构承接的，请选择它自己的合同。"), "contract")
        if contract.project.buyer_organization_id and contract.project.buyer_organization_id == funder.organization_id:
            refuse(_("资助方自己的资助项目已按合同计入，不需要再登记。"), "contract")
        if contract.value_fen < amount_fen:
            refuse(_("共同出资的金额不能超过合同金额。"), "amount_fen")
    record.save()
    return record
