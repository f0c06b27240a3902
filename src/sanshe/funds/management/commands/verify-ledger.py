"""sanshe verify-ledger [FUND]: prove that no posted transaction was altered or removed."""

from django.core.management.base import BaseCommand, CommandError

from sanshe.funds import selectors
from sanshe.funds.models import Fund

WHAT = {
    "gap": "a transaction is missing (sequence gap)",
    "previous_hash": "the link to the previous transaction does not match",
    "hash": "the content does not match its hash (altered)",
    "unbalanced": "the legs do not sum to zero",
    "head": "transactions were removed from the end of the chain",
}


class Command(BaseCommand):
    help = (
        "Check every fund's hash-chained ledger (or one fund's, by id or name); exit non-zero at the first bad entry."
    )

    def add_arguments(self, parser):
        parser.add_argument("fund", nargs="?", help="a fund's id or exact name; every fund when left out")

    def handle(self, *args, fund=None, **options):
        funds = Fund.objects.order_by("sort_key")
        if fund:
            matches = [f for f in funds if str(f.pk) == fund or f.name == fund]
            if not matches:
                raise CommandError(f"no fund with id or name {fund!r}")
            funds = matches
        checked = 0
        for row in funds:
            report = selectors.verify(row)
            if not report.ok:
                problem = report.problems[0]
                raise CommandError(
                    f"fund {row.name} ({row.pk}): entry #{problem.sequence}: {WHAT.get(problem.code, problem.code)}"
                    + (f" ({problem.detail})" if problem.detail else "")
                )
            self.stdout.write(f"ok  {row.name} ({row.pk}): {report.entries} transactions")
            checked += 1
        self.stdout.write(self.style.SUCCESS(f"{checked} fund ledger(s) verified"))
