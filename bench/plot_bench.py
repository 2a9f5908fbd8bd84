"""Figure rendering (PNG and SVG) against matplotlib's savefig, measured in the same run.

Two figures: a 1,000-point loss curve, and a 200 x 200 decision boundary with 300 points.
Swift-NN times `show(fig)` (which renders the figure's bundle) inside the program; matplotlib
times building the same figure and `savefig` to PNG (at 2x, as we send it) or SVG, with the
model's grid predictions computed beforehand (only drawing is timed on both sides, apart from
one forward pass of a tiny MLP on our side).
"""

from common import Result, run_python, run_snn, torch_python

LOSS_SNN = """
%format {fmt}
xs = linspace(0, 10, {n})
ys = exp(-xs) + 0.05
t0 = time()
show(plot(xs, ys, label="train", title="Loss", xlabel="epoch", ylabel="loss"))
print(time() - t0)
"""

BOUNDARY_SNN = """
%format {fmt}
seed(0)
X, y = spiral(300, classes=3)
model = mlp([2, 16, 3])
t0 = time()
show(boundary(model, X, y, res={res}))
print(time() - t0)
"""

LOSS_MPL = """
import io, time
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
xs = np.linspace(0, 10, {n}); ys = np.exp(-xs) + 0.05
t0 = time.perf_counter()
fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
ax.plot(xs, ys, label="train"); ax.set_title("Loss"); ax.set_xlabel("epoch"); ax.set_ylabel("loss")
ax.legend()
fig.savefig(io.BytesIO(), format="{fmt}", dpi={dpi})
plt.close(fig)
print(time.perf_counter() - t0)
"""

BOUNDARY_MPL = """
import io, time
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
rng = np.random.default_rng(0)
X = rng.normal(size=(300, 2)); y = rng.integers(0, 3, 300)
g = np.linspace(-3, 3, {res}); gx, gy = np.meshgrid(g, g)
Z = (np.arctan2(gy, gx) * 3 / (2 * np.pi)).round() % 3
t0 = time.perf_counter()
fig, ax = plt.subplots(figsize=(6.4, 4.8), dpi=100)
ax.contourf(gx, gy, Z, levels=[-0.5, 0.5, 1.5, 2.5], alpha=0.4)
ax.scatter(X[:, 0], X[:, 1], c=y, s=20, edgecolors="white", linewidths=0.5)
fig.savefig(io.BytesIO(), format="{fmt}", dpi={dpi})
plt.close(fig)
print(time.perf_counter() - t0)
"""


def benchmarks(smoke):
    n, res = (100, 40) if smoke else (1000, 200)
    repeat = 1 if smoke else 5
    results = []
    for fmt, dpi in (("png", 200), ("svg", 100)):
        ours = run_snn(LOSS_SNN.format(fmt=fmt, n=n), repeat=repeat)
        anchor = run_python(LOSS_MPL.format(fmt=fmt, n=n, dpi=dpi), repeat=repeat, python=torch_python())
        results.append(Result(f"{n:,}-point loss curve to {fmt.upper()}", ours, anchor, "matplotlib savefig",
                              ">= 10x faster", 10.0))
        ours = run_snn(BOUNDARY_SNN.format(fmt=fmt, res=res), repeat=repeat)
        anchor = run_python(BOUNDARY_MPL.format(fmt=fmt, res=res, dpi=dpi), repeat=repeat, python=torch_python())
        results.append(Result(f"{res}x{res} decision boundary + 300 points to {fmt.upper()}", ours, anchor,
                              "matplotlib savefig", ">= 10x faster", 10.0))
    return results
