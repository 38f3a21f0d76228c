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
            baseline: str, interleave: bool = True) -> dict[str, tuple[float, float, float, float, float]]:
    """Median, peak, min, max and ratio to ``baseline`` of each case, printed side by side.

    ``interleave`` (the default) runs every case once per round, so a machine whose load changes during
    the run weighs on every case alike; the ratio is then the median of each round's ratio to that
    round's baseline, rather than the ratio of the medians."""
    names = [name for name, _ in cases]
    order = [*names] * repeat if interleave else [name for name in names for _ in range(repeat)]
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in names}
    for name in order:
        runs[name].append(run_case(script, name, *args))
    base = statistics.median(r[0] for r in runs[baseline])
    results = {}
    for name, done in runs.items():
        seconds = [r[0] for r in done]
        ratio = (statistics.median(s / b[0] for s, b in zip(seconds, runs[baseline], strict=True)) if interleave
                 else statistics.median(seconds) / base)
        results[name] = (statistics.median(seconds), max(r[1] for r in done), min(seconds), max(seconds), ratio)
    order_said = "in rounds; ratio: median of each round's" if interleave else "ratio"
    print(f"\n{title}  (median of {repeat}; each case in a fresh process, {order_said} to '{baseline}')")
    print(f"{'case':<48} {'median s':>9} {'min':>7} {'max':>7} {'ratio':>7} {'peak MB':>8}")
    for name, label in cases:
        median, peak, low, high, ratio = results[name]
        print(f"{label:<48} {median:>9.3f} {low:>7.3f} {high:>7.3f} {ratio:>7.2f} {peak:>8.0f}")
    return results
