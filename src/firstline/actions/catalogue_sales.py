"""Every selling action, sharing one shop cache (the catalogue index is built once)."""

from __future__ import annotations

from firstline.actions.base import Action, ActionRegistry
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


def sales_actions() -> list[Action]:
    """The catalogue, cart, checkout and quote actions."""
    cache = ShopCache()
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


def connect_sales(actions: ActionRegistry, backend: SalesBackend) -> None:
    """Point the selling actions at the company's sales backend (called once by the composition root)."""
    action = actions.get(SearchCatalogue().name)
    if isinstance(action, SearchCatalogue):
        action.cache.connect(backend)
