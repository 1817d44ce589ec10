"""``firstline admin``: creating staff accounts from the command line, as a real process."""

from __future__ import annotations

import asyncio
import os
import pty
import select
import subprocess
import sys
import termios
import time
from pathlib import Path

from firstline.storage.database import open_database
from firstline.storage.staff import Role, SqlStaffStore, StaffUser
from firstline.web.auth.accounts import StaffAccounts

PASSWORD = "ein sehr geheimes Passwort"


def firstline(data_dir: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "FIRSTLINE_DATA_DIR": str(data_dir)}
    env.pop("FIRSTLINE_DATABASE__URL", None)
    return subprocess.run(
        [sys.executable, "-m", "firstline.cli.main", "admin", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


def authenticate(data_dir: Path, username: str, password: str) -> StaffUser | None:
    async def check() -> StaffUser | None:
        engine = await open_database(f"sqlite+aiosqlite:///{data_dir / 'firstline.db'}")
        try:
            return await StaffAccounts(SqlStaffStore(engine)).authenticate(username, password)
        finally:
            await engine.dispose()

    return asyncio.run(check())


def test_admin_create_reads_the_password_from_stdin(tmp_path: Path) -> None:
    created = firstline(tmp_path, "create", "Chefin", "--password-stdin", stdin=PASSWORD + "\n")
    assert created.returncode == 0, created.stderr
    assert "Created admin 'chefin'" in created.stdout
    user = authenticate(tmp_path, "chefin", PASSWORD)
    assert user is not None and user.role is Role.ADMIN
    assert authenticate(tmp_path, "chefin", "wrong password") is None

    agent = firstline(
        tmp_path, "create", "max", "--role", "agent", "--language", "de", "--password-stdin", stdin=PASSWORD
    )
    assert agent.returncode == 0, agent.stderr
    listed = firstline(tmp_path, "list")
    assert listed.stdout.splitlines() == ["chefin\tadmin\tactive", "max\tagent\tactive"]


def test_admin_create_explains_what_is_wrong(tmp_path: Path) -> None:
    short = firstline(tmp_path, "create", "chefin", "--password-stdin", stdin="kurz\n")
    assert short.returncode == 2 and "at least 10 characters" in short.stderr
    firstline(tmp_path, "create", "chefin", "--password-stdin", stdin=PASSWORD)
    again = firstline(tmp_path, "create", "chefin", "--password-stdin", stdin=PASSWORD)
    assert again.returncode == 2 and "taken" in again.stderr
    bad_name = firstline(tmp_path, "create", "x y", "--password-stdin", stdin=PASSWORD)
    assert bad_name.returncode == 2 and "username" in bad_name.stderr


def test_admin_create_without_a_terminal_needs_password_stdin(tmp_path: Path) -> None:
    answer = firstline(tmp_path, "create", "chefin", stdin=PASSWORD)
    assert answer.returncode == 2 and "--password-stdin" in answer.stderr


def test_admin_create_asks_for_the_password_twice_in_a_terminal(tmp_path: Path) -> None:
    pid, terminal = pty.fork()
    if pid == 0:  # the child: firstline in a real terminal
        os.environ["FIRSTLINE_DATA_DIR"] = str(tmp_path)
        os.execv(sys.executable, [sys.executable, "-m", "firstline.cli.main", "admin", "create", "chefin"])
    output = _answer(terminal, "Password:", PASSWORD)
    output += _answer(terminal, "Repeat for confirmation:", PASSWORD)
    output += _read_until(terminal, "Log in at /console.")
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, output
    assert PASSWORD not in output  # not echoed
    assert authenticate(tmp_path, "chefin", PASSWORD) is not None


def _read_until(terminal: int, marker: str, timeout: float = 120) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    while marker not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([terminal], [], [], 1)
        if ready:
            try:
                seen += os.read(terminal, 4096).decode("utf-8", "replace")
            except OSError:  # the child closed the terminal
                break
    assert marker in seen, seen
    return seen


def _answer(terminal: int, prompt: str, text: str) -> str:
    seen = _read_until(terminal, prompt)
    # The prompt is printed before getpass turns echo off (and flushes what was typed): wait for that.
    deadline = time.monotonic() + 30
    while termios.tcgetattr(terminal)[3] & termios.ECHO and time.monotonic() < deadline:
        select.select([], [], [], 0.01)
    os.write(terminal, (text + "\n").encode())
    return seen
