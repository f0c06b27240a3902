"""The OCDS release package of every purchase project: plain data from the database, mapped by
sanshe.interop.ocds, served at /ocds/releases and written by `sanshe export ocds FILE`."""

import json
from pathlib import Path

from django.conf import settings
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from sanshe.funds.funding import project_funders
from sanshe.interop import ocds
from sanshe.procurement.models import (
    Bid,
    Criterion,
    Milestone,
    Payment,
    Project,
    ProjectEvent,
    ProjectItem,
)


def _iso(value) -> str | None:
    if value is None:
        return None
    if hasattr(value, "astimezone"):
        return timezone.localtime(value).isoformat()
    return f"{value.isoformat()}T00:00:00+08:00"


def _org(org) -> dict:
    return {"id": f"org-{org.pk}", "name": org.name}


def _buyer(project) -> dict:
    if project.buyer_organization_id:
        return _org(project.buyer_organization)
    if project.buyer_street_id:
        street = project.buyer_street
        return {"id": f"buyer-{street.pk}", "name": f"{street.district.name}{street.name}办事处"}
    return {"id": f"buyer-{project.buyer_district.pk}", "name": project.buyer_district.name}


def ocds_projects() -> list[dict]:
    """Every project with at least one recorded stage, as plain data for sanshe.interop.ocds."""
    rows = (
        Project.objects.select_related(
            "buyer_street__district",
            "buyer_district",
            "buyer_organization",
            "continues_from",
            "award__bid__organization",
            "contract__evaluation",
        )
        .prefetch_related(
            Prefetch("items", queryset=ProjectItem.objects.select_related("catalogue_item")),
            Prefetch("events", queryset=ProjectEvent.objects.order_by("at", "id")),
            Prefetch("bids", queryset=Bid.objects.select_related("organization").order_by("submitted_at", "id")),
            Prefetch("criteria", queryset=Criterion.objects.order_by("-weight", "name")),
            Prefetch("contract__milestones", queryset=Milestone.objects.order_by("due_date", "title")),
            Prefetch("contract__payments", queryset=Payment.objects.order_by("paid_on", "id")),
        )
        .order_by("created_at", "id")
    )
    found = []
    rows = list(rows)
    funders = project_funders(rows)
    for project in rows:
        events = list(project.events.all())
        if not events:
            continue
        buyer_ref = _buyer(project)
        data = {
            "id": str(project.pk),
            "title": project.name,
            "description": project.description,
            "status": project.status,
            "rationale": project.outputs,
            "buyer": buyer_ref,
            # Who pays: the buyer's own budget (or the funder running a grant call), then any co-funder.
            "funders": [buyer_ref]
            + [{"id": f"funder-{key}", "name": name} for key, name, _kind in funders[project.pk][1:]],
            "budget_fen": project.budget_fen,
            "budget_source": project.budget_source,
            "method": project.method,
            "method_details": project.get_method_display(),
            "award_criteria_details": "；".join(f"{c.name} {c.weight}" for c in project.criteria.all()),
            "eligibility": _eligibility_text(project),
            "enquiry_period": {"startDate": _iso(project.enquiry_start), "endDate": _iso(project.submission_start)},
            "tender_period": {"startDate": _iso(project.submission_start), "endDate": _iso(project.choice_start)},
            "award_period": {"startDate": _iso(project.evaluation_start), "endDate": _iso(project.evaluation_end)},
            "items": [
                {
                    "id": str(i.pk),
                    "code": i.catalogue_item.code,
                    "description": i.catalogue_item.name,
                    "quantity": i.quantity,
                    "unit": i.catalogue_item.unit,
                    "unit_price_fen": i.catalogue_item.reference_price_fen,
                }
                for i in project.items.all()
            ],
            "bids": [
                {
                    "id": str(b.pk),
                    "date": _iso(b.submitted_at),
                    "status": b.status,
                    "tenderer": _org(b.organization),
                    "value_fen": b.price_fen,
                }
                for b in project.bids.all()
            ],
            "events": [{"id": str(e.pk), "date": _iso(e.at), "to": e.to_status} for e in events],
            "award": None,
            "contract": None,
            "continues_from": (
                {"id": str(project.continues_from.pk), "title": project.continues_from.name}
                if project.continues_from
                else None
            ),
        }
        award = getattr(project, "award", None)
        if award is not None:
            data["award"] = {
                "id": str(award.pk),
                "title": project.name,
                "date": _iso(award.decided_at),
                "value_fen": award.bid.price_fen,
                "supplier": _org(award.bid.organization),
            }
        contract = getattr(project, "contract", None)
        if contract is not None:
            data["contract"] = {
                "id": str(contract.pk),
                "status": "active" if project.status == "contracted" else "terminated",
                "start": _iso(contract.start),
                "end": _iso(contract.end),
                "value_fen": contract.value_fen,
                "date_signed": _iso(contract.signed_at),
                "milestones": [
                    {
                        "id": str(m.pk),
                        "title": m.title,
                        "kind": m.kind,
                        "due_date": _iso(m.due_date),
                        "status": m.status,
                        "date_met": _iso(m.met_at),
                    }
                    for m in contract.milestones.all()
                ],
                "payments": [
                    {"id": str(p.pk), "date": _iso(p.paid_on), "amount_fen": p.amount_fen}
                    for p in contract.payments.all()
                ],
            }
            evaluation = getattr(contract, "evaluation", None)
            if evaluation is not None:
                data["evaluation"] = f"绩效评价 {evaluation.grade}：{evaluation.summary}"
        found.append(data)
    return found


def _eligibility_text(project: Project) -> str:
    parts = []
    if project.min_registered_years:
        parts.append(f"登记满 {project.min_registered_years} 年")
    if project.min_rating:
        parts.append(f"评估等级 {project.min_rating} 及以上")
    if project.no_serious_violation:
        parts.append("近三年无严重违法失信记录")
    parts.append(f"服务菜单至少承接 {project.menu_min_items} 项")
    return "；".join(parts)


def package(uri: str = "") -> dict:
    projects = ocds_projects()
    published = max((e["date"] for p in projects for e in p["events"]), default=_iso(timezone.now()))
    return ocds.release_package(
        projects,
        prefix=settings.SANSHE_OCDS_PREFIX,
        uri=uri or "https://sanshe.invalid/ocds/releases",
        published_date=published,
        publisher=str(settings.SANSHE_SITE_NAME),
    )


def export_ocds(path: str) -> str:
    document = package()
    Path(path).write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    return _("已导出 %(releases)s 个 OCDS 发布（%(projects)s 个项目）到 %(path)s。") % {
        "releases": len(document["releases"]),
        "projects": len({r["ocid"] for r in document["releases"]}),
        "path": path,
    }
