"""``firstline chat`` in pipe mode, as a user runs it: a real process, hostile input included."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run_chat(stdin: bytes, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "FIRSTLINE_DATA_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-m", "firstline.cli.main", "chat", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[bytes], int]:
    lines = [
        b"",  # empty
        "Was kostet der Versand nach Österreich?".encode(),
        b"x" * 1_000_000,  # 1 MB
        bytes(range(1, 256)).replace(b"\n", b""),  # binary garbage (no newline)
        b"\xff\xfe\xfa invalid utf-8 \xc3\x28",  # invalid UTF-8
        "😀😀🙈".encode(),  # only emojis
        b"'; DROP TABLE messages; --",  # SQL
        b"<script>alert('x')</script><b>Hallo</b>",  # HTML
        b"Where is my order?",  # the bot still works afterwards
    ]
    result = run_chat(b"\n".join(lines) + b"\n", tmp_path_factory.mktemp("chat"))
    return result, len(lines)


def test_every_line_gets_an_answer_and_nothing_crashes(
    hostile_run: tuple[subprocess.CompletedProcess[bytes], int],
) -> None:
    result, lines = hostile_run
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-2000:]
    output = result.stdout.decode()
    turns = [block for block in output.split("\n\n") if block.strip()]
    assert len(turns) == lines
    assert all(block.startswith("Agent: ") for block in turns)


def test_first_reply_discloses_the_ai_and_answers_with_source(
    hostile_run: tuple[subprocess.CompletedProcess[bytes], int],
) -> None:
    turns = [b for b in hostile_run[0].stdout.decode().split("\n\n") if b.strip()]
    assert "KI" in turns[0]
    assert "9,90" in turns[1] and "[Quelle:" in turns[1]


def test_hostile_lines_get_a_clear_reply(hostile_run: tuple[subprocess.CompletedProcess[bytes], int]) -> None:
    turns = [b for b in hostile_run[0].stdout.decode().split("\n\n") if b.strip()]
    assert "leer" in turns[0]  # the empty line
    assert "<script>" not in turns[7]  # nothing is echoed back
    assert "order number" in turns[8].lower()  # switched to English, flow started


def test_unknown_language_option_is_refused(tmp_path: Path) -> None:
    result = run_chat(b"Hallo\n", tmp_path, "--lang", "fr")
    assert result.returncode == 2 and b"--lang" in result.stderr


def test_broken_company_pack_names_file_and_line(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "company.yaml").write_text("name: X\nbusiness_hours: [\n", encoding="utf-8")
    result = run_chat(b"Hallo\n", tmp_path, "--company", str(pack))
    assert result.returncode == 2
    assert b"company.yaml:" in result.stderr
