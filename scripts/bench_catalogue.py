"""Catalogue search benchmark: p50/p95 of a search turn on the demo catalogue and on 10,000 generated products.

By default a "search turn" is what the ``search_catalogue`` action does for one customer
message: read the filters, search, rank and build the result cards. With ``--agent`` it is a
whole customer turn through ``Agent.handle`` (language, understanding, dialogue, action,
templates, storage) on a copy of the demo pack whose catalogue is replaced by the generated one.
Prints JSON.

    uv run python scripts/bench_catalogue.py [--products 10000] [--rounds 5] [--agent]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from firstline.actions.base import ActionContext
from firstline.actions.catalogue import SearchCatalogue
from firstline.actions.catalogue_shop import ShopCache
from firstline.commerce.ports import OrderDraft
from firstline.company.loader import demo_company_dir, load_company
from firstline.company.model import Company
from firstline.domain.commerce import Product
from firstline.domain.language import Language
from firstline.storage.pack_commerce import PackCommerceBackend

QUERIES = [
    ("de", "Ich suche eine leise Spülmaschine, 45 cm breit, unter 600 Euro"),
    ("en", "a washing machine with at least 8 kg from Bosch or Siemens"),
    ("de", "Fernseher ab 55 Zoll mit mindestens 4 Sternen"),
    ("en", "headphones with noise cancelling between 100 and 300 euros"),
    ("de", "Etwas wie die Sony WH-1000XM5, aber günstiger"),
    ("en", "only the ones with energy class A"),
    ("de", "Kaffeevollautomat mit Milchsystem auf Lager"),
    ("en", "OLED"),
]


class _Catalogue(PackCommerceBackend):
    def __init__(self, company: Company, products: list[Product]) -> None:
        super().__init__(company.data)
        self._products = products

    async def products(self) -> Sequence[Product]:
        return self._products

    async def place_order(self, draft: OrderDraft) -> str:
        raise RuntimeError("benchmark")


def generated(base: list[Product], count: int, seed: int = 7) -> list[Product]:
    """``count`` products: the demo's own plus generated ones like them (varied names, prices, measures)."""
    rng = random.Random(seed)
    brands = sorted({p.brand for p in base}) + [f"Marke{i}" for i in range(40)]
    products = list(base)  # the pack's orders and the queries name some of these
    for index in range(count - len(base)):
        model = rng.choice(base)
        specs: dict[str, Any] = {
            k: (round(v * rng.uniform(0.8, 1.2), 1) if isinstance(v, (int, float)) and not isinstance(v, bool) else v)
            for k, v in model.specs.items()
        }
        dims = {k: round(v * rng.uniform(0.9, 1.1), 1) for k, v in model.dimensions_cm.items()}
        brand = rng.choice(brands)
        products.append(
            replace(
                model,
                sku=f"GEN-{index:05d}",
                name=f"{brand} {model.category_name['de']} {rng.choice('ABCDEFGHKLMNPRSTX')}{rng.randint(100, 9999)}",
                brand=brand,
                price=(model.price * Decimal(str(round(rng.uniform(0.6, 1.6), 2)))).quantize(Decimal("0.01")),
                stock=rng.choice([0, 0, 1, 3, 8, 20]),
                restock_days=rng.choice([None, 3, 7, 14]),
                specs=specs,
                dimensions_cm=dims,
                rating=round(rng.uniform(2.5, 5.0), 1),
                accessories=(),
                alternatives=(),
            )
        )
    return products


async def measure(company: Company, products: list[Product], rounds: int) -> dict[str, Any]:
    """Time every query ``rounds`` times (after one warm-up building the index)."""
    backend = _Catalogue(company, products)
    action = SearchCatalogue(ShopCache())
    now = datetime(2026, 11, 26, 9, 0, tzinfo=UTC)

    def context(language: str, text: str) -> ActionContext:
        return ActionContext(
            slots={}, language=Language(language), company=company, backend=backend,
            changes=None, tickets=None, now=now, text=text,  # type: ignore[arg-type]  # search needs neither
        )  # fmt: skip

    started = time.perf_counter()
    await action.run(context(*QUERIES[0]))
    index_ms = (time.perf_counter() - started) * 1000
    timings = []
    results = []
    for _ in range(rounds):
        for language, text in QUERIES:
            begin = time.perf_counter()
            result = await action.run(context(language, text))
            timings.append((time.perf_counter() - begin) * 1000)
            results.append(result.args.get("results", 0))
    timings.sort()
    return {
        "products": len(products),
        "turns": len(timings),
        "first_turn_with_index_build_ms": round(index_ms, 1),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
        "max_ms": round(timings[-1], 2),
        "mean_results": round(sum(results) / len(results), 1),
    }


def _record(product: Product) -> dict[str, Any]:
    """A product as a line of ``data/products.json``."""
    return {
        "sku": product.sku, "name": product.name, "brand": product.brand, "category": product.category,
        "category_name": product.category_name, "price": str(product.price), "stock": product.stock,
        "restock_days": product.restock_days, "energy_label": product.energy_label,
        "warranty_years": product.warranty_years, "dimensions_cm": product.dimensions_cm,
        "weight_kg": product.weight_kg, "bulky": product.bulky, "specs": product.specs,
        "description": product.description, "accessories": list(product.accessories),
        "alternatives": list(product.alternatives), "rating": product.rating,
    }  # fmt: skip


async def measure_agent(pack: Path, rounds: int) -> dict[str, Any]:
    """Whole customer turns with one search message each, a new conversation per message."""
    from firstline.app import build_services  # noqa: PLC0415 - only this mode trains models
    from firstline.settings import Settings  # noqa: PLC0415
    from firstline.testing.conversations import isolated_settings  # noqa: PLC0415

    with tempfile.TemporaryDirectory() as folder:
        settings = isolated_settings(Settings(company_dir=pack), Path(folder))
        started = time.perf_counter()
        services = await build_services(settings)
        startup_s = time.perf_counter() - started
        timings = []
        try:
            for _ in range(rounds + 1):
                for language, text in QUERIES:
                    conversation = await services.open_conversation(language=Language(language))
                    begin = time.perf_counter()
                    await services.agent.handle(services.inbound(conversation, text))
                    timings.append((time.perf_counter() - begin) * 1000)
        finally:
            await services.close()
    timings = sorted(timings[len(QUERIES) :])  # the first round warms the caches
    return {
        "turns": len(timings),
        "startup_s": round(startup_s, 1),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 1),
    }


def _pack_with(products: list[Product], folder: Path) -> Path:
    """A copy of the demo pack whose catalogue is ``products``."""
    pack = folder / "pack"
    shutil.copytree(demo_company_dir(), pack, ignore=shutil.ignore_patterns("tests"))
    (pack / "data" / "products.json").write_text(json.dumps([_record(p) for p in products]), encoding="utf-8")
    return pack


def main() -> None:
    """Run the benchmark and print JSON."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--products", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--agent", action="store_true", help="time whole turns through Agent.handle")
    args = parser.parse_args()
    company = load_company(demo_company_dir())
    demo = list(company.data.products.values())
    big = generated(demo, args.products)
    report: dict[str, Any] = {
        "search_action": {
            "demo": asyncio.run(measure(company, demo, args.rounds)),
            "generated": asyncio.run(measure(company, big, args.rounds)),
        }
    }
    if args.agent:
        with tempfile.TemporaryDirectory() as folder:
            report["agent_turn"] = {
                "demo": asyncio.run(measure_agent(demo_company_dir(), args.rounds)),
                "generated": asyncio.run(measure_agent(_pack_with(big, Path(folder)), args.rounds)),
            }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
