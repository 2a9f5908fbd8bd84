"""The interpreter's speed on plain loops, against CPython in the same run."""

from common import Result, run_python, run_snn


def benchmarks(smoke):
    n = 100_000 if smoke else 1_000_000
    ours = run_snn(f"t0 = time()\ns = 0\nfor i in range({n}) {{ s += i }}\nprint(time() - t0)")
    cpython = run_python(
        f"import time\nt0 = time.perf_counter()\ns = 0\nfor i in range({n}):\n    s += i\n"
        "print(time.perf_counter() - t0)")
    return [Result(f"loop of {n:,} additions (s += i)", ours, cpython, "CPython",
                   ">= 1x (as fast)", 1.0)]
