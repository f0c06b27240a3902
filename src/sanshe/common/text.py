"""Chinese text helpers with no Django import."""


def pinyin_sort_key(text: str) -> str:
    """A key that orders Chinese text as a Chinese reader expects (by pinyin).

    Database collations differ (SQLite compares code points, PostgreSQL's C.UTF-8
    too), so the order is computed here and stored beside the name.
    Tone numbers break ties between syllables that differ only by tone.
    """
    # Imported here: its phrase dictionary takes most of a second to load, which a web worker's start
    # should not wait for (sort keys are made on writes).
    from pypinyin import Style, lazy_pinyin

    syllables = lazy_pinyin(text.strip().lower(), style=Style.TONE3, errors=lambda chars: [chars])
    return " ".join(syllables)[:600]


def masked_phone(phone: str | None) -> str:
    """13800138000 -> 138****8000: enough to recognise a caller, not to copy a list."""
    if not phone:
        return ""
    if len(phone) < 8:
        return phone
    return f"{phone[:3]}****{phone[-4:]}"
