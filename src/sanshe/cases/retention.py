"""Each kind of case is kept for its retention period after closure, then anonymised: who the person was and
what was written goes; kind, dates, outcome, note kinds and counts stay for statistics."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from sanshe.cases import kinds
from sanshe.cases.models import Case, CaseFile, CaseNote, CaseRead, CaseStatus, HandoverItem
from sanshe.cases.workflow import CASE
from sanshe.common import clock
from sanshe.common.transitions import move


def _years_before(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def anonymise(case: Case) -> None:
    with transaction.atomic():
        CaseFile.objects.filter(case=case).delete()
        CaseNote.objects.filter(case=case).update(ciphertext="", written_by=None, written_by_name="")
        CaseRead.objects.filter(case=case).delete()
        HandoverItem.objects.filter(case=case).update(note_ciphertext="", title=_("已匿名化的个案"))
        case.needs.clear()
        move(
            case,
            CaseStatus.ANONYMISED,
            workflow=CASE,
            actor=None,
            reason=_("保存期限已到"),
            changes={"resident": None, "alias": "—", "anonymised_at": clock.now()},
        )


def anonymise_due(today: datetime.date) -> int:
    """Anonymise every closed case whose kind's retention period has ended (a `sanshe remind` callable)."""
    done = 0
    for kind, template in kinds.TEMPLATES.items():
        due = Case.objects.filter(
            kind=kind, status=CaseStatus.CLOSED, closed_on__lt=_years_before(today, template.retention_years)
        )
        for case in due.iterator():
            anonymise(case)
            done += 1
    return done
