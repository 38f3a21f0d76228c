"""How long the command line takes to start: ``python -m etl_core --help`` and ``list``, whole process,
beside ``python -c pass`` (the interpreter alone) and ``python -c "import polars"``, now and as it was.

    .venv/bin/python bench/bench_startup.py                     # median of 9
    .venv/bin/python bench/bench_startup.py --before 84b7b76    # 'as it was' from another commit

'As it was' runs the same commands from the tree of ``--before`` (the commit this work started from),
extracted once into bench/.cache with ``git archive``, on the same data directory: its samples are
loaded and its database migrated before the clock starts, as on any start after the first.
Each case times one whole child process; the peak memory column is the measuring process's, not the
command's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench import harness

DATA = harness.CACHE / "startup_data"
BEFORE = harness.CACHE / "startup_before"


def _command(*args: str, tree: Path = harness.ROOT) -> None:
    env = {**os.environ, "SLUICE_DATA_DIR": str(DATA), "SLUICE_LOAD_SAMPLES": "true", "PYTHONPATH": str(tree)}
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, *args], cwd=tree, env=env, check=True, stdout=subprocess.DEVNULL)


def case_python() -> None:
    _command("-c", "pass")


def case_polars() -> None:
    _command("-c", "import polars")


def case_help() -> None:
    _command("-m", "etl_core", "--help")


def case_list() -> None:
    _command("-m", "etl_core", "list")


def case_help_before() -> None:
    _command("-m", "etl_core", "--help", tree=BEFORE)


def case_list_before() -> None:
    _command("-m", "etl_core", "list", tree=BEFORE)


CASES = {name[5:]: fn for name, fn in globals().items() if name.startswith("case_")}
LABELS = [("python", "python -c pass"), ("polars", "python -c 'import polars'"),
          ("help_before", "python -m etl_core --help (before)"), ("help", "python -m etl_core --help"),
          ("list_before", "python -m etl_core list (before)"), ("list", "python -m etl_core list")]


def prepare(before: str) -> None:
    """The tree as it was, and a data directory whose first start (samples, migrations) is behind it."""
    if not (BEFORE / "etl_core").is_dir():
        BEFORE.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "archive", before, "etl_core", "data/samples"], cwd=harness.ROOT,
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(BEFORE)], input=archive, check=True)
    case_list_before()
    case_list()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--before", default="84b7b76", help="the commit to compare with (extracted once)")
    parser.add_argument("--case", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        harness.child_main(CASES, {}, args.case)
        return
    prepare(args.before)
    harness.compare(__file__, "Starting the command line, whole process", LABELS, [], args.repeat, "python")


if __name__ == "__main__":
    main()
