"""Numbers, dates and yes/no as the page's language writes them, for a handful of languages.

No locale database: Python's `locale` module formats with whatever locales the machine happens
to have installed (the same site would build differently on two machines), and Babel would be a
dependency for a few dozen words. Languages not listed here get neutral forms: ISO dates, and
digits grouped by a narrow space, as the SI writes them.

Numbers below 10,000 are not grouped in any language ("4500", "2019"): a year must never read
"2,019", and the SI, French and Spanish typography already leave four digits together.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

_NARROW_SPACE = "\u202f"
_NO_BREAK_SPACE = "\u00a0"
# (thousands separator, decimal mark), as CLDR gives them for each language.
_MARKS = {
    "en": (",", "."),
    "fr": (_NARROW_SPACE, ","),
    "de": (".", ","),
    "es": (".", ","),
    "it": (".", ","),
    "nl": (".", ","),
    "pt": (".", ","),
}
_NEUTRAL_MARKS = (_NARROW_SPACE, ".")
_YES_NO = {
    "en": ("Yes", "No"),
    "fr": ("Oui", "Non"),
    "de": ("Ja", "Nein"),
    "es": ("Sí", "No"),
    "it": ("Sì", "No"),
    "nl": ("Ja", "Nee"),
    "pt": ("Sim", "Não"),
}
_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre "
    "dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro",
}


def _base(language: str) -> str:
    """ "fr" for "fr", "fr-CA" or "FR": regional forms differ less than this module's reach."""
    return language.split("-", 1)[0].lower()


def number(value: int | Decimal, language: str, group_four: bool = False) -> str:
    """31000 → "31,000" (en), "31 000" (fr), "31.000" (de); decimals stay as written. Four
    digits stay whole ("9500") unless `group_four`: beside a number that is grouped."""
    group, mark = _MARKS.get(_base(language), _NEUTRAL_MARKS)
    text = format(value, "f") if isinstance(value, Decimal) else str(value)
    sign = "-" if text.startswith("-") else ""
    whole, _, fraction = text.lstrip("-").partition(".")
    if len(whole) > (3 if group_four else 4):
        head = len(whole) % 3 or 3
        whole = group.join([whole[:head], *(whole[k : k + 3] for k in range(head, len(whole), 3))])
    return sign + whole + (mark + fraction if fraction else "")


# Units written against the number: degrees of angle or arc ("20°", "5′"), in every
# language; "%" and "‰" in English ("45%"), with a space in French and others ("45 %").
_ATTACHED = frozenset("°′″")
_ATTACHED_IN_ENGLISH = frozenset("%‰") | _ATTACHED


def attached(unit: str, language: str) -> bool:
    """Whether `unit` follows its number with no space between them."""
    return unit in (_ATTACHED_IN_ENGLISH if _base(language) == "en" else _ATTACHED)


def with_unit(text: str, unit: str, language: str) -> str:
    """ "12 MB", "45%" in English and "45 %" in French; the two never split across lines."""
    if not unit:
        return text
    if attached(unit, language):
        return text + unit
    return text + _NO_BREAK_SPACE + unit


def boolean(value: bool, language: str) -> str:
    yes, no = _YES_NO.get(_base(language), _YES_NO["en"])
    return yes if value else no


def day(value: date, language: str) -> str:
    """1 March 2020, 1er mars 2020, 1. März 2020, 1 de marzo de 2020; 2020-03-01 elsewhere."""
    base = _base(language)
    months = _MONTHS.get(base)
    if months is None:
        return value.isoformat()
    month = months.split()[value.month - 1]
    if base == "fr":
        return f"{'1er' if value.day == 1 else value.day} {month} {value.year}"
    if base == "de":
        return f"{value.day}. {month} {value.year}"
    if base in ("es", "pt"):
        return f"{value.day} de {month} de {value.year}"
    return f"{value.day} {month} {value.year}"
