"""Runs the benchmarks against their anchors in one run and prints ratios.

    python bench/run.py            full size; writes bench/out/results.md
    python bench/run.py --smoke    tiny sizes, for CI: checks the harness works, asserts no time
    python bench/run.py --only kernel,lang

Anchors (ipykernel, CPython, numpy, PyTorch, matplotlib) are measured in the same run. A
missing anchor (PyTorch and matplotlib are not test dependencies; set BENCH_TORCH_PYTHON to a
Python that has them) is reported as such, never guessed.
"""

import argparse
import datetime
import importlib
import pathlib
import platform
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

SUITES = ["kernel", "lang", "engine", "nn", "plot"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--only", default=",".join(SUITES))
    args = parser.parse_args()
    results = []
    for suite in args.only.split(","):
        try:
            module = importlib.import_module(f"{suite}_bench")
        except ModuleNotFoundError:
            continue
        results.extend(module.benchmarks(args.smoke))
    lines = table(results, args.smoke)
    print("\n".join(lines))
    if not args.smoke:
        out = pathlib.Path(__file__).resolve().parent / "out"
        out.mkdir(exist_ok=True)
        (out / "results.md").write_text("\n".join(lines) + "\n")
    print(f"\n{len(results)} benchmarks measured against their anchors")


def table(results, smoke):
    size = "smoke size (not meaningful as timings)" if smoke else "full size"
    lines = [
        f"Run {datetime.date.today()} on {platform.machine()} {platform.system()}, "
        f"{platform.processor() or 'cpu'}, {size}.",
        "",
        "| benchmark | Swift-NN | anchor | anchor time | ratio (anchor/ours) | goal | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        anchor = "not installed" if r.anchor is None else fmt(r.anchor)
        ratio = "-" if r.ratio is None else f"{r.ratio:.2f}x"
        met = "-" if r.met is None else ("yes" if r.met else "no")
        lines.append(f"| {r.name} | {fmt(r.ours)} | {r.anchor_name} | {anchor} | {ratio} | "
                     f"{r.goal} | {met} |")
    return lines


def fmt(seconds):
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


if __name__ == "__main__":
    main()
