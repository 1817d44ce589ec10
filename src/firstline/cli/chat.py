"""``firstline chat``: a conversation in the terminal, or line by line from a pipe."""

from __future__ import annotations

from typing import TextIO

import typer

from firstline.app import build_services
from firstline.domain.conversation import TurnResult
from firstline.domain.language import Language
from firstline.settings import Settings

PROMPTS = {Language.DE: "Sie", Language.EN: "You"}


def format_result(result: TurnResult) -> str:
    """The agent's replies as terminal text, sources under each quoted answer."""
    lines = []
    for reply in result.replies:
        lines.append(f"Agent: {reply.text}")
        for citation in reply.citations:
            label = "Quelle" if result.language is Language.DE else "Source"
            lines.append(f"       [{label}: {citation.title} – {citation.source}]")
    if result.status.value != "bot":
        lines.append(f"       ({result.status.value})")
    return "\n".join(lines)


def _read_line(stream: TextIO) -> str | None:
    try:
        raw = stream.buffer.readline() if hasattr(stream, "buffer") else stream.readline().encode()
    except (KeyboardInterrupt, EOFError):
        return None
    if not raw:
        return None
    # Invalid UTF-8 is replaced, never fatal: the customer still gets an answer.
    return raw.decode("utf-8", errors="replace").rstrip("\r\n")


async def run_chat(settings: Settings, lang: str | None, stream: TextIO, *, interactive: bool) -> None:
    """Read customer messages until end of input; print each reply."""
    if interactive:
        typer.echo("Vorbereitung / Preparing (the first start trains the models: about a minute) …", err=True)
    services = await build_services(
        settings, progress=(lambda line: typer.echo(line, err=True)) if interactive else None
    )
    try:
        conversation = await services.open_conversation(channel="cli", language=Language(lang) if lang else None)
        if interactive:
            typer.echo(f"{services.company.name} – firstline chat. Ctrl-D beendet / ends the chat.\n")
        language = conversation.language
        while True:
            if interactive:
                typer.echo(f"{PROMPTS[language]}: ", nl=False)
            line = _read_line(stream)
            if line is None:
                break
            inbound = services.inbound(conversation, line)
            result = await services.agent.handle(inbound)
            language = result.language
            typer.echo(format_result(result) + "\n")
    finally:
        await services.close()
