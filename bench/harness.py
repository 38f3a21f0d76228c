"""Run benchmark cases in fresh processes and print them side by side (median, ratio, peak memory)."""

from __future__ import annotations

import importlib
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "bench" / ".cache"


def peak_memory_mb() -> float:
    """This process's own high-water mark (ru_maxrss would include the forking parent's)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def child_main(cases: dict[str, Callable[..., None]], imports: dict[str, list[str]], argv: list[str],
               setup: dict[str, Callable[[], None]] | None = None) -> None:
    """In the child: import first and run the case's setup (not timed), run one case, print seconds and peak memory."""
    name, *args = argv
    for module in imports.get(name, []):
        importlib.import_module(module)
    if setup and name in setup:
        setup[name]()
    start = time.perf_counter()
    cases[name](*args)
    print(json.dumps({"seconds": time.perf_counter() - start, "peak_mb": peak_memory_mb()}))


def run_case(script: str, name: str, *args: str) -> tuple[float, float]:
    out = subprocess.run([sys.executable, script, "--case", name, *args], cwd=ROOT, capture_output=True, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    if out.returncode != 0:
        raise SystemExit(f"case {name} failed:\n{out.stderr}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    return result["seconds"], result["peak_mb"]


def compare(script: str, title: str, cases: list[tuple[str, str]], args: list[str], repeat: int,
            baseline: str) -> dict[str, tuple[float, float, float, float]]:
    """Median, peak, min and max of each case; printed with the ratio to ``baseline``.

    The cases take turns (one run of each, then again), so load from other work on a shared
    machine falls on every case alike rather than on whichever ran while it lasted."""
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name, _ in cases}
    for _ in range(repeat):
        for name, _ in cases:
            runs[name].append(run_case(script, name, *args))
    results = {name: (statistics.median(r[0] for r in got), max(r[1] for r in got), min(r[0] for r in got),
                      max(r[0] for r in got)) for name, got in runs.items()}
    base = results[baseline][0]
    print(f"\n{title}  (median of {repeat}; each case in a fresh process; ratio to '{baseline}')")
    print(f"{'case':<48} {'median s':>9} {'min':>7} {'max':>7} {'ratio':>7} {'peak MB':>8}")
    for name, label in cases:
        median, peak, low, high = results[name]
        print(f"{label:<48} {median:>9.3f} {low:>7.3f} {high:>7.3f} {median / base:>7.2f} {peak:>8.0f}")
    return results
