"""The HTTP API's cost: requests per second of GET /pipelines (beside GET /health, the floor), and the latency
of a small synchronous run over HTTP beside the same run through run_pipeline, in its own process without a
record, and through the executor alone.

    python bench/bench_api.py [--seconds 5] [--runs 20] [--threads 4]

The server is `python -m etl_core api` in its own process, on a fresh data directory with the samples.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import httpx
from sqlmodel import select

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from etl_core import api_keys, pipelines, run_process  # noqa: E402
from etl_core.config import Settings  # noqa: E402
from etl_core.db import session_scope  # noqa: E402
from etl_core.executor import Cancel, execute  # noqa: E402
from etl_core.models import PipelineRun  # noqa: E402
from etl_core.spec import parse_spec, resolve_params  # noqa: E402
from etl_core.startup import open_data_directory  # noqa: E402

SMALL = {"name": "bench_small", "steps": [
    {"type": "source", "source": "orders"},
    {"type": "filter", "condition": "status = 'completed'"},
    {"type": "aggregate", "group_by": ["region"], "measures": [{"agg": "sum", "column": "revenue", "name": "revenue"}]},
    {"type": "output", "format": "parquet", "path": "bench_small.parquet"}]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def throughput(url: str, headers: dict[str, str], seconds: float, threads: int) -> tuple[float, float, float]:
    """Requests per second over `threads` keep-alive clients, and p50 and p95 latency in ms."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def client() -> None:
        mine = []
        with httpx.Client(headers=headers) as http:
            while time.perf_counter() < stop:
                started = time.perf_counter()
                http.get(url).raise_for_status()
                mine.append(time.perf_counter() - started)
        with lock:
            latencies.extend(mine)

    began = time.perf_counter()
    workers = [threading.Thread(target=client) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - began
    ordered = sorted(latencies)
    return len(ordered) / elapsed, ordered[len(ordered) // 2] * 1000, ordered[int(len(ordered) * 0.95)] * 1000


def timed(cases: list[tuple[str, Callable[[], object]]], runs: int) -> dict[str, tuple[float, float]]:
    """Each case's p50 and p95 in ms over `runs` calls after one warm-up, the cases taking turns (a shared
    machine's changing load falls on all of them)."""
    times: dict[str, list[float]] = {label: [] for label, _ in cases}
    for _, action in cases:
        action()
    for _ in range(runs):
        for label, action in cases:
            started = time.perf_counter()
            action()
            times[label].append(time.perf_counter() - started)
    return {label: (statistics.median(t) * 1000, sorted(t)[int(len(t) * 0.95) - 1] * 1000) for label, t in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="sluice-bench-api-"))
    try:
        measure(args, scratch / "data")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def measure(args: argparse.Namespace, data_dir: Path) -> None:
    """Serve the API on a fresh data directory in its own process, and print the figures."""
    settings = Settings.load({**os.environ, "SLUICE_DATA_DIR": str(data_dir), "SLUICE_LOAD_SAMPLES": "true",
                              "DATABASE_URL": "", "SLUICE_API_RUNS_PER_KEY": "100"})
    engine = open_data_directory(settings)
    with session_scope(engine) as session:
        pipelines.save_pipeline(session, settings, parse_spec(json.dumps(SMALL)))
        pipelines.expose_pipeline(session, SMALL["name"])
        key = api_keys.create_key(session, settings, "bench").key
    port = free_port()
    env = {**os.environ, "SLUICE_DATA_DIR": str(data_dir), "SLUICE_API_RUNS_PER_KEY": "100", "PYTHONPATH": str(ROOT),
           "TMPDIR": str(data_dir.parent)}  # the server's own temporary files (its fork server's) go with it
    env.pop("DATABASE_URL", None)
    server = subprocess.Popen([sys.executable, "-m", "etl_core", "api", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base, auth = f"http://127.0.0.1:{port}", {"Authorization": f"Bearer {key}"}
    try:
        for _ in range(600):
            try:
                if httpx.get(f"{base}/health").status_code == 200:
                    break
            except httpx.TransportError:
                time.sleep(0.1)
        print(f"GET for {args.seconds:g} s over {args.threads} keep-alive clients ({os.cpu_count()} cores)")
        print(f"{'endpoint':<34} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
        for label, path, headers in (("GET /health (no key, SELECT 1)", "/health", {}),
                                     ("GET /pipelines (key, list)", "/pipelines", auth)):
            rate, p50, p95 = throughput(base + path, headers, args.seconds, args.threads)
            print(f"{label:<34} {rate:>8,.0f} {p50:>8.1f} {p95:>8.1f}")
        spec = parse_spec(json.dumps(SMALL))
        with httpx.Client(headers=auth, timeout=120) as http, session_scope(engine) as session:
            cases = [
                ("executor.execute (no record)",
                 lambda: execute(spec, resolve_params(spec), pipelines.context(session, settings))),
                ("execute_in_child (no record)",
                 lambda: run_process.execute_in_child(spec, resolve_params(spec), settings, listeners=[],
                                                      cancel=Cancel(None))),
                ("run_pipeline (recorded)",
                 lambda: pipelines.run_pipeline(engine, settings, pipelines.RunRequest(SMALL["name"]))),
                ("POST /pipelines/{name} (HTTP)",
                 lambda: http.post(f"{base}/pipelines/{SMALL['name']}", json={}).raise_for_status()),
            ]
            measured = timed(cases, args.runs)
        print(f"\nA small run (6,000 orders: filter, aggregate by region, Parquet), {args.runs} runs after a warm-up, "
              "the paths taking turns")
        print(f"{'path':<34} {'p50 ms':>8} {'p95 ms':>8} {'x executor':>11}")
        floor = measured[cases[0][0]][0]
        for label, (p50, p95) in measured.items():
            print(f"{label:<34} {p50:>8.1f} {p95:>8.1f} {p50 / floor:>10.2f}x")
        with session_scope(engine) as session:  # each run records the executor's own time in its process
            recorded = session.exec(select(PipelineRun.trigger, PipelineRun.duration_s)
                                    .where(PipelineRun.pipeline_name == SMALL["name"])).all()
        for trigger, label in (("manual", "run_pipeline"), ("api", "HTTP")):
            inside = statistics.median(d for t, d in recorded if t == trigger) * 1000
            print(f"  of a {label} run, the executor in the run's process (its duration_s): p50 {inside:.1f} ms")
    finally:
        server.terminate()
        server.wait(30)
        engine.dispose()


if __name__ == "__main__":
    main()
