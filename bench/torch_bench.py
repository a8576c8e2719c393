#!/usr/bin/env python3
"""PyTorch CPU reference (one thread) for workloads W1-W5, run by bench/run only when
`import torch` works. Same workloads, timing rule and JSON line as bench_core.cpp.

    python3 bench/torch_bench.py [--quick] [--only W1,W5]

Debian's python3-torch needs libopenblas0-pthread or it uses the slow reference BLAS.
"""
import json
import math
import os
import statistics
import sys
import time

# One thread means the BLAS too: torch.set_num_threads() sizes torch's own pool only, and
# OpenBLAS's pthread build starts one thread per core unless told before it loads. Without this,
# torch.mm at (100x784)(784x1000) ran at 250 GFLOP/s on this 2-core machine, above one core's
# AVX-512 FMA peak (221); with it, 147.
# The threaded column (bench/run, issue 14) sets LL_TORCH_THREADS to the core count.
THREADS = os.environ.get("LL_TORCH_THREADS", "1")
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = THREADS

import torch  # noqa: E402 (after the thread settings, on purpose)

torch.set_num_threads(int(THREADS))
QUICK = "--quick" in sys.argv
ONLY = sys.argv[sys.argv.index("--only") + 1].split(",") if "--only" in sys.argv else None
MIN_SAMPLE_S, SAMPLES = (0.1, 5) if QUICK else (0.3, 11)
results = {}


def report(key, value, unit):
    results[key] = value
    print(f"  {key:<28} {value:12.4g} {unit}", file=sys.stderr)


def median_seconds(f, min_sample_s=MIN_SAMPLE_S):
    """Median seconds per call; warm-up and calibration as in bench_timer.h."""
    t0 = time.perf_counter()
    f()
    reps = max(1, math.ceil(min_sample_s / max(time.perf_counter() - t0, 1e-9)))
    t0 = time.perf_counter()
    for _ in range(reps):
        f()
    reps = max(1, math.ceil(min_sample_s / max((time.perf_counter() - t0) / reps, 1e-9)))
    samples = []
    for _ in range(SAMPLES):
        t0 = time.perf_counter()
        for _ in range(reps):
            f()
        samples.append((time.perf_counter() - t0) / reps)
    return statistics.median(samples)


ACT = {"tanh": torch.nn.Tanh, "sigmoid": torch.nn.Sigmoid, "relu": torch.nn.ReLU,
       "identity": torch.nn.Identity, "leaky": lambda: torch.nn.LeakyReLU(0.01)}


def mlp(sizes, acts, last_act=True):
    """Linear layers; the last activation is left out when the loss takes logits."""
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1]))
        if i + 2 < len(sizes) or last_act:
            layers.append(ACT[acts[i]]())
    return torch.nn.Sequential(*layers)


def train_step(net, opt, loss_fn, x, t):
    opt.zero_grad(set_to_none=True)
    loss_fn(net(x), t).backward()
    opt.step()


def w1():
    x = torch.rand(64, 64) * 2 - 1
    net = mlp([64, 16, 64], ["tanh", "tanh"])
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    mse = lambda y, t: ((y - t) ** 2).sum() / 64
    report("W1", 64 / median_seconds(lambda: train_step(net, opt, mse, x, x)), "samples/s")


W2_SIZES = [784, 1000, 500, 250, 30, 250, 500, 1000, 784]


def w2():
    x = torch.rand(100, 784)
    acts = ["sigmoid"] * 3 + ["identity"] + ["sigmoid"] * 4
    net = mlp(W2_SIZES, acts, last_act=False)
    opt = torch.optim.SGD(net.parameters(), lr=0.01, momentum=0.9)
    bce = torch.nn.BCEWithLogitsLoss(reduction="sum")
    t = median_seconds(lambda: train_step(net, opt, lambda z, p: bce(z, p) / 100, x, x))
    weights = sum(a * b for a, b in zip(W2_SIZES, W2_SIZES[1:]))
    report("W2", 100 / t, "samples/s")
    report("W2_gflops", 6 * weights * 100 / t / 1e9, "GFLOP/s")


def w3():
    b = 64
    G = mlp([100, 256, 512, 1024, 784], ["relu", "relu", "relu", "tanh"])
    D = mlp([784, 512, 256, 1], ["leaky", "leaky", "sigmoid"], last_act=False)
    opt_g = torch.optim.Adam(G.parameters(), lr=2e-4, betas=(0.5, 0.999))
    opt_d = torch.optim.Adam(D.parameters(), lr=2e-4, betas=(0.5, 0.999))
    real = torch.rand(b, 784) * 2 - 1
    td = torch.cat([torch.ones(b, 1), torch.zeros(b, 1)])
    ones = torch.ones(b, 1)
    bce = torch.nn.BCEWithLogitsLoss(reduction="sum")

    def iteration():
        with torch.no_grad():
            fake = G(torch.randn(b, 100))
        opt_d.zero_grad(set_to_none=True)
        (bce(D(torch.cat([real, fake])), td) / b).backward()
        opt_d.step()
        for p in D.parameters():
            p.requires_grad_(False)  # G step: no dW for D, as in the core and TF.js
        opt_g.zero_grad(set_to_none=True)
        (bce(D(G(torch.randn(b, 100))), ones) / b).backward()
        opt_g.step()
        for p in D.parameters():
            p.requires_grad_(True)

    report("W3", 1 / median_seconds(iteration), "iterations/s")


def w4():
    n, d, k = 10000, 784, 30
    codes = torch.randn(n, k) / (1 + torch.arange(k, dtype=torch.float32))
    x = codes @ (torch.rand(d, k) * 2 - 1).T + (torch.rand(n, d) * 0.2 - 0.1)

    def fit():
        xc = x - x.mean(0)
        evals, evecs = torch.linalg.eigh(xc.T @ xc / n)
        return evecs[:, -k:]

    report("W4", median_seconds(fit, 0), "s")


def w5():
    for m, k, n in [(100, 784, 1000), (64, 64, 16), (1000, 1000, 1000)]:
        name, flops = f"W5_{m}x{k}x{n}", 2 * m * k * n
        a, b = torch.rand(m, k), torch.rand(k, n)
        at, bt = a.T.contiguous(), b.T.contiguous()
        c = torch.empty(m, n)
        report(name, flops / median_seconds(lambda: torch.mm(a, b, out=c)) / 1e9, "GFLOP/s")
        report(name + "_At", flops / median_seconds(lambda: torch.mm(at.T, b, out=c)) / 1e9, "GFLOP/s")
        report(name + "_Bt", flops / median_seconds(lambda: torch.mm(a, bt.T, out=c)) / 1e9, "GFLOP/s")


print(f"torch_cpu {torch.__version__} threads={torch.get_num_threads()}", file=sys.stderr)
for name, fn in [("W1", w1), ("W2", w2), ("W3", w3), ("W4", w4), ("W5", w5)]:
    if ONLY is None or name in ONLY:
        fn()
SYSTEM = sys.argv[sys.argv.index("--system") + 1] if "--system" in sys.argv else "torch_cpu"
print(json.dumps({"system": SYSTEM, "threads": int(THREADS), "quick": QUICK, "version": torch.__version__,
                  "openblas": "openblas" in torch.__config__.show().lower(),
                  "blas_threads": os.environ["OPENBLAS_NUM_THREADS"],
                  "results": results}))
