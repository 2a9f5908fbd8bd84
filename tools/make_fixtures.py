#!/usr/bin/env python3
"""Compute PyTorch reference numbers for the NN module's tests.

Run once, by hand, in a scratch virtual environment that has torch and numpy:

    python3 -m venv /tmp/venv-torch && /tmp/venv-torch/bin/pip install torch numpy
    /tmp/venv-torch/bin/python tools/make_fixtures.py

It writes small JSON files into Tests/fixtures/. The Swift tests read those files; torch is
never a test dependency. Every input is a fixed literal (no random numbers), so the Swift side
rebuilds the same problem from the JSON alone.

Files written:
- optimizers.json   parameter trajectories for every optimiser on two problems
- schedules.json    learning-rate (and momentum) sequences of the schedules
- losses.json       loss values for each reduction, and input gradients of the mean
- init.json         gains, fans and the bounds / standard deviations of the init schemes
- layers.json       activations, BatchNorm, Conv2d, MaxPool2d, AvgPool2d forward + grads
- training.json     a tiny MLP trained a few full-batch steps (fit's core loop)
- clip.json         clip_grad_norm results
"""
import json
import math
import os
import re

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)  # references in float64; Swift compares with float32 tolerances

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "fixtures")


def tolist(t):
    return t.detach().cpu().double().reshape(-1).tolist()


def tensor_json(t):
    return {"shape": list(t.shape), "data": tolist(t)}


def write(name, obj):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    text = json.dumps(obj, indent=1, sort_keys=True)
    # Keep arrays of numbers on one line: the files stay small and diffable.
    text = re.sub(r"\[\s*([-0-9.eE+,\s]*?)\s*\]",
                  lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",") if v.strip()) + "]", text)
    with open(path, "w") as f:
        f.write(text + "\n")
    print("wrote", os.path.normpath(path))


def grid(shape, scale=1.0, shift=0.0):
    """A deterministic, non-symmetric tensor: sin of the flat index, scaled."""
    n = 1
    for s in shape:
        n *= s
    values = [scale * math.sin(0.7 * i + 0.3) + shift for i in range(n)]
    return torch.tensor(values).reshape(shape)


# MARK: - Optimisers

QUAD_P0 = [1.0, -2.0, 0.5]
QUAD_A = [1.0, 3.0, 0.5]
QUAD_B = [0.2, -0.1, 0.3]
STEPS = 6

LIN_X = [[0.5, -1.0, 2.0], [1.5, 0.3, -0.7], [-0.2, 0.8, 0.1], [1.0, 1.0, -1.0]]
LIN_Y = [[1.0, -0.5], [0.2, 0.7], [-1.0, 0.3], [0.5, 0.5]]
LIN_W0 = [[0.1, -0.2, 0.3], [0.4, 0.0, -0.1]]
LIN_B0 = [0.05, -0.05]

OPTIMIZER_CASES = [
    ("sgd", "SGD", {"lr": 0.1}),
    ("sgd_momentum", "SGD", {"lr": 0.1, "momentum": 0.9}),
    ("sgd_nesterov", "SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
    ("sgd_weight_decay", "SGD", {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.01}),
    ("adam", "Adam", {"lr": 0.1}),
    ("adam_amsgrad", "Adam", {"lr": 0.1, "amsgrad": True}),
    ("adam_weight_decay", "Adam", {"lr": 0.1, "weight_decay": 0.1}),
    ("adamw", "AdamW", {"lr": 0.1, "weight_decay": 0.1}),
    ("adamw_default_decay", "AdamW", {"lr": 0.1}),
    ("adagrad", "Adagrad", {"lr": 0.1}),
    ("rmsprop", "RMSprop", {"lr": 0.01}),
    ("rmsprop_momentum_centered", "RMSprop", {"lr": 0.01, "momentum": 0.9, "centered": True}),
    ("adadelta", "Adadelta", {"lr": 1.0}),
    ("adamax", "Adamax", {"lr": 0.1}),
    ("nadam", "NAdam", {"lr": 0.1}),
]

DEFAULT_KEYS = ["lr", "momentum", "nesterov", "weight_decay", "betas", "eps", "amsgrad",
                "alpha", "centered", "rho", "lr_decay", "initial_accumulator_value",
                "momentum_decay", "dampening"]


def optimizer_defaults(cls):
    p = torch.zeros(1, requires_grad=True)
    opt = cls([p])
    out = {}
    for key in DEFAULT_KEYS:
        if key in opt.defaults:
            value = opt.defaults[key]
            if isinstance(value, tuple):
                value = list(value)
            out[key] = value
    return out


def quadratic_trajectory(cls, kwargs):
    p = torch.tensor(QUAD_P0, requires_grad=True)
    a = torch.tensor(QUAD_A)
    b = torch.tensor(QUAD_B)
    opt = cls([p], **kwargs)
    traj = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = (0.5 * a * p * p + b * p).sum()
        loss.backward()
        opt.step()
        traj.append(tolist(p))
    return traj


def linear_trajectory(cls, kwargs):
    w = torch.tensor(LIN_W0, requires_grad=True)
    b = torch.tensor(LIN_B0, requires_grad=True)
    x = torch.tensor(LIN_X)
    y = torch.tensor(LIN_Y)
    opt = cls([w, b], **kwargs)
    traj = []
    for _ in range(STEPS):
        opt.zero_grad()
        loss = F.mse_loss(x @ w.T + b, y)
        loss.backward()
        opt.step()
        traj.append({"weight": tolist(w), "bias": tolist(b), "loss": loss.item()})
    return traj


def optimizers():
    cases = []
    for case_id, name, kwargs in OPTIMIZER_CASES:
        cls = getattr(torch.optim, name)
        cases.append({
            "id": case_id,
            "optimizer": name,
            "options": kwargs,
            "quadratic": quadratic_trajectory(cls, kwargs),
            "linear": linear_trajectory(cls, kwargs),
        })
    defaults = {name: optimizer_defaults(getattr(torch.optim, name))
                for name in sorted({c[1] for c in OPTIMIZER_CASES})}
    write("optimizers.json", {
        "about": "quadratic: loss = sum(0.5*a*p^2 + b*p), grad = a*p + b; "
                 "linear: mse(x @ w.T + b, y). Each trajectory lists the parameters after "
                 "every step.",
        "steps": STEPS,
        "quadratic_problem": {"p0": QUAD_P0, "a": QUAD_A, "b": QUAD_B},
        "linear_problem": {"x": LIN_X, "y": LIN_Y, "w0": LIN_W0, "b0": LIN_B0},
        "defaults": defaults,
        "cases": cases,
    })


# MARK: - Schedules

def schedule_sequence(make_opt, make_sched, steps):
    p = torch.zeros(1, requires_grad=True)
    opt = make_opt([p])
    sched = make_sched(opt)
    lrs, momenta = [], []

    def record():
        group = opt.param_groups[0]
        lrs.append(group["lr"])
        if "betas" in group:
            momenta.append(group["betas"][0])
        elif "momentum" in group:
            momenta.append(group["momentum"])

    record()
    for _ in range(steps):
        p.grad = torch.zeros(1)
        opt.step()
        sched.step()
        record()
    return lrs, momenta


def schedules():
    sgd = lambda params: torch.optim.SGD(params, lr=0.1, momentum=0.9)
    adam = lambda params: torch.optim.Adam(params, lr=0.1)
    cases = [
        ("step_lr", "StepLR", {"step": 3, "gamma": 0.5}, sgd,
         lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=3, gamma=0.5), 10),
        ("exponential_lr", "ExponentialLR", {"gamma": 0.9}, sgd,
         lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9), 8),
        ("cosine_lr", "CosineLR", {"total": 10}, sgd,
         lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=10), 12),
        ("one_cycle_sgd", "OneCycleLR", {"max_lr": 0.1, "total": 20}, sgd,
         lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.1, total_steps=20), 19),
        ("one_cycle_adam", "OneCycleLR", {"max_lr": 0.1, "total": 20}, adam,
         lambda o: torch.optim.lr_scheduler.OneCycleLR(o, max_lr=0.1, total_steps=20), 19),
    ]
    out = []
    for case_id, name, options, make_opt, make_sched, steps in cases:
        lrs, momenta = schedule_sequence(make_opt, make_sched, steps)
        out.append({"id": case_id, "schedule": name, "options": options,
                    "optimizer": "Adam" if make_opt is adam else "SGD",
                    "base_lr": 0.1, "lrs": lrs, "momenta": momenta})
    write("schedules.json", {
        "about": "lrs[0] is the lr after construction; lrs[i] after i calls of step(). "
                 "CosineLR is torch's CosineAnnealingLR(T_max=total, eta_min=0); OneCycleLR "
                 "uses torch's defaults (pct_start 0.3, cos annealing, div_factor 25, "
                 "final_div_factor 1e4, momentum cycled 0.85..0.95 on SGD momentum / Adam beta1).",
        "cases": out,
    })


# MARK: - Losses

def loss_case(case_id, fn, pred, target, extra=None, about=""):
    pred = pred.clone().requires_grad_(True)
    values = {}
    for reduction in ["mean", "sum", "none"]:
        values[reduction] = tensor_json(fn(pred, target, reduction))
    loss = fn(pred, target, "mean")
    (g,) = torch.autograd.grad(loss, pred)
    case = {"id": case_id, "pred": tensor_json(pred), "target": tensor_json(target),
            "values": values, "grad_of_mean": tensor_json(g)}
    if extra:
        case.update(extra)
    if about:
        case["about"] = about
    return case


def binary_hinge(s, y, reduction):
    v = torch.clamp(1 - y * s, min=0)
    return {"mean": v.mean(), "sum": v.sum(), "none": v}[reduction]


def losses():
    pred = grid([4, 2], 1.5)
    target = grid([4, 2], 1.0, 0.2).flip(0)
    prob = torch.tensor([0.9, 0.2, 0.6, 0.35])
    ybin = torch.tensor([1.0, 0.0, 0.0, 1.0])
    logits1 = torch.tensor([2.0, -1.0, 0.3, -0.4])
    logits = grid([4, 3], 2.0)
    labels = torch.tensor([2, 0, 1, 1])
    probs = torch.softmax(grid([4, 3], 1.3, 0.1).flip(1), dim=1)
    scores = torch.tensor([0.8, -0.3, 1.7, -2.0])
    ypm = torch.tensor([1.0, -1.0, -1.0, 1.0])
    cases = [
        loss_case("mse", lambda p, t, r: F.mse_loss(p, t, reduction=r), pred, target),
        loss_case("l1", lambda p, t, r: F.l1_loss(p, t, reduction=r), pred, target),
        loss_case("huber_delta1", lambda p, t, r: F.huber_loss(p, t, reduction=r, delta=1.0),
                  pred, target, {"delta": 1.0}),
        loss_case("huber_delta05", lambda p, t, r: F.huber_loss(p, t, reduction=r, delta=0.5),
                  pred, target, {"delta": 0.5}),
        loss_case("bce", lambda p, t, r: F.binary_cross_entropy(p, t, reduction=r), prob, ybin),
        loss_case("bce_logits", lambda p, t, r: F.binary_cross_entropy_with_logits(p, t, reduction=r),
                  logits1, ybin),
        loss_case("cross_entropy_indices", lambda p, t, r: F.cross_entropy(p, t, reduction=r),
                  logits, labels),
        loss_case("cross_entropy_probabilities", lambda p, t, r: F.cross_entropy(p, t, reduction=r),
                  logits, probs),
        loss_case("nll", lambda p, t, r: F.nll_loss(p, t, reduction=r),
                  torch.log_softmax(logits, dim=1), labels),
        loss_case("hinge_multiclass", lambda p, t, r: F.multi_margin_loss(p, t, reduction=r),
                  logits, labels,
                  about="torch MultiMarginLoss(p=1, margin=1): per sample "
                        "sum_{j != y} max(0, 1 - x[y] + x[j]) / C"),
        loss_case("hinge_binary", binary_hinge, scores, ypm,
                  about="labels in {-1, +1}: max(0, 1 - y * s)"),
    ]
    write("losses.json", {"about": "values per reduction; grad_of_mean = d mean-loss / d pred",
                          "cases": cases})


# MARK: - Init

def init_stats():
    gains = {name: nn.init.calculate_gain(name) for name in
             ["linear", "sigmoid", "tanh", "relu", "selu"]}
    gains["leaky_relu_0.01"] = nn.init.calculate_gain("leaky_relu", 0.01)
    gains["leaky_relu_sqrt5"] = nn.init.calculate_gain("leaky_relu", math.sqrt(5))
    shapes = [[16, 8], [6, 3, 5, 5]]
    out = []
    for shape in shapes:
        w = torch.empty(shape)
        fan_in, fan_out = nn.init._calculate_fan_in_and_fan_out(w)
        out.append({
            "shape": shape, "fan_in": fan_in, "fan_out": fan_out,
            "xavier_uniform_bound": math.sqrt(6.0 / (fan_in + fan_out)),
            "xavier_normal_std": math.sqrt(2.0 / (fan_in + fan_out)),
            "kaiming_uniform_relu_bound": math.sqrt(2.0) * math.sqrt(3.0 / fan_in),
            "kaiming_normal_relu_std": math.sqrt(2.0) / math.sqrt(fan_in),
            "lecun_normal_std": 1.0 / math.sqrt(fan_in),
            "default_linear_weight_bound": gains["leaky_relu_sqrt5"] * math.sqrt(3.0 / fan_in),
            "default_linear_bias_bound": 1.0 / math.sqrt(fan_in),
        })
    # Check the formulas against torch's own samplers on a large tensor.
    torch.manual_seed(0)
    big = torch.empty(512, 256)
    nn.init.kaiming_uniform_(big, a=math.sqrt(5))
    assert big.abs().max() <= 1 / math.sqrt(256) + 1e-12
    nn.init.xavier_normal_(big)
    assert abs(big.std().item() - math.sqrt(2 / 768)) < 2e-3
    write("init.json", {
        "about": "PyTorch formulas: fan_in = in * receptive field, fan_out = out * receptive "
                 "field; default Linear/Conv2d init = kaiming_uniform(a=sqrt(5)) weights and "
                 "U(-1/sqrt(fan_in), 1/sqrt(fan_in)) bias. lecun = kaiming_normal with gain 1.",
        "gains": gains, "shapes": out})


# MARK: - Layers

def grads_of_weighted_sum(out, inputs):
    weights = grid(list(out.shape), 1.0, 0.1)
    return torch.autograd.grad((out * weights).sum(), inputs), weights


def activations():
    x = torch.tensor([[-2.5, -1.0, -0.2, 0.0], [0.3, 1.0, 2.2, 25.0]], requires_grad=True)
    fns = {
        "relu": F.relu, "leaky_relu": lambda t: F.leaky_relu(t, 0.01),
        "prelu": lambda t: F.prelu(t, torch.tensor([0.25])),
        "sigmoid": torch.sigmoid, "tanh": torch.tanh,
        "gelu": F.gelu, "gelu_tanh": lambda t: F.gelu(t, approximate="tanh"),
        "elu": F.elu, "selu": F.selu, "softplus": F.softplus,
        "softmax": lambda t: F.softmax(t, dim=-1), "log_softmax": lambda t: F.log_softmax(t, dim=-1),
    }
    cases = []
    for name, fn in fns.items():
        out = fn(x)
        (g,), weights = grads_of_weighted_sum(out, [x])
        cases.append({"id": name, "output": tensor_json(out), "grad": tensor_json(g)})
    return {"input": tensor_json(x), "upstream": tensor_json(grid([2, 4], 1.0, 0.1)),
            "cases": cases}


def batchnorm():
    cases = []
    for case_id, shape in [("bn1d", [5, 3]), ("bn2d", [2, 3, 2, 2])]:
        bn = nn.BatchNorm1d(3) if len(shape) == 2 else nn.BatchNorm2d(3)
        with torch.no_grad():
            bn.weight.copy_(torch.tensor([1.0, 0.5, -1.5]))
            bn.bias.copy_(torch.tensor([0.0, 0.2, -0.3]))
        x1 = grid(shape, 2.0, 0.5).requires_grad_(True)
        x2 = grid(shape, 1.0, -0.3).flip(0)
        bn.train()
        out1 = bn(x1)
        (gx, gw, gb), upstream = grads_of_weighted_sum(out1, [x1, bn.weight, bn.bias])
        rm1, rv1 = tolist(bn.running_mean), tolist(bn.running_var)
        out2 = bn(x2)
        rm2, rv2 = tolist(bn.running_mean), tolist(bn.running_var)
        bn.eval()
        out_eval = bn(x1)
        cases.append({
            "id": case_id, "weight": [1.0, 0.5, -1.5], "bias": [0.0, 0.2, -0.3],
            "x1": tensor_json(x1), "x2": tensor_json(x2), "upstream": tensor_json(upstream),
            "train_out1": tensor_json(out1), "grad_x1": tensor_json(gx),
            "grad_weight": tolist(gw), "grad_bias": tolist(gb),
            "running_mean1": rm1, "running_var1": rv1,
            "train_out2": tensor_json(out2), "running_mean2": rm2, "running_var2": rv2,
            "eval_out1": tensor_json(out_eval),
        })
    return {"about": "momentum 0.1, eps 1e-5, running_var uses the unbiased batch variance; "
                     "upstream is the weight of the weighted sum whose gradient is given",
            "cases": cases}


def conv_and_pool():
    convs = []
    for case_id, (cin, cout, k, stride, padding, shape) in {
        "conv_s1_p1": (2, 3, 3, 1, 1, [2, 2, 5, 5]),
        "conv_s2_p0": (2, 2, 3, 2, 0, [1, 2, 6, 5]),
        "conv_k2_s1_p0": (1, 2, 2, 1, 0, [1, 1, 3, 4]),
    }.items():
        conv = nn.Conv2d(cin, cout, k, stride=stride, padding=padding)
        with torch.no_grad():
            conv.weight.copy_(grid(list(conv.weight.shape), 0.5))
            conv.bias.copy_(grid([cout], 0.2, 0.05))
        x = grid(shape, 1.0, 0.1).requires_grad_(True)
        out = conv(x)
        (gx, gw, gb), upstream = grads_of_weighted_sum(out, [x, conv.weight, conv.bias])
        convs.append({
            "id": case_id, "in": cin, "out": cout, "kernel": k, "stride": stride,
            "padding": padding, "x": tensor_json(x), "weight": tensor_json(conv.weight),
            "bias": tolist(conv.bias), "output": tensor_json(out), "upstream": tensor_json(upstream),
            "grad_x": tensor_json(gx), "grad_weight": tensor_json(gw), "grad_bias": tolist(gb),
        })
    pools = []
    for case_id, (kind, k, stride, shape) in {
        "max_k2": ("max", 2, 2, [1, 2, 4, 4]),
        "max_k3_s2": ("max", 3, 2, [1, 1, 7, 6]),
        "avg_k2": ("avg", 2, 2, [2, 1, 4, 5]),
        "avg_k3_s1": ("avg", 3, 1, [1, 2, 4, 4]),
    }.items():
        x = grid(shape, 1.0).requires_grad_(True)
        out = F.max_pool2d(x, k, stride) if kind == "max" else F.avg_pool2d(x, k, stride)
        (gx,), upstream = grads_of_weighted_sum(out, [x])
        pools.append({"id": case_id, "kind": kind, "kernel": k, "stride": stride,
                      "x": tensor_json(x), "output": tensor_json(out),
                      "upstream": tensor_json(upstream), "grad_x": tensor_json(gx)})
    return convs, pools


def layers():
    convs, pools = conv_and_pool()
    write("layers.json", {"activations": activations(), "batchnorm": batchnorm(),
                          "conv2d": convs, "pool2d": pools})


# MARK: - Training loop and clipping

def training():
    x = grid([6, 2], 1.0)
    labels = torch.tensor([0, 1, 2, 1, 0, 2])
    l1 = nn.Linear(2, 4)
    l2 = nn.Linear(4, 3)
    with torch.no_grad():
        l1.weight.copy_(grid([4, 2], 0.6))
        l1.bias.copy_(grid([4], 0.1))
        l2.weight.copy_(grid([3, 4], 0.5, 0.05))
        l2.bias.copy_(grid([3], 0.1, -0.02))
    model = nn.Sequential(l1, nn.ReLU(), l2)
    initial = {"w1": tensor_json(l1.weight), "b1": tolist(l1.bias),
               "w2": tensor_json(l2.weight), "b2": tolist(l2.bias)}
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    losses_seen = []
    for _ in range(5):
        opt.zero_grad()
        loss = F.cross_entropy(model(x), labels)
        loss.backward()
        opt.step()
        losses_seen.append(loss.item())
    final = {"w1": tensor_json(l1.weight), "b1": tolist(l1.bias),
             "w2": tensor_json(l2.weight), "b2": tolist(l2.bias)}
    write("training.json", {
        "about": "mlp [2, 4, 3] with ReLU, cross_entropy, Adam(lr=0.05), 5 full-batch steps "
                 "(batch_size = 6, no shuffle); losses are the batch losses before each step",
        "x": tensor_json(x), "labels": labels.tolist(), "initial": initial, "final": final,
        "losses": losses_seen})


def clip():
    a = torch.tensor([3.0, -4.0], requires_grad=True)
    b = torch.tensor([[1.0, 2.0], [-2.0, 0.5]], requires_grad=True)
    cases = []
    for max_norm in [1.0, 100.0]:
        a.grad = torch.tensor([3.0, -4.0])
        b.grad = torch.tensor([[1.0, 2.0], [-2.0, 0.5]])
        total = torch.nn.utils.clip_grad_norm_([a, b], max_norm)
        cases.append({"max_norm": max_norm, "total_norm": total.item(),
                      "grad_a": tolist(a.grad), "grad_b": tolist(b.grad)})
    write("clip.json", {"about": "grads a=[3,-4], b=[[1,2],[-2,0.5]]; clip coefficient "
                                 "max_norm / (total + 1e-6), applied only when below 1",
                        "cases": cases})


if __name__ == "__main__":
    optimizers()
    schedules()
    losses()
    init_stats()
    layers()
    training()
    clip()
