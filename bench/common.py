"""Shared helpers for the benchmarks: running a Swift-NN program and a Python anchor, timing
inside each program so process start-up is not counted, and the result record."""

import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass

ROOT = pathlib.Path(__file__).resolve().parents[1]


def kernel_binary():
    """The swift-nn-kernel binary (SWIFT_NN_KERNEL, else the release build)."""
    return os.environ.get("SWIFT_NN_KERNEL", str(ROOT / ".build/release/swift-nn-kernel"))


@dataclass
class Result:
    """One comparison: our time against an anchor's, measured in the same run."""
    name: str
    ours: float          # seconds (median)
    anchor: float | None  # seconds (median); None when the anchor is not installed
    anchor_name: str
    goal: str            # e.g. ">= 5x faster"
    goal_ratio: float    # the anchor/ours ratio the goal asks for
    note: str = ""

    @property
    def ratio(self):
        """How many times faster we are (anchor time / our time)."""
        if self.anchor is None or self.ours <= 0:
            return None
        return self.anchor / self.ours

    @property
    def met(self):
        return None if self.ratio is None else self.ratio >= self.goal_ratio


def run_snn(program, repeat=3):
    """Runs a Swift-NN program that prints one number (seconds) on its last line; returns the
    median over `repeat` runs."""
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / "bench.snn"
        path.write_text(program)
        for _ in range(repeat):
            out = subprocess.run([kernel_binary(), "run", str(path)], check=True,
                                 capture_output=True, text=True, timeout=900).stdout
            times.append(float(out.strip().splitlines()[-1]))
    return statistics.median(times)


def run_python(program, repeat=3, python=None):
    """Runs a Python program that prints one number (seconds) on its last line; returns the
    median over `repeat` runs, or None when it cannot import what it needs."""
    times = []
    for _ in range(repeat):
        proc = subprocess.run([python or sys.executable, "-c", program], capture_output=True,
                              text=True, timeout=900)
        if proc.returncode != 0:
            if "ModuleNotFoundError" in proc.stderr:
                return None
            raise RuntimeError(proc.stderr)
        times.append(float(proc.stdout.strip().splitlines()[-1]))
    return statistics.median(times)


def torch_python():
    """A Python that has torch: BENCH_TORCH_PYTHON, else this one."""
    return os.environ.get("BENCH_TORCH_PYTHON", sys.executable)
