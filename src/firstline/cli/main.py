"""``firstline``: chat, test, eval, bench and init."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from firstline.cli.admin import admin_app
from firstline.cli.desk import desk_app
from firstline.cli.logs import configure_logging
from firstline.company.loader import load_company, resolve_pack_dir
from firstline.errors import CompanyPackError, FirstlineError
from firstline.settings import Settings

app = typer.Typer(
    help="firstline: an offline AI customer service representative (German and English).",
    no_args_is_help=True,
    add_completion=False,
)
eval_app = typer.Typer(help="Measure accuracy on public datasets and labelled conversations.", no_args_is_help=True)


@app.callback()
def main(verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each turn to stderr.")] = False) -> None:
    """firstline: an offline AI customer service representative (German and English)."""
    configure_logging(logging.INFO if verbose else logging.WARNING)


app.add_typer(eval_app, name="eval")
app.add_typer(desk_app, name="desk")
app.add_typer(admin_app, name="admin")

CompanyOption = Annotated[
    str | None,
    typer.Option("--company", help="Company pack folder, or a bundled pack by name: demo (default), stadtwerke."),
]


def _settings(company: str | None) -> Settings:
    settings = Settings()
    if company is not None:
        settings.company_dir = resolve_pack_dir(company).resolve()
    return settings


def _pack_error(error: CompanyPackError) -> None:
    typer.echo(f"error: invalid company pack: {error}", err=True)
    raise typer.Exit(2)


@app.command()
def chat(
    company: CompanyOption = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Start in this language: de or en.")] = None,
) -> None:
    """Talk to the agent in the terminal (one message per line when stdin is not a terminal)."""
    if lang not in (None, "de", "en"):
        typer.echo("error: --lang must be 'de' or 'en'", err=True)
        raise typer.Exit(2)
    from firstline.cli.chat import run_chat  # heavy (models): only when chatting

    try:
        asyncio.run(run_chat(_settings(company), lang, sys.stdin, interactive=sys.stdin.isatty()))
    except CompanyPackError as error:
        _pack_error(error)


@app.command("test")
def test_conversations(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="YAML files or folders (default: the pack's tests/).")
    ] = None,
    company: CompanyOption = None,
) -> None:
    """Run conversation tests; print one line per failure and 'N passed, N failed'."""
    from firstline.testing.conversations import run_conversation_tests

    try:
        passed, failed = asyncio.run(run_conversation_tests(_settings(company), paths or []))
    except CompanyPackError as error:
        _pack_error(error)
        return
    raise typer.Exit(1 if failed or not passed else 0)


@eval_app.command("intents")
def eval_intents(
    train: Annotated[Path | None, typer.Option("--train", help="JSON Lines training set.")] = None,
    company: Annotated[
        str | None,
        typer.Option("--company", help="Cross-validate a pack's own intent examples (per language) instead."),
    ] = None,
    test: Annotated[
        Path | None, typer.Option("--test", help="JSON Lines test set (omit for cross-validation).")
    ] = None,
    folds: Annotated[int, typer.Option("--folds", help="Folds when cross-validating.")] = 5,
    embedder: Annotated[str, typer.Option("--embedder", help="use or e5.")] = "use",
) -> None:
    """Train the embedded intent classifier and print metrics as JSON."""
    from firstline.understanding.intent_evaluation import (
        cross_validate_intents,
        evaluate_intents,
        load_intent_jsonl,
    )

    try:
        if company is not None:
            pack = load_company(resolve_pack_dir(company))
            metrics: dict[str, Any] = {
                language.value: cross_validate_intents(
                    [(text, intent) for intent, texts in examples.items() for text in texts],
                    folds=folds,
                    embedder_name=embedder,
                    oos_label="out_of_scope",
                )
                for language, examples in pack.intents.items()
            }
        elif train is None:
            raise ValueError("give --train FILE (JSON Lines) or --company PACK")
        elif test is None:
            metrics = cross_validate_intents(load_intent_jsonl(train), folds=folds, embedder_name=embedder)
        else:
            metrics = evaluate_intents(load_intent_jsonl(train), load_intent_jsonl(test), embedder_name=embedder)
    except (OSError, ValueError, FirstlineError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(json.dumps(metrics, indent=2))


@eval_app.command("conversations")
def eval_conversations(
    company: CompanyOption = None,
    eval_set: Annotated[
        list[Path] | None,
        typer.Option("--set", help="Eval set YAML file or folder (default: the pack's eval/conversations/)."),
    ] = None,
    failures: Annotated[bool, typer.Option("--failures", help="List each failed item and why.")] = False,
    min_accuracy: Annotated[
        float | None, typer.Option("--min-accuracy", help="Exit 1 when accuracy is below this.")
    ] = None,
    max_confidently_wrong: Annotated[
        float | None, typer.Option("--max-confidently-wrong", help="Exit 1 when the confidently-wrong rate is above.")
    ] = None,
) -> None:
    """Run the labelled conversation set in-process; print accuracy, confidently-wrong and abstention as JSON."""
    from firstline.testing.conversation_eval import evaluate_conversations

    try:
        metrics = asyncio.run(evaluate_conversations(_settings(company), eval_set or [], failures=failures))
    except CompanyPackError as error:
        _pack_error(error)
        return
    except (OSError, ValueError) as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(json.dumps(metrics, indent=2, ensure_ascii=False))
    below = min_accuracy is not None and metrics["accuracy"] < min_accuracy
    above = max_confidently_wrong is not None and metrics["confidently_wrong_rate"] > max_confidently_wrong
    raise typer.Exit(1 if below or above else 0)


@app.command()
def bench(
    company: CompanyOption = None,
    turns: Annotated[int, typer.Option("--turns", help="Customer turns to time.")] = 200,
) -> None:
    """Time customer turns on the company pack; print percentiles as JSON."""
    from firstline.cli.bench import run_bench

    try:
        typer.echo(json.dumps(asyncio.run(run_bench(_settings(company), turns)), indent=2))
    except CompanyPackError as error:
        _pack_error(error)


@app.command()
def serve(
    company: CompanyOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
) -> None:
    """Web app: demo page with the chat widget at /, HTTP API under /api/v1 (docs at /docs)."""
    import structlog

    from firstline.app import build_services
    from firstline.web.server import server_for

    settings = _settings(company)

    async def run() -> None:
        services = await build_services(settings)
        try:
            # Messages stored but never answered (a crash mid-turn) are answered before serving.
            for inbound in await services.store.unprocessed():
                try:
                    await services.agent.handle(inbound)
                except Exception as error:  # one broken turn must not keep the server down
                    structlog.get_logger().error("serve.replay_failed", error=repr(error))
            server = server_for(services, host=host, port=port, max_text_chars=settings.max_message_chars)
            typer.echo(f"firstline: serving {services.company.name} on http://{host}:{port}/ (API docs: /docs)")
            await server.serve()
        finally:
            await services.close()

    try:
        asyncio.run(run())
    except CompanyPackError as error:
        _pack_error(error)


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder for the new company pack.")],
    template: Annotated[
        str,
        typer.Option(
            "--template",
            help="blank (knowledge and contacts only), retail (a shop with orders), utility (the Stadtwerke pack).",
        ),
    ] = "retail",
) -> None:
    """Scaffold a new, working company pack."""
    from firstline.company.scaffold import TEMPLATES, scaffold_pack

    if template not in TEMPLATES:
        typer.echo(f"error: unknown template {template!r}; choose one of: {', '.join(TEMPLATES)}", err=True)
        raise typer.Exit(2)
    try:
        scaffold_pack(directory, template)
    except FileExistsError as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(2) from error
    typer.echo(f"Created a company pack in {directory}. Try: firstline chat --company {directory}")


if __name__ == "__main__":
    app()
