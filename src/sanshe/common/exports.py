"""The one way to hand people a spreadsheet: rows as CSV or Excel, safe to open.

A text cell that starts with =, +, -, @, tab or carriage return would be read by a spreadsheet as a
formula (OWASP "CSV injection"): `=HYPERLINK(...)` in a title can leak the sheet, `-1+1+cmd|...` can run
a program. In CSV such a cell gets a leading apostrophe; in Excel it is stored as text with the
"quote prefix" style, so it shows exactly as typed and stays text when edited. Numbers written as
numbers (int, float, Decimal) are left alone, and empty cells stay empty.
"""

import csv
import io
from collections.abc import Iterable

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Row = Iterable


def csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def to_csv(rows: Iterable[Row]) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 CSV with Chinese correctly only with a BOM
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()


def to_xlsx(sheets: Iterable[tuple[str, Iterable[Row]]]) -> bytes:
    """sheets: (title, rows) pairs, one worksheet each, in order."""
    from openpyxl import Workbook  # here, not at start-up: few requests are exports

    book = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = book.create_sheet(str(title))
        for row in rows:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(sheet, value):
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        return value
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"  # never a formula, whatever it starts with
    cell.quotePrefix = value.startswith(FORMULA_STARTS)
    return cell


def csv_response(rows: Iterable[Row], filename: str) -> HttpResponse:
    return _attachment(HttpResponse(to_csv(rows), content_type="text/csv; charset=utf-8"), filename)


def xlsx_response(sheets: Iterable[tuple[str, Iterable[Row]]], filename: str) -> HttpResponse:
    return _attachment(HttpResponse(to_xlsx(sheets), content_type=XLSX_TYPE), filename)


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
