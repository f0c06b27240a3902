"""Chinese text helpers with no Django import."""

import functools


def pinyin_sort_key(text: str) -> str:
    """A key that orders Chinese text as a Chinese reader expects (by pinyin).

    Database collations differ (SQLite compares code points, PostgreSQL's C.UTF-8
    too), so the order is computed here and stored beside the name.
    Tone numbers break ties between syllables that differ only by tone.
    """
    # Imported here: its phrase dictionary takes most of a second to load, which a web worker's start
    # should not wait for (sort keys are made on writes).
    from pypinyin.seg.simpleseg import simple_seg

    # pypinyin reads each run of Chinese (and each run of other characters) on its own, so the key
    # is the runs' syllables in order; runs repeat across names (长者助餐1, 长者助餐2), names rarely do.
    syllables = [s for run in simple_seg(text.strip().lower()) for s in _run_syllables(run)]
    return " ".join(syllables)[:600]


@functools.lru_cache(maxsize=65536)
def _run_syllables(run: str) -> tuple[str, ...]:
    from pypinyin import Style, lazy_pinyin

    return tuple(lazy_pinyin(run, style=Style.TONE3, errors=lambda chars: [chars]))


def masked_phone(phone: str | None) -> str:
    """13800138000 -> 138****8000: enough to recognise a caller, not to copy a list."""
    if not phone:
        return ""
    if len(phone) < 8:
        return phone
    return f"{phone[:3]}****{phone[-4:]}"
