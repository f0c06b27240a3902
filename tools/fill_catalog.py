"""Fill empty English entries of a .po catalog from a tab-separated file of `中文<TAB>English` lines.

    python tools/fill_catalog.py src/sanshe/needs/locale/en/LC_MESSAGES/django.po translations.tsv

Only single-line empty msgstr entries are filled; existing translations are kept.
Also marks the header as English and drops makemessages' fuzzy header flag.
"""

import re
import sys
from pathlib import Path


def fill(catalog: Path, translations: dict[str, str]) -> int:
    text = catalog.read_text(encoding="utf-8")
    text = text.replace('"Language: \\n"', '"Language: en\\n"')
    # Only the header's fuzzy flag (makemessages marks a new catalog's header so): a fuzzy
    # entry elsewhere is a guessed translation that a person must check.
    text = re.sub(r'^((?:#.*\n)*?)#, fuzzy\n(msgid ""\nmsgstr ""\n)', r"\1\2", text, count=1)
    filled = 0

    def translate(match: re.Match) -> str:
        nonlocal filled
        msgid = match.group(1)
        if msgid not in translations:
            return match.group(0)
        filled += 1
        return f'msgid "{msgid}"\nmsgstr "{translations[msgid]}"'

    text = re.sub(r'msgid "((?:[^"\\]|\\.)+)"\nmsgstr ""(?!\n")', translate, text)
    catalog.write_text(text, encoding="utf-8")
    return filled


if __name__ == "__main__":
    pairs = Path(sys.argv[2]).read_text(encoding="utf-8").splitlines()
    table = dict(line.split("\t", 1) for line in pairs if "\t" in line)
    print(fill(Path(sys.argv[1]), table), "filled")
