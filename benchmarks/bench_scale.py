"""Benchmark: main-process memory as the campaign grows, and process pool against Dask.

Runs the real ``advocacy constituents`` command, each run in a fresh process, on
synthetic constituents (bench_constituents.write_constituents) and prints:

1. peak RSS of the main process for ``--dry-run`` (read, match, plan every letter,
   list every file) at 1,000, 10,000 and 100,000 constituents: the slope shows whether
   memory grows with the campaign;
2. a real render (PDF) of ``--render`` constituents through ``--executor process`` and
   ``--executor dask`` (a local cluster of ``--jobs`` worker processes), side by side:
   wall time, files per second, peak RSS of the main process and of the largest worker.

    python benchmarks/bench_scale.py                      # 1k/10k/100k plans, 1,000 rendered
    python benchmarks/bench_scale.py --sizes 1000 10000 --render 500 --jobs 2
    python benchmarks/bench_scale.py --sizes --render 1000 --jobs 2   # the render only

Worker RSS is the largest peak of any child process (``RUSAGE_CHILDREN``): a pool worker
or a Dask worker (a local cluster's workers are children of the main process).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_constituents import write_constituents  # noqa: E402


def child(arguments: list[str]) -> None:
    """Run ``advocacy`` in this process, then print JSON figures (run by ``measure``)."""
    from toolkit.cli import cli

    start = time.perf_counter()
    with open(os.devnull, "w") as sink:
        stdout, sys.stdout = sys.stdout, sink
        try:
            cli.main(arguments, standalone_mode=False)
        except SystemExit:
            pass
        finally:
            sys.stdout = stdout
    print(json.dumps({"seconds": time.perf_counter() - start,
                      "main_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "worker_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))


def measure(arguments: list[str]) -> dict:
    """Run ``advocacy ARGUMENTS`` in a fresh Python process; return its figures."""
    done = subprocess.run([sys.executable, __file__, "--child", json.dumps(arguments)],
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    """Make the files, run the commands, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 100000],
                        help="constituents planned in dry runs (none: skip them)")
    parser.add_argument("--render", type=int, default=1000,
                        help="constituents rendered by each executor (0: none)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        child(json.loads(args.child))
        return
    base = ["constituents", "--date", "2026-01-15"]
    with tempfile.TemporaryDirectory() as folder:
        if args.sizes:
            print("plan + dry run (every letter planned and listed), main process:")
            print(f"{'constituents':>12} {'letters':>8} {'seconds':>8} {'peak RSS':>9}")
        for size in args.sizes:
            people = Path(folder) / f"people-{size}.csv"
            write_constituents(people, size)
            figures = measure(base + [str(people), "--dry-run", "--out", f"{folder}/dry"])
            print(f"{size:>12,} {'~' + format(3 * size, ','):>8} {figures['seconds']:>8.1f} "
                  f"{figures['main_mb']:>6.0f} MB", flush=True)
        if not args.render:
            return
        people = Path(folder) / "render.csv"
        write_constituents(people, args.render)
        print(f"\nrender, PDF, {args.render:,} constituents, --jobs {args.jobs}:")
        print(f"{'executor':>9} {'files':>6} {'seconds':>8} {'files/s':>8} {'main RSS':>9} "
              f"{'worker RSS':>10}")
        for executor in ("process", "dask"):
            out = Path(folder) / f"out-{executor}"
            figures = measure(base + [str(people), "--format", "pdf", "--out", str(out),
                                      "--jobs", str(args.jobs), "--executor", executor])
            files = sum(1 for p in out.rglob("*.pdf"))
            print(f"{executor:>9} {files:>6} {figures['seconds']:>8.1f} "
                  f"{files / figures['seconds']:>8.1f} {figures['main_mb']:>6.0f} MB "
                  f"{figures['worker_mb']:>7.0f} MB", flush=True)
        same = all((Path(folder) / "out-dask" / p.relative_to(Path(folder) / "out-process"))
                   .read_bytes() == p.read_bytes()
                   for p in (Path(folder) / "out-process").rglob("*.pdf"))
        print(f"same bytes from both executors: {same}")


if __name__ == "__main__":
    main()
