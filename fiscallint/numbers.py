"""Printed numbers: parsing with their shown precision, and the tolerance of a check."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from .ast import YUAN_PER_UNIT, Number, Span

HUNDRED = Decimal(100)


def parse_number(text: str, span: Span) -> Number | None:
    """A :class:`Number` from printed text such as ``2,486.85`` or ``81.8``; None if not numeric.
    A negative figure may be printed with a minus sign (-12.30, −12.30) or in brackets ((12.30))."""
    clean = text.replace(",", "").replace("，", "").strip()
    if clean[:1] in "(（" and clean[-1:] in ")）" and len(clean) > 2:
        clean = "-" + clean[1:-1].strip()
    clean = clean.replace("−", "-").replace("－", "-")
    try:
        value = Decimal(clean)
    except InvalidOperation:
        return None
    decimals = len(clean.split(".", 1)[1]) if "." in clean else 0
    return Number(value, decimals, span, text)


def fmt(value: Decimal, decimals: int = 2) -> str:
    """A decimal shown with a fixed number of decimals, without exponent."""
    q = Decimal(1).scaleb(-decimals)
    return f"{value.quantize(q):f}"


def percent_tolerance(stated: Number, parts: list[tuple[Number, Decimal]]) -> Decimal:
    """How far a computed percentage may sit from the stated one and still be right.

    Half a unit in the stated last digit, plus the propagated rounding of the inputs:
    each input ``n`` with sensitivity ``s`` (d result / d input, in percent) adds ``s * ulp(n)``.
    """
    tol = stated.ulp
    for number, sensitivity in parts:
        tol += abs(sensitivity) * number.ulp
    # A hair of slack for the decimal arithmetic itself.
    return tol + Decimal("1e-9")


def is_truncation(computed: Decimal, stated: Number) -> bool:
    """True when the stated figure is the computed one cut (not rounded) to the shown digits."""
    q = Decimal(1).scaleb(-stated.decimals)
    cut = computed.quantize(q, rounding="ROUND_DOWN")
    return cut == stated.value and computed != stated.value


def sum_tolerance(terms: list[Number], total: Number) -> Decimal:
    """Tail rounding: a printed sum may be off by one unit in the last digit per addend."""
    unit = max([total.ulp] + [t.ulp for t in terms]) * 2
    return unit * max(1, len(terms)) + Decimal("1e-9")


def fen(number: Number) -> Number:
    """An amount in 万元 as precise as the tables' 0.01: "429.8" and "0" drop trailing zeros,
    they are not rounded to tenths or units. An amount printed in 亿元 (negative ``decimals``)
    keeps the rounding of its last digit."""
    return number if number.decimals >= 2 or number.decimals < 0 else Number(number.value, 2, number.span, number.text)


def to_wan(number: Number, unit: str) -> Number:
    """A figure printed in ``unit`` (万元, 千元 or 元) in 万元; a converted figure's text keeps the
    printed figure and its unit (86,124.00元)."""
    if unit not in ("元", "千元"):
        return number
    shift = 4 if unit == "元" else 1
    return Number(number.value * YUAN_PER_UNIT[unit] / 10000, number.decimals + shift, number.span, f"{number.text}{unit}")
