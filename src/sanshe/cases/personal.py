"""A person's case files, for their own data download (PIPL): the file, the notes, and who read them."""

from sanshe.cases.models import Case
from sanshe.common import crypto


def _iso(value):
    return value.isoformat() if value else None


def _case(case: Case) -> dict:
    file = getattr(case, "file", None)
    return {
        "organization": case.organization.name,
        "kind": str(case.get_kind_display()),
        "status": str(case.get_status_display()),
        "opened_on": _iso(case.opened_on),
        "next_review_on": _iso(case.next_review_on),
        "closed_on": _iso(case.closed_on),
        "outcome": str(case.get_outcome_display()) if case.outcome else None,
        "consent": {
            "note": case.consent_note,
            "given_at": _iso(case.consent_given_at),
            "share_on_change_of_organization": case.consent_to_share,
            "withdrawn_at": _iso(case.consent_withdrawn_at),
        },
        "file": crypto.decrypt_json(file.ciphertext) if file else {},
        "notes": [
            {
                "on": _iso(note.on),
                "kind": str(note.get_kind_display()),
                "by": note.written_by_name,
                **(crypto.decrypt_json(note.ciphertext) if note.ciphertext else {}),
            }
            for note in case.notes.all()
        ],
        "reads": [
            {
                "at": _iso(read.created_at),
                "by": read.reader_name,
                "organization": read.organization_name,
                "purpose": read.purpose,
            }
            for read in case.reads.all()
        ],
    }


def personal_data(user) -> dict:
    cases = Case.objects.filter(resident=user).select_related("organization", "file").prefetch_related("notes", "reads")
    return {"cases": [_case(case) for case in cases]}
