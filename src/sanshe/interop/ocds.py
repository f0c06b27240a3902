"""OCDS 1.1 release packages from plain procurement data (pure: no Django import).

Each purchase project is one contracting process, ocid = prefix + "-" + project id. Every stage
change of the project is one release, tagged by the stage it entered:

    draft → planning, published → tender, awarded → award, contracted → contract,
    completed → implementation, cancelled → tenderCancellation (tender status cancelled),
    unsuccessful → tenderUpdate (tender status unsuccessful: the call failed)

plus one implementation release for a contract in progress that has recorded payments. A release
carries what was known at its stage (a planning release has no tender period; bids are published
with the award, after the residents' choice and evaluation are over). Money is stored in 分 and
published in yuan. Bids use the OCDS bids extension (release.bids.details / statistics).

Input: a list of project dicts as built by sanshe.interop.ocds_export.ocds_projects().
"""

from sanshe.common.money import fen_to_yuan

BIDS_EXTENSION = (
    "https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json"
)
VERSION = "1.1"

TAG_OF_STAGE = {
    "draft": "planning",
    "published": "tender",
    "awarded": "award",
    "contracted": "contract",
    "completed": "implementation",
    "cancelled": "tenderCancellation",
    "unsuccessful": "tenderUpdate",
}
STAGE_ORDER = ["draft", "published", "awarded", "contracted", "completed"]
METHOD = {
    "open_tender": "open",
    "invited_tender": "selective",
    "competitive_negotiation": "limited",
    "competitive_consultation": "open",
    "single_source": "direct",
    "price_enquiry": "open",
    "grant": "open",  # a funder's open call for grant applications; procurementMethodDetails says 资助申请
}
TENDER_STATUS = {
    "draft": "planning",
    "published": "active",
    "awarded": "complete",
    "contracted": "complete",
    "completed": "complete",
    "cancelled": "cancelled",
    "unsuccessful": "unsuccessful",
}
BID_STATUS = {"submitted": "valid", "won": "valid", "lost": "valid", "withdrawn": "withdrawn"}
MILESTONE_TYPE = {"delivery": "delivery", "reporting": "reporting", "payment": "payment"}
MILESTONE_STATUS = {"scheduled": "scheduled", "met": "met", "missed": "notMet"}


def money(fen: int, currency: str = "CNY") -> dict:
    return {"amount": fen_to_yuan(fen), "currency": currency}


def ocid(prefix: str, project_id: str) -> str:
    return f"{prefix}-{project_id}"


def _party(ref: dict) -> dict:
    return {"id": ref["id"], "name": ref["name"]}


def _reached(stage: str, wanted: str) -> bool:
    if stage in {"cancelled", "unsuccessful"}:
        return False
    return STAGE_ORDER.index(stage) >= STAGE_ORDER.index(wanted)


def _parties(project: dict, stage: str) -> list[dict]:
    parties: dict[str, dict] = {}

    def add(ref, role):
        entry = parties.setdefault(ref["id"], {"id": ref["id"], "name": ref["name"], "roles": []})
        if role not in entry["roles"]:
            entry["roles"].append(role)

    add(project["buyer"], "buyer")
    add(project["buyer"], "procuringEntity")
    for funder in project.get("funders", ()):
        add(funder, "funder")
    if _reached(stage, "awarded"):
        for bid in project["bids"]:
            add(bid["tenderer"], "tenderer")
    if project.get("award") and _reached(stage, "awarded"):
        add(project["award"]["supplier"], "supplier")
    if project.get("contract") and _reached(stage, "contracted") and project["contract"]["payments"]:
        add(project["buyer"], "payer")
        add(project["award"]["supplier"], "payee")
    return list(parties.values())


def _items(project: dict) -> list[dict]:
    return [
        {
            "id": item["id"],
            "description": item["description"],
            "classification": {"scheme": "SANSHE-CATALOGUE", "id": item["code"], "description": item["description"]},
            "quantity": item["quantity"],
            "unit": {"name": item["unit"], "value": money(item["unit_price_fen"])},
        }
        for item in project["items"]
    ]


def _tender(project: dict, stage: str) -> dict:
    tender = {
        "id": project["id"],
        "title": project["title"],
        "description": project["description"],
        "status": TENDER_STATUS[stage],
        "procuringEntity": _party(project["buyer"]),
        "items": _items(project),
        "value": money(project["budget_fen"]),
        "mainProcurementCategory": "services",
    }
    if stage != "draft" and project.get("tender_period"):
        tender.update(
            {
                "procurementMethod": METHOD[project["method"]],
                "procurementMethodDetails": project["method_details"],
                "awardCriteria": "ratedCriteria",
                "awardCriteriaDetails": project["award_criteria_details"],
                "submissionMethod": ["electronicSubmission"],
                "eligibilityCriteria": project["eligibility"],
                "enquiryPeriod": project["enquiry_period"],
                "tenderPeriod": project["tender_period"],
                "awardPeriod": project["award_period"],
            }
        )
    if _reached(stage, "awarded"):
        tenderers = [_party(b["tenderer"]) for b in project["bids"] if b["status"] != "withdrawn"]
        tender["numberOfTenderers"] = len(tenderers)
        tender["tenderers"] = tenderers
    return tender


def _bids(project: dict) -> dict:
    details = [
        {
            "id": bid["id"],
            "date": bid["date"],
            "status": BID_STATUS[bid["status"]],
            "tenderers": [_party(bid["tenderer"])],
            "value": money(bid["value_fen"]),
        }
        for bid in project["bids"]
    ]
    valid = sum(1 for d in details if d["status"] == "valid")
    return {
        "statistics": [
            {"id": "1", "measure": "bids", "value": len(details)},
            {"id": "2", "measure": "validBids", "value": valid},
        ],
        "details": details,
    }


def _award(project: dict) -> dict:
    award = project["award"]
    return {
        "id": award["id"],
        "title": award["title"],
        "status": "active",
        "date": award["date"],
        "value": money(award["value_fen"]),
        "suppliers": [_party(award["supplier"])],
        "items": _items(project),
    }


def _contract(project: dict, with_implementation: bool) -> dict:
    contract = project["contract"]
    result = {
        "id": contract["id"],
        "awardID": project["award"]["id"],
        "title": project["title"],
        "status": contract["status"],
        "period": {"startDate": contract["start"], "endDate": contract["end"]},
        "value": money(contract["value_fen"]),
        "dateSigned": contract["date_signed"],
        "milestones": [
            {
                "id": m["id"],
                "title": m["title"],
                "type": MILESTONE_TYPE[m["kind"]],
                "dueDate": m["due_date"],
                "status": MILESTONE_STATUS[m["status"]],
                **({"dateMet": m["date_met"]} if m.get("date_met") else {}),
            }
            for m in contract["milestones"]
        ],
    }
    if with_implementation:
        result["implementation"] = {
            "transactions": [
                {
                    "id": p["id"],
                    "source": project.get("source_uri") or "https://example.invalid/",
                    "date": p["date"],
                    "value": money(p["amount_fen"]),
                    "payer": _party(project["buyer"]),
                    "payee": _party(project["award"]["supplier"]),
                }
                for p in contract["payments"]
            ]
        }
        if project.get("evaluation"):
            result["description"] = project["evaluation"]
    return result


def release(project: dict, prefix: str, *, release_id: str, date: str, stage: str, tag: str) -> dict:
    """One release: the project as known when it entered `stage`."""
    document = {
        "ocid": ocid(prefix, project["id"]),
        "id": release_id,
        "date": date,
        "tag": [tag],
        "initiationType": "tender",
        "language": "zh",
        "parties": _parties(project, stage),
        "buyer": _party(project["buyer"]),
        "planning": {
            "rationale": project["rationale"],
            "budget": {"description": project["budget_source"], "amount": money(project["budget_fen"])},
        },
        "tender": _tender(project, stage),
    }
    if project.get("continues_from"):
        document["relatedProcesses"] = [
            {
                "id": "1",
                "relationship": ["planning"],
                "title": project["continues_from"]["title"],
                "scheme": "ocid",
                "identifier": ocid(prefix, project["continues_from"]["id"]),
            }
        ]
    if _reached(stage, "awarded") and project["bids"]:
        document["bids"] = _bids(project)
    if _reached(stage, "awarded") and project.get("award"):
        document["awards"] = [_award(project)]
    if _reached(stage, "contracted") and project.get("contract"):
        document["contracts"] = [_contract(project, with_implementation=tag == "implementation")]
    return document


def releases(project: dict, prefix: str) -> list[dict]:
    found = []
    for event in project["events"]:
        stage = event["to"]
        found.append(
            release(project, prefix, release_id=event["id"], date=event["date"], stage=stage, tag=TAG_OF_STAGE[stage])
        )
    contract = project.get("contract")
    if project["status"] == "contracted" and contract and contract["payments"]:
        last = max(p["date"] for p in contract["payments"])
        found.append(
            release(
                project,
                prefix,
                release_id=f"{project['id']}-implementation-{last[:10]}",
                date=last,
                stage="contracted",
                tag="implementation",
            )
        )
    return found


def release_package(projects: list[dict], *, prefix: str, uri: str, published_date: str, publisher: str) -> dict:
    """Every release of every project, in one package (at least one release is required by the schema)."""
    all_releases = [r for project in projects for r in releases(project, prefix)]
    return {
        "uri": uri,
        "version": VERSION,
        "extensions": [BIDS_EXTENSION],
        "publishedDate": published_date,
        "publisher": {"name": publisher},
        "releases": all_releases,
    }
