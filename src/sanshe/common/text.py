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


def masked_phone(phone: str | None) -> str:
    """13800138000 -> 138****8000: enough to recognise a caller, not to copy a list."""
    if not phone:
        return ""
    if len(phone) < 8:
        return phone
    return f"{phone[:3]}****{phone[-4:]}"
