"""``firstline desk`` as a supervisor runs it: real processes sharing one database with ``firstline chat``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest


def firstline(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FIRSTLINE_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "firstline.cli.main", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("desk")
    # A customer asks for a refund above the agent's limit; the conversation waits for approval.
    chat = firstline(
        folder,
        "chat",
        "--lang",
        "en",
        stdin="I want a refund for order 100052\nmartina.hoffmann@example.de\n250 euros\nyes\n",
    )
    assert chat.returncode == 0, chat.stderr[-2000:]
    assert "APR-" in chat.stdout
    return folder


def test_a_supervisor_approves_from_the_terminal(data_dir: Path) -> None:
    listed = firstline(data_dir, "desk", "approvals", "--json")
    assert listed.returncode == 0, listed.stderr[-2000:]
    approvals = json.loads(listed.stdout)
    assert len(approvals) == 1 and approvals[0]["details"]["args"]["refund_amount"] == "250.00"
    reference, conversation = approvals[0]["reference"], approvals[0]["conversation_id"]

    approved = firstline(data_dir, "desk", "approve", reference, "--note", "fine", "--as", "anna")
    assert approved.returncode == 0, approved.stderr[-2000:]
    assert f"conversation {conversation} is now bot" in approved.stdout
    assert "customer sees: Good news" in approved.stdout

    again = firstline(data_dir, "desk", "approve", reference, "--as", "anna")
    assert again.returncode == 1 and "already decided" in again.stderr

    shown = firstline(data_dir, "desk", "show", conversation)
    assert "refund=pending_approval (refund_limit)" in shown.stdout
    assert "audit staff:anna refund allowed done" in shown.stdout


def test_bad_options_are_clear_errors(tmp_path: Path) -> None:
    wrong = firstline(tmp_path, "desk", "inbox", "--status", "sleeping")
    assert wrong.returncode == 2 and "sleeping" in wrong.stderr
