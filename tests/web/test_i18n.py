"""The English catalog is complete, and English readers get English pages."""

import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

import sanshe

PACKAGE = Path(sanshe.__file__).parent
# The project catalog and one per feature app (settings.LOCALE_PATHS).
CATALOGS = sorted(PACKAGE.glob("**/locale/en/LC_MESSAGES/django.po"))


def po_entries(path: Path) -> list[dict]:
    """A small .po reader: each entry's flags, msgctxt, msgid, msgid_plural and msgstr(s)."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry, current = {"flags": set()}, None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif match := re.match(r'(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line):
                current = match.group(1)
                entry[current] = match.group(2)
            elif line.startswith('"') and current:
                entry[current] += line[1:-1]
        if "msgid" in entry:
            entries.append(entry)
    return entries


def unescape(text: str) -> str:
    return text.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\")


def test_every_feature_app_has_its_catalog():
    assert {path.relative_to(PACKAGE).parts[0] for path in CATALOGS} == {"locale", *settings.LOCALE_APPS}


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_every_english_message_is_translated_and_none_is_fuzzy(catalog):
    entries = po_entries(catalog)
    assert len(entries) > 1
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == "" and "fuzzy" not in header["flags"]
    assert "Language: en" in header["msgstr"]
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    empty = [e["msgid"] for e in messages if not all(value for key, value in e.items() if key.startswith("msgstr"))]
    assert fuzzy == [] and empty == []


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_the_compiled_catalog_matches_its_source(catalog):
    with catalog.with_suffix(".mo").open("rb") as compiled:
        translations = gettext.GNUTranslations(compiled)
    for entry in po_entries(catalog)[1:]:
        msgid = unescape(entry["msgid"])
        if "msgctxt" in entry:
            assert translations.pgettext(unescape(entry["msgctxt"]), msgid) == unescape(entry["msgstr"])
        elif "msgid_plural" in entry:
            assert translations.ngettext(msgid, unescape(entry["msgid_plural"]), 2) == unescape(entry["msgstr[1]"])
        else:
            assert translations.gettext(msgid) == unescape(entry["msgstr"]), msgid


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda path: str(path.relative_to(PACKAGE)))
def test_placeholders_survive_translation(catalog):
    for entry in po_entries(catalog)[1:]:
        wanted = set(re.findall(r"%\(\w+\)s", entry["msgid"]))
        for key, value in entry.items():
            if key.startswith("msgstr"):
                assert set(re.findall(r"%\(\w+\)s", value)) == wanted, entry["msgid"]


@pytest.mark.django_db
def test_the_home_page_is_english_for_an_english_browser(client, legal_service):
    page = client.get(reverse("home"), headers={"Accept-Language": "en"}).content.decode()
    assert '<html lang="en">' in page
    assert "Find a service" in page and "Sanshe Community Services" in page
    assert "Every Tue 14:00–17:00" in page
    assert "7 places left this week" in page
    assert "Legal services" in page  # the domain's English name
    assert "找服务" not in page


@pytest.mark.django_db
def test_the_language_switcher_sets_english_and_back(client, legal_service):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert "Find a service" in client.get("/").content.decode()
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "找服务" in client.get("/").content.decode()


def test_the_catalog_has_every_message_the_code_asks_for(tmp_path):
    """Re-extract messages from a scratch copy of the sources: none may be missing from the catalog."""
    import os
    import shutil
    import subprocess
    import sys

    if shutil.which("xgettext") is None:
        pytest.skip(
            "GNU gettext (xgettext) is not installed, so messages cannot be re-extracted; apt-get install gettext"
        )
    source = Path(sanshe.__file__).parent
    copy = tmp_path / "src" / "sanshe"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "src"), "SANSHE_DATA_DIR": str(tmp_path / "var")}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete", "--settings", "sanshe.settings"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    missing = []
    for catalog in CATALOGS:
        relative = catalog.relative_to(PACKAGE)
        fresh = {(e.get("msgctxt"), e["msgid"]) for e in po_entries(copy / relative)}
        ours = {(e.get("msgctxt"), e["msgid"]) for e in po_entries(catalog)}
        missing += [f"{relative.parts[0]}: {msgid}" for _, msgid in sorted(fresh - ours, key=str)]
    assert missing == [], "run `make messages` and translate: " + ", ".join(missing[:20])
