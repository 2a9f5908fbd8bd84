"""Training loops of Swift-NN against the same loops in PyTorch eager, measured in the same run.

    (a) spiral: 300 points, MLP 2-64-64-3, Adam lr 0.01, full batch, 1,000 steps;
    (b) MLP 784-256-10, one epoch of 60,000 random samples, batch 128, SGD lr 0.1;
    (c) LeNet-style CNN on the 8x8 digits (1,797 images), one epoch, batch 32, SGD.

All three are the same hand-written loop on both sides (zero_grad, forward, cross-entropy,
backward, step; batches sliced in order, no shuffling) -- not fit(), so both sides do exactly
the same work. Timing starts after the data and the model exist and, for (b) and (c), after
one warm-up step.
"""

from common import ROOT, Result, run_python, torch_python
from engine_bench import collect, snn, torch_threads

SNN_LOOP = """
t0 = time()
for i in range(0, n, batch) {
    xb = X[i:i + batch]; yb = y[i:i + batch]
    opt.zero_grad()
    L = cross_entropy(model(xb), yb)
    L.backward()
    opt.step()
}
elapsed = time() - t0
print("final batch loss", L.item())
print(elapsed)
"""

TORCH_LOOP = """
t0 = time.perf_counter()
for i in range(0, n, batch):
    xb = X[i:i + batch]; yb = y[i:i + batch]
    opt.zero_grad()
    L = F.cross_entropy(model(xb), yb)
    L.backward()
    opt.step()
elapsed = time.perf_counter() - t0
print("final batch loss", L.item())
print(elapsed)
"""

TORCH_HEAD = """
import time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
torch.manual_seed(0)
"""


def torch_head():
    """The anchors' imports, with BENCH_TORCH_THREADS applied."""
    return TORCH_HEAD + torch_threads() + "\n"


# (a) spiral, full batch Adam ----------------------------------------------------------------

def spiral(steps, repeat):
    ours = snn(f"""
seed(0)
X, y = spiral(300, classes=3)
model = mlp([2, 64, 64, 3])
opt = Adam(model.parameters(), lr=0.01)
t0 = time()
for step in range({steps}) {{
    opt.zero_grad()
    L = cross_entropy(model(X), y)
    L.backward()
    opt.step()
}}
elapsed = time() - t0
print("final loss", L.item(), "accuracy", accuracy(model(X), y))
print(elapsed)
""", repeat)
    anchor = run_python(torch_head() + f"""
rng = np.random.default_rng(0)
xs, ys = [], []
for j in range(3):
    f = np.linspace(0, 1, 100)
    t = 4 * j + 4 * f + 0.2 * rng.standard_normal(100)
    xs.append(np.stack([f * np.sin(t), f * np.cos(t)], 1)); ys.append(np.full(100, j))
X = torch.tensor(np.concatenate(xs), dtype=torch.float32)
y = torch.tensor(np.concatenate(ys), dtype=torch.long)
model = nn.Sequential(nn.Linear(2, 64), nn.ReLU(), nn.Linear(64, 64), nn.ReLU(), nn.Linear(64, 3))
opt = torch.optim.Adam(model.parameters(), lr=0.01)
t0 = time.perf_counter()
for step in range({steps}):
    opt.zero_grad()
    L = F.cross_entropy(model(X), y)
    L.backward()
    opt.step()
elapsed = time.perf_counter() - t0
print("final loss", L.item())
print(elapsed)
""", python=torch_python(), repeat=repeat)
    return Result(f"spiral MLP 2-64-64-3, Adam, full batch, {steps:,} steps (manual loop)", ours,
                  anchor, "PyTorch eager", ">= 3x faster", 3.0)


# (b) MLP 784-256-10 -------------------------------------------------------------------------

def mnist_mlp(n, repeat):
    batch = 128
    ours = snn(f"""
seed(0)
n = {n}; batch = {batch}
X = randn(n, 784); y = randint(0, 10, [n])
model = Sequential(Linear(784, 256), ReLU(), Linear(256, 10))
opt = SGD(model.parameters(), lr=0.1)
L = cross_entropy(model(X[0:batch]), y[0:batch]); L.backward(); opt.zero_grad()
""" + SNN_LOOP, repeat)
    anchor = run_python(torch_head() + f"""
n = {n}; batch = {batch}
X = torch.randn(n, 784); y = torch.randint(0, 10, (n,))
model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.1)
L = F.cross_entropy(model(X[0:batch]), y[0:batch]); L.backward(); opt.zero_grad()
""" + TORCH_LOOP, python=torch_python(), repeat=repeat)
    return Result(f"MLP 784-256-10, 1 epoch of {n:,} random samples, batch {batch}, SGD", ours,
                  anchor, "PyTorch eager", ">= 1x (as fast)", 1.0)


# (c) LeNet-style CNN on digits --------------------------------------------------------------

def digits_cnn(limit, repeat):
    batch = 32
    take = "" if limit is None else f"[0:{limit}]"
    ours = snn(f"""
seed(0)
d = dataset("digits")
X = (d.X.reshape(-1, 1, 8, 8) / 16){take}; y = d.y{take}
n = len(y); batch = {batch}
model = Sequential(Conv2d(1, 6, 3, padding=1), ReLU(), MaxPool2d(2),
                   Conv2d(6, 16, 3, padding=1), ReLU(), MaxPool2d(2), Flatten(),
                   Linear(64, 120), ReLU(), Linear(120, 84), ReLU(), Linear(84, 10))
opt = SGD(model.parameters(), lr=0.05, momentum=0.9)
L = cross_entropy(model(X[0:batch]), y[0:batch]); L.backward(); opt.zero_grad()
""" + SNN_LOOP, repeat)
    digits = ROOT / "data" / "digits.csv"
    anchor = run_python(torch_head() + f"""
data = np.loadtxt({str(digits)!r}, delimiter=",", skiprows=1, dtype=np.float32)
X = torch.tensor(data[:, :64] / 16).reshape(-1, 1, 8, 8){take}
y = torch.tensor(data[:, 64], dtype=torch.long){take}
n = len(y); batch = {batch}
model = nn.Sequential(nn.Conv2d(1, 6, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                      nn.Conv2d(6, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                      nn.Linear(64, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(),
                      nn.Linear(84, 10))
opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
L = F.cross_entropy(model(X[0:batch]), y[0:batch]); L.backward(); opt.zero_grad()
""" + TORCH_LOOP, python=torch_python(), repeat=repeat)
    size = "1,797" if limit is None else f"{limit:,}"
    return Result(f"LeNet-style CNN on 8x8 digits, 1 epoch of {size}, batch {batch}, SGD",
                  ours, anchor, "PyTorch eager", ">= 1x (as fast)", 1.0)


def benchmarks(smoke):
    repeat = 1 if smoke else 3  # processes per side; the median is reported
    steps, n_mlp, n_digits = (100, 1_024, 256) if smoke else (1_000, 60_000, None)
    return collect([lambda: spiral(steps, repeat), lambda: mnist_mlp(n_mlp, repeat),
                    lambda: digits_cnn(n_digits, repeat)], smoke)
