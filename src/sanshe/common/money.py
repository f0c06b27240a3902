"""Money is integer 分; this is the one place that shows it as yuan and reads yuan typed by people (pure)."""

from decimal import Decimal, InvalidOperation


def _(message: str) -> str:
    """Marks a message for the catalogs; callers show it with gettext(str(error)) in the reader's language."""
    return message


MAX_FEN = 10**15  # a trillion yuan: far beyond any budget, and inside a 64-bit integer


MINUS = "\u2212"  # the minus sign (−), not a hyphen: it reads as minus and does not break from its number


def format_fen(amount_fen: int) -> str:
    """100 → '¥1', 150 → '¥1.50', 123456700 → '¥1,234,567', -47200000 → '−¥472,000.00'.

    A negative amount (a reversal, a refund) is shown to the fen after a minus sign, so it reads as the
    exact opposite of the amount it cancels.
    """
    yuan, fen = divmod(abs(int(amount_fen)), 100)
    if amount_fen < 0:
        return f"{MINUS}¥{yuan:,}.{fen:02d}"
    return f"¥{yuan:,}" if fen == 0 else f"¥{yuan:,}.{fen:02d}"


def fen_to_yuan_text(amount_fen: int) -> str:
    """The value a yuan input shows for an amount: 150 → '1.50', 100 → '1'."""
    yuan, fen = divmod(int(amount_fen), 100)
    return f"{yuan}" if fen == 0 else f"{yuan}.{fen:02d}"


def fen_to_yuan(amount_fen: int) -> float:
    """For machine formats that publish yuan as numbers (HSDS, OCDS)."""
    return int(amount_fen) / 100


def fen_to_decimal(amount_fen: int) -> Decimal:
    """For spreadsheets: yuan as an exact number, 150 → Decimal('1.50'), so a cell holds a number, not text."""
    return Decimal(int(amount_fen)).scaleb(-2)


def parse_yuan(text: object, *, allow_negative: bool = False) -> int:
    """'12.5' → 1250. Raises ValueError (with a message for people) rather than round or truncate.

    Accepts full-width digits and a leading ¥ or trailing 元, thousands separators too.
    """
    if isinstance(text, (int, Decimal)):
        raw = str(text)
    elif isinstance(text, str):
        raw = text
    else:
        raise ValueError(_("请填写金额，例如 12.50。"))
    cleaned = raw.strip().translate(_FULL_WIDTH).replace(",", "").removeprefix("¥").removesuffix("元").strip()
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("请填写金额，例如 12.50。")) from None
    if not amount.is_finite():
        raise ValueError(_("请填写金额，例如 12.50。"))
    if abs(amount) * 100 > MAX_FEN:
        raise ValueError(_("金额太大了。"))
    if amount != amount.quantize(Decimal("0.01")):
        raise ValueError(_("金额最多精确到分（小数点后两位）。"))
    if amount < 0 and not allow_negative:
        raise ValueError(_("金额不能是负数。"))
    return int(amount * 100)


_FULL_WIDTH = str.maketrans("０１２３４５６７８９．，－", "0123456789.,-")
