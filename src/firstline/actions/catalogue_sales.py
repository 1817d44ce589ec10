"""Every selling action, sharing one shop cache (the catalogue index is built once)."""

from __future__ import annotations

from firstline.actions.base import Action
from firstline.actions.cart import AddToCart, ChangeCart, ShowCart
from firstline.actions.catalogue import AnswerProductQuestion, CompareProducts, SearchCatalogue
from firstline.actions.catalogue_shop import ShopCache
from firstline.actions.checkout import (
    ApplyVoucher,
    CheckCountry,
    CheckPayment,
    CheckPostalCode,
    CheckShipping,
    PlaceOrder,
    StartCheckout,
    SummariseCheckout,
)
from firstline.actions.quote import CreateQuote, StartQuote
from firstline.commerce.ports import SalesBackend


def sales_actions(backend: SalesBackend | None = None) -> list[Action]:
    """The catalogue, cart, checkout and quote actions, on ``backend`` (default: the pack's catalogue)."""
    cache = ShopCache(backend)
    return [
        SearchCatalogue(cache),
        AnswerProductQuestion(cache),
        CompareProducts(cache),
        AddToCart(cache),
        ChangeCart(cache),
        ShowCart(cache),
        StartCheckout(cache),
        CheckCountry(cache),
        CheckPostalCode(cache),
        CheckShipping(cache),
        CheckPayment(cache),
        ApplyVoucher(cache),
        SummariseCheckout(cache),
        PlaceOrder(cache),
        StartQuote(cache),
        CreateQuote(cache),
    ]
