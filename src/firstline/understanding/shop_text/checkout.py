"""Checkout answers read: delivery country, shipping and payment method, voucher code, "no"."""

from __future__ import annotations

import re

from firstline.commerce.pricing import ShippingMethod
from firstline.company.commerce_schema import CommerceConfig
from firstline.understanding.shop_text.words import contains_phrase, fold

_EXPRESS = ("express", "expressversand", "schnell", "schnellste", "fast", "fastest", "next day", "nächster tag")
_STANDARD = ("standard", "standardversand", "normal", "normaler versand", "regular", "paket", "parcel", "dhl")
_NO = ("nein", "nee", "kein", "keinen", "keine", "no", "none", "nope", "nothing", "ohne", "without")


def country_in(text: str, config: CommerceConfig) -> str | None:
    """The delivery country a text names ("Österreich", "to Vienna", "CH"), if exactly one."""
    folded = fold(text)
    found = [
        code
        for code, country in config.countries.items()
        if contains_phrase(
            folded, sorted({fold(country.name.de), fold(country.name.en), *country.words}, key=len, reverse=True)
        )
    ]
    return found[0] if len(found) == 1 else None


def shipping_method_in(text: str) -> ShippingMethod | None:
    """ "Express, bitte" → express; "normal" → standard."""
    folded = fold(text)
    if contains_phrase(folded, _EXPRESS):
        return ShippingMethod.EXPRESS
    if contains_phrase(folded, _STANDARD):
        return ShippingMethod.STANDARD
    return None


def payment_method_in(text: str, config: CommerceConfig) -> str | None:
    """The payment method a text names, by the pack's words for it."""
    folded = fold(text)
    best: tuple[int, str] | None = None
    for key, method in config.payment_methods.items():
        phrase = contains_phrase(folded, sorted(method.words, key=len, reverse=True))
        if phrase is not None and (best is None or len(phrase) > best[0]):
            best = (len(phrase), key)
    return best[1] if best else None


def says_no(text: str) -> bool:
    """A "no"/"keinen" answer to an optional question (voucher code)."""
    return contains_phrase(fold(text), _NO) is not None


_CODE = re.compile(r"\b([A-Za-z]{2,}[A-Za-z0-9-]*\d+[A-Za-z0-9-]*|[A-Z0-9]{5,})\b")


def voucher_code_in(text: str) -> str | None:
    """A code-like word ("WINTER10", "vip20") in the text."""
    match = _CODE.search(text)
    return match.group(1).upper() if match else None
