"""The console's script, served from the package (no CDN: the console works offline)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import Response

STATIC = Path(__file__).parent / "static"

router = APIRouter(prefix="/console", include_in_schema=False)


@cache
def _console_js() -> bytes:
    return (STATIC / "console.js").read_bytes()


@router.get("/static/console.js")
async def console_js() -> Response:
    """The live-update script of the console pages."""
    return Response(
        _console_js(),
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"},
    )
