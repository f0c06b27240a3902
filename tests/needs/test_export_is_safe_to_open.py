"""Issue 12 §6: the needs board's Excel export keeps a name that starts like a formula as text."""

import io

from openpyxl import load_workbook


def test_a_community_named_like_a_formula_stays_text(client, people, community):
    community.name = "@SUM(1+1)*cmd|' /C calc'!A0"
    community.save(update_fields=["name"])
    client.force_login(people["staff"])
    book = load_workbook(io.BytesIO(client.get(f"/communities/{community.pk}/needs/export.xlsx").content))
    name, total = list(book["按社区"].iter_rows(min_row=2))[0][:2]
    assert (name.value, name.data_type, name.quotePrefix) == (community.name, "s", True)
    assert (total.value, total.data_type) == (0, "n")
