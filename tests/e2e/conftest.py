"""A real Streamlit server on loopback and headless Chromium (Debian's), per the shared recipe."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(os.environ.get("E2E_SHOTS", ROOT / "shots"))
SERVER_LOGS: dict[str, object] = {}


def settle(page) -> None:
    """Wait until the script has finished its run (stale elements are gone)."""
    from playwright.sync_api import expect

    expect(page.locator("[data-testid=stApp][data-test-script-state=notRunning]")).to_be_attached()
    expect(page.locator("[data-stale=true]")).to_have_count(0)


def choose(page, label: str, option: str) -> None:
    """Pick an option in an st.selectbox (a react-aria combobox labelled like the widget). A rerun that lands while
    it is open closes it (an upload's, a component's first report), so a closed one is opened again, as a person
    would."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    for _ in range(3):
        settle(page)
        page.get_by_role("combobox", name=label).click()
        try:
            page.get_by_role("option", name=option, exact=True).click(timeout=5_000)
            return
        except PlaywrightTimeoutError:
            continue
    raise AssertionError(f"could not choose {option!r} in {label!r}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.failed:  # the server's side of a failed journey, for CI logs
        url = item.funcargs.get("app_url") if hasattr(item, "funcargs") else None
        log = SERVER_LOGS.get(url)
        if log is not None:
            log.flush()
            log.seek(0)
            report.sections.append(("streamlit server log (last 80 lines)", "".join(log.readlines()[-80:])))
    return report


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def app_url(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("data")
    port = _free_port()
    log = open(data_dir / "streamlit.log", "w+")  # noqa: SIM115 (closed below)
    env = {**os.environ, "SLUICE_DATA_DIR": str(data_dir), "SLUICE_LOAD_SAMPLES": "true"}
    env.pop("DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail(f"streamlit exited {proc.returncode}:\n{log.read()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.read() == b"ok":
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("streamlit not healthy after 60 s")
        time.sleep(0.2)
    SERVER_LOGS[url] = log
    yield url
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=20_000)  # 2 cores: first page loads import polars and plotly
    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, app_url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=app_url)
    # nothing outside the app server: fail fast instead of waiting on DNS
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    context.set_default_timeout(20_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def shot(page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    return lambda name: page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)
