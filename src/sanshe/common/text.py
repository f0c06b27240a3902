"""Chinese text helpers with no Django import."""

from pypinyin import Style, lazy_pinyin


def pinyin_sort_key(text: str) -> str:
    """A key that orders Chinese text as a Chinese reader expects (by pinyin).

    Database collations differ (SQLite compares code points, PostgreSQL's C.UTF-8
    too), so the order is computed here and stored beside the name.
    Tone numbers break ties between syllables that differ only by tone.
    """
    syllables = lazy_pinyin(text.strip().lower(), style=Style.TONE3, errors=lambda chars: [chars])
    return " ".join(syllables)[:600]
