#!/usr/bin/env python3
"""Load test of a running ``firstline serve``: concurrent conversations posting customer messages.

    uv run python scripts/load_test.py --url http://127.0.0.1:8000 [--messages 5] [--levels 1,10,100]

For each level, that many conversations run at once; each is created and then sends
``--messages`` messages one after another (as a customer waits for each answer). Prints JSON:
requests per second and p50/p95/p99 latency of ``POST …/messages`` per level. Only loopback
targets are accepted, every request has a timeout, and a level stops after ``--max-seconds``.

Keep ``--messages`` within the server's per-conversation rate limit (30 a minute by default);
each run creates sum(levels) conversations from one IP (the default limit is 600 an hour).
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import math
import sys
import time
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

try:
    import httpx2 as httpx
except ImportError:  # pragma: no cover
    import httpx  # type: ignore[no-redef, import-not-found]

QUESTIONS = [
    "Was kostet der Versand nach Österreich?",
    "Wie lange dauert die Lieferung?",
    "How long do I have to return an item?",
    "Welche Zahlungsarten gibt es?",
    "Do you ship to Switzerland?",
    "Wie lange habe ich Garantie?",
    "Wo ist meine Bestellung 100055?",
    "What are your opening hours?",
]
MAX_CONVERSATIONS = 200
MAX_MESSAGES = 30


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def loopback_only(url: str) -> str:
    """The URL without a trailing slash; refuses anything but this machine."""
    host = urlsplit(url).hostname or ""
    if not is_loopback(host):
        raise SystemExit(f"error: only loopback targets (127.0.0.1, localhost, ::1) are allowed, not {host!r}")
    return url.rstrip("/")


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of sorted values."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


async def conversation(
    client: httpx.AsyncClient, index: int, messages: int, latencies: list[float], statuses: Counter[str]
) -> None:
    created = await client.post("/api/v1/conversations", json={"channel": "api"})
    statuses[f"create {created.status_code}"] += 1
    if created.status_code != 201:
        return
    conversation_id = created.json()["id"]
    for turn in range(messages):
        text = QUESTIONS[(index + turn) % len(QUESTIONS)]
        started = time.perf_counter()
        try:
            response = await client.post(f"/api/v1/conversations/{conversation_id}/messages", json={"text": text})
            statuses[str(response.status_code)] += 1
            if response.status_code == 200:
                latencies.append((time.perf_counter() - started) * 1000)
        except httpx.HTTPError as error:
            statuses[type(error).__name__] += 1


async def run_level(url: str, concurrency: int, messages: int, max_seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:
        started = time.perf_counter()
        tasks = [
            asyncio.create_task(conversation(client, index, messages, latencies, statuses))
            for index in range(concurrency)
        ]
        done, pending = await asyncio.wait(tasks, timeout=max_seconds)
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        for task in done:
            if task.exception() is not None:
                statuses[type(task.exception()).__name__] += 1
        elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "concurrent_conversations": concurrency,
        "messages_per_conversation": messages,
        "answered_messages": len(ordered),
        "statuses": dict(sorted(statuses.items())),
        "stopped_early": bool(pending),
        "seconds": round(elapsed, 3),
        "messages_per_second": round(len(ordered) / elapsed, 1) if elapsed else None,
        "latency_ms": {
            "p50": round(percentile(ordered, 0.50), 1),
            "p95": round(percentile(ordered, 0.95), 1),
            "p99": round(percentile(ordered, 0.99), 1),
            "max": round(ordered[-1], 1) if ordered else math.nan,
        },
    }


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000", help="a running firstline serve (loopback only)")
    parser.add_argument("--messages", type=int, default=5, help=f"messages per conversation (1..{MAX_MESSAGES})")
    parser.add_argument("--levels", default="1,10,100", help="concurrent conversations per level, comma-separated")
    parser.add_argument("--max-seconds", type=float, default=120.0, help="time limit of one level")
    args = parser.parse_args(argv)
    url = loopback_only(args.url)
    levels = [int(level) for level in args.levels.split(",") if level.strip()]
    if not 1 <= args.messages <= MAX_MESSAGES or not all(1 <= level <= MAX_CONVERSATIONS for level in levels):
        parser.error(f"--messages must be 1..{MAX_MESSAGES} and each level 1..{MAX_CONVERSATIONS}")
    async with httpx.AsyncClient(base_url=url, timeout=10) as client:
        health = await client.get("/healthz")
        health.raise_for_status()
    results = [await run_level(url, level, args.messages, args.max_seconds) for level in levels]
    print(json.dumps({"url": url, "endpoint": "POST /api/v1/conversations/{id}/messages", "levels": results}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
