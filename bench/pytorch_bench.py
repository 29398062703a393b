#!/usr/bin/env python3
"""PyTorch twin of bench/src/dev/netwright/bench/CpuBenchmark.java: same models, data, batch sizes, windows.

MLP 784-512-256-10 (ReLU, Adam lr 1e-3, batch 128) and LeNet-5 (ReLU, SGD lr 0.01 momentum 0.9, batch 64) on
Fashion-MNIST (random 28x28 data when the IDX files are absent), cross-entropy loss; plus SGEMM 1024^3/2048^3.

Run it the fair way (see shared/bench-peers.md): Debian python3-torch with the OpenMP OpenBLAS,
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp OMP_NUM_THREADS=1 /usr/bin/python3 bench/pytorch_bench.py --threads 1
scripts/bench.sh does this and alternates it with the Java benchmark.
"""
import argparse
import gzip
import os
import platform
import statistics
import struct
import time

import numpy as np
import torch
import torch.nn as nn


def idx(path, magic):
    with gzip.open(path, "rb") as f:
        m = struct.unpack(">i", f.read(4))[0]
        if m != magic:
            raise ValueError(f"{path}: IDX magic {m:x}, expected {magic:x}")
        dims = struct.unpack(">" + "i" * ((magic & 0xff)), f.read(4 * (magic & 0xff)))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def load(data_dir):
    img = os.path.join(data_dir, "train-images-idx3-ubyte.gz")
    lab = os.path.join(data_dir, "train-labels-idx1-ubyte.gz")
    if os.path.exists(img) and os.path.exists(lab):
        x = idx(img, 0x803).reshape(-1, 784).astype(np.float32) / 255.0
        y = idx(lab, 0x801).astype(np.int64)
        order = np.random.default_rng(1).permutation(len(y))  # a fixed shuffle, like the Java side (not the same one)
        return torch.from_numpy(x[order].copy()), torch.from_numpy(y[order].copy()), f"Fashion-MNIST {len(y)} training images"
    g = torch.Generator().manual_seed(1)
    return torch.rand(60000, 784, generator=g), torch.randint(0, 10, (60000,), generator=g), "random 28x28"


def mlp():
    model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(), nn.Linear(256, 10))
    return model, torch.optim.Adam(model.parameters(), lr=1e-3), 128, train_flops([784 * 512, 512 * 256, 256 * 10]), False


def lenet():
    model = nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Linear(120, 84), nn.ReLU(), nn.Linear(84, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    macs = [6 * 28 * 28 * 25, 16 * 10 * 10 * 150, 400 * 120, 120 * 84, 84 * 10]
    return model, opt, 64, train_flops(macs), True


def train_flops(macs):
    """Same count as CpuBenchmark.trainFlops: forward + weight gradient everywhere, input gradient after layer 1."""
    return sum(2.0 * m * (2 if i == 0 else 3) for i, m in enumerate(macs))


def train(build, x_all, y_all, warmup, warmup_seconds, windows, steps):
    model, opt, b, flops, image = build()
    loss_fn = nn.CrossEntropyLoss()
    batches = len(y_all) // b
    cursor = [0]
    last = [0.0]

    def step():
        at = (cursor[0] % batches) * b
        cursor[0] += 1
        x = x_all[at:at + b]
        if image:
            x = x.view(b, 1, 28, 28)
        loss = loss_fn(model(x), y_all[at:at + b])
        opt.zero_grad()
        loss.backward()
        opt.step()
        last[0] = loss.item()

    end = time.perf_counter() + warmup_seconds  # same warm-up rule as the Java side
    i = 0
    while i < warmup or time.perf_counter() < end:
        step()
        i += 1
    first = last[0]
    sps = []
    for _ in range(windows):
        t0 = time.perf_counter()
        for _ in range(steps):
            step()
        sps.append(steps * b / (time.perf_counter() - t0))
    return sps, [s * flops / 1e9 for s in sps], first, last[0]


def gemm_gflops(m, n, k, ta, tb, threads):
    a = torch.rand(k, m) * 2 - 1 if ta else torch.rand(m, k) * 2 - 1
    b = torch.rand(n, k) * 2 - 1 if tb else torch.rand(k, n) * 2 - 1
    a, b = (a.t() if ta else a), (b.t() if tb else b)  # transposed views, like transA/transB
    flop = 2.0 * m * n * k
    reps = max(1, round(4e9 * threads / flop))
    end = time.perf_counter() + 1
    i = 0
    while i < 2 * reps or time.perf_counter() < end:
        torch.mm(a, b)
        i += 1
    g = []
    for _ in range(5):
        t0 = time.perf_counter()
        for _ in range(reps):
            torch.mm(a, b)
        g.append(flop * reps / (time.perf_counter() - t0) / 1e9)
    return statistics.median(g)


def gemm(n, threads):
    g = gemm_gflops(n, n, n, False, False, threads)
    print(f"sgemm  threads={threads}  {n}^3: median {g:.1f} GFLOP/s")
    print(f"RESULT impl=pytorch model=gemm{n} threads={threads} gflops={g:.2f}")


def gemm_shape(m, n, k, ta, tb, threads):
    g = gemm_gflops(m, n, k, ta, tb, threads)
    print(f"sgemm  threads={threads}  {m}x{n}x{k}{' transA' if ta else ''}{' transB' if tb else ''}: median {g:.1f} GFLOP/s")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", default="1,2")
    p.add_argument("--models", default="mlp,lenet")
    p.add_argument("--gemm", default="1024,2048")
    p.add_argument("--windows", type=int, default=5)
    p.add_argument("--steps", type=int, default=200)
    p.add_argument("--warmup", type=int, default=50)
    p.add_argument("--warmup-seconds", type=float, default=5)
    p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    a = p.parse_args()
    torch.set_flush_denormal(True)  # without it Adam's decaying state goes denormal and the MLP slows 20-25%
    torch.manual_seed(42)
    x_all, y_all, desc = load(a.data)
    print(f"pytorch CPU benchmark: torch {torch.__version__}, python {platform.python_version()}, data: {desc}")
    builders = {"mlp": mlp, "lenet": lenet}
    for t in [int(s) for s in a.threads.split(",") if s]:
        torch.set_num_threads(t)
        for name in [s for s in a.models.split(",") if s]:
            sps, gf, first, last = train(builders[name], x_all, y_all, a.warmup, a.warmup_seconds, a.windows, a.steps)
            print(f"{name:<6} threads={t}  samples/s: {' '.join(f'{s:.0f}' for s in sps)}  median {statistics.median(sps):.0f}"
                  f"  ({statistics.median(gf):.1f} GFLOP/s)  loss {first:.3f} -> {last:.3f}")
            print(f"RESULT impl=pytorch model={name} threads={t} samples_per_s={statistics.median(sps):.0f}"
                  f" gflops={statistics.median(gf):.2f} windows={','.join(f'{s:.0f}' for s in sps)}")
        for n in [int(s) for s in a.gemm.split(",") if s]:
            gemm(n, t)
        if a.gemm:
            for m, n, k, ta, tb in ((128, 512, 784, False, True), (128, 784, 512, False, False), (512, 784, 128, True, False)):
                gemm_shape(m, n, k, ta, tb, t)


if __name__ == "__main__":
    main()
