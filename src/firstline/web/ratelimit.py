"""Rate limits per client: ``limits`` moving windows in process memory.

Messages are limited per client IP and conversation (a message flood), new conversations
per client IP. Several processes behind a load balancer need a shared storage (Redis)
behind the same ``RateLimits``.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter

from firstline.web.errors import ApiError


class RateLimits:
    """Checks and counts requests; raises a 429 ``ApiError`` when a client is over its limit."""

    def __init__(self, *, messages: str, conversations: str) -> None:
        self._messages = parse(messages)
        self._conversations = parse(conversations)
        self._limiter = MovingWindowRateLimiter(MemoryStorage())

    async def hit_message(self, client: str, conversation_id: str) -> None:
        """Count one message of a client in a conversation."""
        await self._hit(self._messages, "message", client, conversation_id, what="messages in this conversation")

    async def hit_conversation(self, client: str) -> None:
        """Count one new conversation of a client."""
        await self._hit(self._conversations, "conversation", client, what="new conversations")

    async def _hit(self, item: RateLimitItem, *keys: str, what: str) -> None:
        if await self._limiter.hit(item, *keys):
            return
        stats = await self._limiter.get_window_stats(item, *keys)
        wait = max(1, math.ceil(stats.reset_time - time.time()))
        raise ApiError(
            429,
            f"too many {what} (limit {item}); try again in {wait} seconds",
            headers={"Retry-After": str(wait)},
        )
