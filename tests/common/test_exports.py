"""The one export helper: OWASP's rule for cells that start like a formula, in CSV and in Excel."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sanshe.common.exports import to_csv, to_xlsx


@pytest.mark.parametrize("text", ["=1+2", "+1", "-1+1", "@SUM(A1)", "\tx", "\rx", "-", "=", "-2"])
def test_text_that_starts_like_a_formula_is_neutralised(text):
    assert _read_csv(to_csv([[text]])) == [["'" + text]]
    cell = load_workbook(io.BytesIO(to_xlsx([("s", [[text]])])))["s"]["A1"]
    # XML reads a carriage return back as a line feed; the cell is the same text, marked as text
    assert (cell.value, cell.data_type, cell.quotePrefix) == (text.replace("\r", "\n"), "s", True)


@pytest.mark.parametrize("text", ["居民", "a=b", "1-2", " =x"])
def test_ordinary_text_is_left_as_it_is(text):
    assert to_csv([[text]]) == "\ufeff" + text + "\r\n"
    cell = load_workbook(io.BytesIO(to_xlsx([("s", [[text]])])))["s"]["A1"]
    assert (cell.value, cell.quotePrefix) == (text, False)


def test_numbers_stay_numbers_and_empty_cells_stay_empty():
    row = [-5, Decimal("-12.50"), -0.5, None, ""]
    assert to_csv([row]) == "\ufeff-5,-12.50,-0.5,,\r\n"
    values = next(load_workbook(io.BytesIO(to_xlsx([("s", [row])])))["s"].iter_rows(values_only=True))
    assert values[:3] == (-5, -12.5, -0.5)
    assert len(values) == 3 or values[3:] == (None, None)


def _read_csv(text):
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
