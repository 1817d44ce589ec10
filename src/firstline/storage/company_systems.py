"""The company's systems over HTTP (httpx): base URL and headers from the pack and settings, retries, timeouts.

A system without a configured URL but with a ``simulator`` (a pack file with an ASGI ``app``)
is served in-process, so a demo pack works on a laptop without starting anything.
"""

from __future__ import annotations

import asyncio
import importlib.util
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import httpx

from firstline.actions.ports import SystemCall, SystemReply, SystemUnavailable
from firstline.company.actions_schema import SystemConfig
from firstline.errors import CompanyPackError
from firstline.settings import Settings, SystemSettings

_SECRET = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
_RETRY_PAUSE_SECONDS = 0.2


def resolve_secrets(value: str, secrets: Mapping[str, str], *, where: str) -> str:
    """Replace ``${NAME}`` by the secret; a missing one is a configuration error naming where it is used."""

    def secret(match: re.Match[str]) -> str:
        name = match.group(1)
        found = secrets.get(name, secrets.get(name.lower()))
        if found is None:
            raise ValueError(f"{where}: the secret {name} is not set (settings secrets, env FIRSTLINE_SECRETS__{name})")
        return found

    return _SECRET.sub(secret, value)


class HttpCompanySystem:
    """One company system: JSON over HTTP, retried only where sending twice is harmless."""

    def __init__(
        self,
        name: str,
        config: SystemConfig,
        *,
        base_url: str,
        headers: dict[str, str],
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.name = name
        self._config = config
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            headers={"Accept": "application/json", **headers},
            timeout=config.timeout_seconds,
            transport=transport,
        )

    async def call(self, request: SystemCall) -> SystemReply:
        """Send the request; retry timeouts, refused connections and 5xx when the call is idempotent."""
        attempts = 1 + (self._config.retries if request.idempotent else 0)
        for attempt in range(1, attempts + 1):
            last = attempt == attempts
            try:
                response = await self._client.request(
                    request.method, request.path, params=request.query or None, json=request.body
                )
            except httpx.TimeoutException as error:
                if last:
                    raise SystemUnavailable(
                        "timeout", f"{self.name}: no answer in {self._config.timeout_seconds} s"
                    ) from error
            except httpx.TransportError as error:
                if last:
                    raise SystemUnavailable("unreachable", f"{self.name}: {type(error).__name__}") from error
            else:
                if response.status_code >= 500 and not last:
                    await asyncio.sleep(_RETRY_PAUSE_SECONDS * attempt)
                    continue
                return SystemReply(status=response.status_code, data=_json(response))
            await asyncio.sleep(_RETRY_PAUSE_SECONDS * attempt)
        raise SystemUnavailable("unreachable", self.name)  # not reached: the last attempt returns or raises

    async def close(self) -> None:
        """Release the connections."""
        await self._client.aclose()


def _json(response: httpx.Response) -> Any:
    """The answer's JSON (None when empty); a 2xx that is not JSON is no usable answer."""
    if not response.content.strip():
        return None
    try:
        return response.json()
    except ValueError as error:
        if response.is_success:
            raise SystemUnavailable("invalid_response", "the answer is not JSON") from error
        return None


def open_systems(
    systems: Mapping[str, SystemConfig], settings: Settings, pack_root: Path, actions_path: Path
) -> dict[str, HttpCompanySystem]:
    """A client per declared system: the URL from settings (or the pack), headers with their secrets filled in."""
    opened: dict[str, HttpCompanySystem] = {}
    for name, config in systems.items():
        local = settings.systems.get(name) or settings.systems.get(name.upper()) or SystemSettings()
        url = local.url or config.url
        transport: httpx.AsyncBaseTransport | None = None
        if url is None:
            assert config.simulator is not None  # the schema demands one of them
            transport = httpx.ASGITransport(app=load_simulator(pack_root / config.simulator, actions_path))
            url = f"http://{name}.simulator"
        filled: dict[str, str] = {}
        for key, value in {**config.headers, **local.headers}.items():
            try:
                filled[key] = resolve_secrets(value, settings.secrets, where=f"systems.{name}.headers.{key}")
            except ValueError as error:
                if transport is None:  # the real system needs its secrets; the pack's simulator does not
                    raise CompanyPackError(actions_path, None, str(error)) from error
        opened[name] = HttpCompanySystem(name, config, base_url=url, headers=filled, transport=transport)
    return opened


def load_simulator(path: Path, actions_path: Path) -> Any:
    """A fresh app from the simulator's ``create_app()`` (each start begins with its data), else its ``app``."""
    if not path.is_file():
        raise CompanyPackError(actions_path, None, f"simulator file {path} does not exist")
    module_name = f"firstline_simulator_{abs(hash(path.resolve()))}"
    module = sys.modules.get(module_name)
    if module is None:
        spec = importlib.util.spec_from_file_location(module_name, path)
        if spec is None or spec.loader is None:
            raise CompanyPackError(path, None, "cannot load the simulator")
        module = importlib.util.module_from_spec(spec)
        sys.modules[module_name] = module
        spec.loader.exec_module(module)
    factory = getattr(module, "create_app", None)
    app = factory() if callable(factory) else getattr(module, "app", None)
    if app is None:
        raise CompanyPackError(path, None, "the simulator must define create_app() or an ASGI 'app' (FastAPI())")
    return app
