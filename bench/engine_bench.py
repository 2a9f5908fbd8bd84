"""The tensor/autograd engine against PyTorch eager and numpy, measured in the same run.

    (a) scalar autograd, micrograd-style: forward+backward of (w*x + b - y)^2 on scalars with
        an SGD update of w, b under no_grad, step after step (interpreter + graph overhead);
    (b) sgemm 1024x1024 against numpy's, as GFLOP/s, once with the environment's
        OPENBLAS_CORETYPE and once without it (both sides get the same environment);
    (c) elementwise add and a full sum reduction on 10^6 float32 elements against PyTorch.

Every program times itself with time()/perf_counter() around the measured part only, after a
warm-up, so process start-up, imports and allocation of the inputs are not counted.
"""

import contextlib
import os
import subprocess
import sys

from common import Result, run_python, run_snn, torch_python

CORETYPE = "OPENBLAS_CORETYPE"


def snn(program, repeat=3):
    """run_snn, but a failing program raises with its traceback instead of a bare exit code."""
    try:
        return run_snn(program, repeat)
    except subprocess.CalledProcessError as error:
        raise RuntimeError(f"swift-nn program failed:\n{error.stderr}\n--- program ---\n{program}")


def torch_threads():
    """`torch.set_num_threads(k);` when BENCH_TORCH_THREADS=k is set, else "" (torch's default:
    one thread per core). On a shared, loaded machine torch's OpenMP threads can lose more to
    waiting for each other than they gain, so the suite can be re-run with 1 to compare."""
    k = os.environ.get("BENCH_TORCH_THREADS")
    return f"torch.set_num_threads({int(k)}); " if k else ""


@contextlib.contextmanager
def coretype(value):
    """Runs the block with OPENBLAS_CORETYPE set to `value` (None: unset) for child processes."""
    saved = os.environ.get(CORETYPE)
    if value is None:
        os.environ.pop(CORETYPE, None)
    else:
        os.environ[CORETYPE] = value
    try:
        yield
    finally:
        if saved is None:
            os.environ.pop(CORETYPE, None)
        else:
            os.environ[CORETYPE] = saved


# (a) scalar autograd ------------------------------------------------------------------------

def scalar_autograd(steps, repeat):
    ours = snn(f"""
w = param(0.5); b = param(0.0); lr = 0.01
t0 = time()
for i in range({steps}) {{
    x = (i % 100) * 0.01
    y = 3 * x + 1
    L = (w * x + b - y)^2
    L.backward()
    no_grad {{ w -= lr * w.grad; b -= lr * b.grad }}
    w.zero_grad(); b.zero_grad()
}}
elapsed = time() - t0
print(w.item(), b.item())
print(elapsed)
""", repeat)
    anchor = run_python(f"""
import time, torch
{torch_threads()}
w = torch.tensor(0.5, requires_grad=True); b = torch.tensor(0.0, requires_grad=True); lr = 0.01
t0 = time.perf_counter()
for i in range({steps}):
    x = (i % 100) * 0.01
    y = 3 * x + 1
    L = (w * x + b - y) ** 2
    L.backward()
    with torch.no_grad():
        w -= lr * w.grad; b -= lr * b.grad
    w.grad = None; b.grad = None
elapsed = time.perf_counter() - t0
print(w.item(), b.item())
print(elapsed)
""", python=torch_python(), repeat=repeat)
    return Result(f"scalar autograd, {steps:,} steps of (w*x + b - y)^2 + SGD", ours, anchor,
                  "PyTorch eager", ">= 5x faster", 5.0)


# (b) sgemm ----------------------------------------------------------------------------------

def sgemm(n, reps, env_value, repeat):
    flop = 2.0 * n ** 3
    ours = snn(f"""
seed(0)
a = randn({n}, {n}); b = randn({n}, {n})
c = a @ b
t0 = time()
for i in range({reps}) {{ c = a @ b }}
print((time() - t0) / {reps})
""", repeat)
    anchor = run_python(f"""
import time
import numpy as np
rng = np.random.default_rng(0)
a = rng.standard_normal(({n}, {n}), dtype=np.float32)
b = rng.standard_normal(({n}, {n}), dtype=np.float32)
c = a @ b
t0 = time.perf_counter()
for i in range({reps}):
    c = a @ b
print((time.perf_counter() - t0) / {reps})
""", repeat=repeat)
    env = f"{CORETYPE}={env_value}" if env_value else f"{CORETYPE} unset"
    gflops = f"{flop / ours / 1e9:.1f} GFLOP/s ours"
    if anchor is not None:
        gflops += f", {flop / anchor / 1e9:.1f} GFLOP/s numpy"
    return Result(f"sgemm {n}x{n} float32, {env} ({gflops})", ours, anchor, "numpy",
                  ">= 0.9x numpy", 0.9, note=gflops)


# (c) elementwise and reduction --------------------------------------------------------------

def elementwise(n, reps, op, repeat):
    snn_op = {"add": "c = a + b", "sum": "c = a.sum()"}[op]
    torch_op = {"add": "c = a + b", "sum": "c = a.sum()"}[op]
    ours = snn(f"""
seed(0)
a = randn({n}); b = randn({n})
{snn_op}
t0 = time()
for i in range({reps}) {{ {snn_op} }}
print((time() - t0) / {reps})
""", repeat)
    anchor = run_python(f"""
import time, torch
{torch_threads()}
torch.manual_seed(0)
a = torch.randn({n}); b = torch.randn({n})
{torch_op}
t0 = time.perf_counter()
for i in range({reps}):
    {torch_op}
print((time.perf_counter() - t0) / {reps})
""", python=torch_python(), repeat=repeat)
    what = "elementwise add a + b" if op == "add" else "sum reduction a.sum()"
    return Result(f"{what}, {n:,} float32", ours, anchor, "PyTorch", ">= 1x (as fast)", 1.0)


def benchmarks(smoke):
    repeat = 1 if smoke else 3  # processes per side; the median is reported
    if smoke:
        steps, n_mm, mm_reps, n_el, el_reps = 300, 64, 5, 10_000, 20
    else:
        steps, n_mm, mm_reps, n_el, el_reps = 100_000, 1024, 10, 1_000_000, 200
    cases = [lambda: scalar_autograd(steps, repeat)]
    # Both sides of each sgemm row see the same environment: first as this machine sets it
    # (OPENBLAS_CORETYPE=Haswell holds OpenBLAS to AVX2), then with the variable unset
    # (OpenBLAS picks its kernel for the detected CPU).
    for value in dict.fromkeys([os.environ.get(CORETYPE), None]):
        cases.append(lambda value=value: _with_env(value, lambda: sgemm(n_mm, mm_reps, value, repeat)))
    cases += [lambda: elementwise(n_el, el_reps, "add", repeat), lambda: elementwise(n_el, el_reps, "sum", repeat)]
    return collect(cases, smoke)


def _with_env(value, body):
    with coretype(value):
        return body()


def collect(cases, smoke):
    """Runs each case; in smoke mode a failure raises (CI must see it), at full size it is
    reported on stderr and that row is left out so the other measurements survive."""
    results = []
    for case in cases:
        try:
            results.append(case())
        except Exception as error:  # noqa: BLE001 - reported, never hidden
            if smoke:
                raise
            print(f"benchmark FAILED (row left out): {error}", file=sys.stderr)
    return results
