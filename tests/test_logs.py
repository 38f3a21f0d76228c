"""Sluice's log lines reach stderr in every entry point, the app included, without touching Streamlit's logging."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

from etl_core.logs import SLUICE_LOGGERS, set_up_logging
from tests.conftest import ROOT

# the app's process: streamlit imported (its loggers set up, the root logger left at WARNING with no handler),
# then ui.engine() as app.py and every page call it; then a retention pass, as the app's scheduler runs it
APP_LIKE = """
import datetime as dt, json, logging, sys
import streamlit
root_before = [type(h).__name__ for h in logging.getLogger().handlers], logging.getLogger().level
streamlit_before = list(logging.getLogger("streamlit").handlers)
import ui
from etl_core import retention
from etl_core.db import session_scope
from etl_core.models import PipelineRun, utcnow
engine = ui.engine()
ui.engine()  # a rerun: the cache answers, nothing is set up twice
with session_scope(engine) as session:
    session.add(PipelineRun(pipeline_name="old", status="succeeded", created_at=utcnow() - dt.timedelta(days=40)))
retention.remove_old(engine, ui.settings())
root_after = [type(h).__name__ for h in logging.getLogger().handlers], logging.getLogger().level
print(json.dumps({"root": [root_before, root_after],
                  "streamlit_kept": logging.getLogger("streamlit").handlers == streamlit_before}))
"""


def test_in_a_process_set_up_like_the_app_retention_logs_what_it_removed(tmp_path):
    env = {**os.environ, "SLUICE_DATA_DIR": str(tmp_path / "data"), "SLUICE_LOAD_SAMPLES": "false",
           "SLUICE_SCHEDULER": "false", "SLUICE_RETENTION_DAYS": "30"}
    env.pop("DATABASE_URL", None)
    out = subprocess.run([sys.executable, "-c", APP_LIKE], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    lines = [line for line in out.stderr.splitlines() if "etl_core.retention" in line]
    assert len(lines) == 1, out.stderr
    assert lines[0].endswith("INFO etl_core.retention: retention: removed 1 run (0 log lines), 0 firings and "
                             "0 output files older than 30 days")
    said = json.loads(out.stdout.strip().splitlines()[-1])
    assert said["root"][0] == said["root"][1] and said["streamlit_kept"]  # Streamlit's logging as it set it up


def test_setting_up_again_adds_no_second_handler_and_leaves_the_root_logger_alone():
    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    set_up_logging()
    set_up_logging()
    assert (list(root.handlers), root.level) == before
    for name in SLUICE_LOGGERS:
        logger = logging.getLogger(name)
        assert logger.isEnabledFor(logging.INFO)
        assert len([h for h in logger.handlers if type(h).__name__ == "_Stderr"]) == 1
    assert logging.getLogger("sluice.api.audit").isEnabledFor(logging.INFO)


def test_a_line_goes_to_the_stderr_of_the_moment(capsys):
    set_up_logging()
    logging.getLogger("etl_core.scheduler").info("scheduler started (test)")
    assert "INFO etl_core.scheduler: scheduler started (test)" in capsys.readouterr().err
