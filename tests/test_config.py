"""load_settings: the environment with secrets.toml over it, read the same way by the app, the command line, the
worker and the HTTP API; every setting it reads is documented in the README's Configuration table."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from etl_core.config import load_settings
from etl_core.errors import UnreadableFileError
from tests.conftest import ROOT


def toml(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_secrets_files_win_over_the_environment_and_later_files_over_earlier(tmp_path):
    user = toml(tmp_path / "home.toml", 'DATABASE_URL = "sqlite:///user.db"\nSLUICE_MAX_UPLOAD_MB = 5\n')
    project = toml(tmp_path / "project.toml", 'DATABASE_URL = "sqlite:///project.db"\n[connections.x]\nurl = "y"\n')
    env = {"DATABASE_URL": "sqlite:///env.db", "SLUICE_MAX_UPLOAD_MB": "7", "SLUICE_RUN_MEMORY_MB": "100"}
    settings = load_settings(env, [user, tmp_path / "missing.toml", project])
    assert settings.database_url == "sqlite:///project.db"
    assert (settings.max_upload_mb, settings.run_memory_mb) == (5, 100)


def test_a_broken_secrets_file_is_named_not_skipped(tmp_path):
    """Skipped, it would leave every entry point on another database without a word (the app used to skip it)."""
    broken = toml(tmp_path / "secrets.toml", 'DATABASE_URL = "sqlite:///unclosed\n')
    with pytest.raises(UnreadableFileError, match=f"The settings file {broken} cannot be read: "):
        load_settings({}, [broken])


@pytest.fixture
def elsewhere(tmp_path, monkeypatch) -> dict[str, Path]:
    """A folder whose .streamlit/secrets.toml names a data directory, a home of its own, and the environment naming
    another data directory: whoever reads the secrets file opens the first."""
    wanted, ignored = tmp_path / "from-secrets", tmp_path / "from-environment"
    toml(tmp_path / "project" / ".streamlit" / "secrets.toml",
         f'SLUICE_DATA_DIR = "{wanted}"\nSLUICE_LOAD_SAMPLES = "false"\n')
    (tmp_path / "home").mkdir()
    monkeypatch.chdir(tmp_path / "project")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("SLUICE_DATA_DIR", str(ignored))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return {"wanted": wanted, "ignored": ignored, "cwd": tmp_path / "project"}


def test_the_api_reads_the_secrets_file(elsewhere):
    from etl_core.api.app import create_app

    app = create_app()
    app.state.engine.dispose()
    assert app.state.settings.data_dir == elsewhere["wanted"] and (elsewhere["wanted"] / "sluice.db").is_file()


def test_the_app_reads_the_secrets_file(elsewhere):
    import ui

    ui.settings.clear()
    try:
        assert ui.settings().data_dir == elsewhere["wanted"]
    finally:
        ui.settings.clear()


@pytest.mark.parametrize("command", [["list"], ["apikey", "list"], ["add", "orders.csv"]])
def test_every_command_reads_the_secrets_file(elsewhere, command):
    """Before, the command line read the environment only: configured in secrets.toml, the app and the
    commands opened two different databases."""
    toml(elsewhere["cwd"] / "orders.csv", "id,amount\n1,2.5\n")
    done = subprocess.run([sys.executable, "-m", "etl_core", *command], cwd=elsewhere["cwd"], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert (elsewhere["wanted"] / "sluice.db").is_file() and not elsewhere["ignored"].exists()


def test_the_worker_reads_the_secrets_file(elsewhere):
    worker = subprocess.Popen([sys.executable, "-m", "etl_core", "worker"], cwd=elsewhere["cwd"], text=True,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        said = worker.stdout.readline()
    finally:
        worker.terminate()
        worker.wait(60)
    assert f"on sqlite:///{elsewhere['wanted'] / 'sluice.db'};" in said, said + worker.stderr.read()
    assert not elsewhere["ignored"].exists()


def test_every_setting_is_in_the_readme():
    read = set(re.findall(r'merged\.get\("([A-Z_]+)"', (ROOT / "etl_core" / "config.py").read_text()))
    readme = (ROOT / "README.md").read_text()
    table = readme[readme.index("## Configuration"):readme.index("## Security")]
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", table, flags=re.MULTILINE))
    assert read - {"OPENAI_API_KEY"} <= documented, f"not in the README: {sorted(read - documented)}"
