"""PyTorch side of `npm run bench:peer`: the same three models, batch, optimizer and loop as LayerLab's side.

Run as: python3 peer.py MODEL BATCHES REPETITIONS THREADS   (prints one JSON line)
        python3 peer.py --gemm THREADS M,N,K ...                (GFLOP/s of torch.mm, i.e. OpenBLAS sgemm)
"""
import json
import resource
import sys
import time

import torch
import torch.nn as nn


def build(model):
    if model == "feed-forward":
        return nn.Sequential(
            nn.Flatten(), nn.Linear(1296, 128), nn.Sigmoid(), nn.Linear(128, 32), nn.Sigmoid(), nn.Linear(32, 5)
        )
    if model == "cnn":
        return nn.Sequential(
            nn.Conv2d(1, 4, 5, padding="same"), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
            nn.Linear(4 * 18 * 18, 32), nn.ReLU(), nn.Dropout(0.25), nn.Linear(32, 5),
        )
    if model == "wide-cnn":
        return nn.Sequential(
            nn.Conv2d(1, 32, 3, padding="same"), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding="same"), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
            nn.Linear(64 * 9 * 9, 128), nn.ReLU(), nn.Dropout(0.25), nn.Linear(128, 5),
        )
    raise SystemExit(f"unknown model {model}")


def train(model_name, batches, repetitions, threads):
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    model = build(model_name)
    params = sum(p.numel() for p in model.parameters())
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()  # softmax output + categorical cross-entropy, as LayerLab's templates
    xs = [torch.rand(32, 1, 36, 36) for _ in range(batches)]
    ys = [torch.randint(0, 5, (32,)) for _ in range(batches)]
    rates, cpu_rates = [], []
    for r in range(repetitions + 1):
        c0, t0 = time.process_time(), time.perf_counter()
        for x, y in zip(xs, ys):
            opt.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
            loss.item()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        if r > 0:  # repetition 0 warms up
            rates.append(batches * 32 / wall)
            cpu_rates.append(batches * 32 / cpu)
    rates.sort()
    cpu_rates.sort()
    return {
        "model": model_name,
        "params": params,
        "samplesPerSecond": rates[len(rates) // 2],
        "samplesPerCpuSecond": cpu_rates[len(cpu_rates) // 2],
        "peakRssMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
    }


def gemm(threads, shapes):
    torch.set_num_threads(threads)
    out = []
    for shape in shapes:
        m, n, k = (int(v) for v in shape.split(","))
        a, b = torch.rand(m, k), torch.rand(k, n)
        torch.mm(a, b)
        times = []
        for _ in range(9):
            t0 = time.perf_counter()
            torch.mm(a, b)
            times.append(time.perf_counter() - t0)
        times.sort()
        out.append({"shape": shape, "gflops": 2 * m * n * k / times[4] / 1e9})
    return out


if __name__ == "__main__":
    if sys.argv[1] == "--gemm":
        print(json.dumps(gemm(int(sys.argv[2]), sys.argv[3:])))
    else:
        print(json.dumps(train(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))))
