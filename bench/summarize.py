#!/usr/bin/env python3
"""Summarises the RESULT lines of a scripts/bench.sh log: per workload and thread count, the median over rounds
of each implementation's median window, and netwright's ratio to PyTorch (and to OpenBLAS for SGEMM)."""
import collections
import statistics
import sys


def main(path):
    runs = collections.defaultdict(list)  # (model, threads, impl) -> [value per round]
    for line in open(path):
        if not line.startswith("RESULT "):
            continue
        f = dict(kv.split("=", 1) for kv in line.split()[1:])
        value = float(f["samples_per_s"]) if "samples_per_s" in f else float(f["gflops"])
        runs[(f["model"], int(f["threads"]), f["impl"])].append((value, float(f["gflops"])))
    keys = sorted({(m, t) for m, t, _ in runs}, key=lambda k: (not k[0].startswith(("mlp", "lenet")), k[0], k[1]))
    print(f"{'workload':<10} {'threads':>7}  {'netwright':>22}  {'pytorch':>22}  {'openblas':>10}  {'ratio':>6}  rounds")
    for model, t in keys:
        cells, med = {}, {}
        for impl in ("netwright", "pytorch", "openblas"):
            v = runs.get((model, t, impl))
            if not v:
                cells[impl] = "-"
                continue
            main_value = statistics.median(x for x, _ in v)
            gflops = statistics.median(g for _, g in v)
            med[impl] = main_value
            cells[impl] = (f"{main_value:,.0f}/s ({gflops:.1f} GF/s)" if not model.startswith("gemm")
                           else f"{gflops:.1f} GFLOP/s")
        peer = med.get("pytorch")
        ratio = f"{med['netwright'] / peer:.2f}" if peer and "netwright" in med else "-"
        n = len(runs.get((model, t, "netwright"), []))
        print(f"{model:<10} {t:>7}  {cells['netwright']:>22}  {cells['pytorch']:>22}  {cells['openblas']:>10}  {ratio:>6}  {n}")
    print("ratio = netwright / pytorch (medians over rounds); GF/s counts forward and backward matmul/conv FLOPs only")


if __name__ == "__main__":
    main(sys.argv[1])
