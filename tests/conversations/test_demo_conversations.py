"""Every YAML conversation test of the demo company, one pytest test each."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from anyio.from_thread import BlockingPortal, start_blocking_portal

from firstline.app import Services, build_services
from firstline.company.loader import demo_company_dir
from firstline.settings import Settings
from firstline.testing.clock import FakeClock
from firstline.testing.conversations import DEFAULT_NOW, find_tests, isolated_settings, load_test, run_test

TESTS = find_tests([demo_company_dir() / "tests"])


@pytest.fixture(scope="module")
def portal() -> Iterator[BlockingPortal]:
    with start_blocking_portal() as running:
        yield running


@pytest.fixture(scope="module")
def demo(portal: BlockingPortal, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Services, FakeClock]]:
    clock = FakeClock(DEFAULT_NOW)
    settings = isolated_settings(Settings(), tmp_path_factory.mktemp("conversations"))
    services = portal.call(lambda: build_services(settings, clock=clock))
    yield services, clock
    portal.call(services.close)


def test_demo_has_enough_conversation_tests_in_both_languages() -> None:
    languages = [load_test(path).language.value for path in TESTS]
    assert languages.count("de") >= 20 and languages.count("en") >= 20


@pytest.mark.parametrize("path", TESTS, ids=[f"{p.parent.name}/{p.stem}" for p in TESTS])
def test_conversation(
    path: Path, portal: BlockingPortal, demo: tuple[Services, FakeClock], request: pytest.FixtureRequest
) -> None:
    services, clock = demo
    test = load_test(path)
    if test.known_gap:
        request.applymarker(pytest.mark.xfail(reason=test.known_gap, strict=True))
    failures = portal.call(run_test, services, clock, test)
    assert not failures, "\n".join(failures)
