#!/usr/bin/env python3
"""Batch benchmark: N report files (the corpus specimens copied, each copy
varied in a figure and its agency), checked with -j 1 and -j 2 alternately;
prints the median speed-up, whether outputs are identical, and peak memory
for N and 10 N files (it must stay flat: results stream out in order).

usage: tools/bench-batch.py [--files 1000] [--runs 5]
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.join(here, "..")
ogicheck = os.environ.get("OGICHECK", os.path.join(root, "build", "ogicheck"))


def make_files(folder, n):
    specimens = sorted(os.path.join(root, "corpus/specimens", f) for f in os.listdir(os.path.join(root, "corpus/specimens"))
                       if f.endswith(".txt"))
    texts = [open(p, encoding="utf-8").read() for p in specimens]
    for i in range(n):
        text = texts[i % len(texts)].replace("某市某局", f"某市第{i}局").replace("\t0\t0\t0\n", f"\t0\t0\t{i % 7}\n", 1)
        with open(os.path.join(folder, f"{i:05d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)


def run(jobs, folder, fmt):
    start = time.perf_counter()
    out = subprocess.run([ogicheck, "check", "--format", fmt, "--fail-on", "none", "-j", str(jobs), folder],
                         capture_output=True, text=True).stdout
    return time.perf_counter() - start, out


def peak_mb(folder):
    r = subprocess.run(["/usr/bin/time", "-f", "%M", ogicheck, "check", "--format", "json", "--fail-on", "none", "-j", "2", folder],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(r.stderr.strip().splitlines()[-1]) / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as small, tempfile.TemporaryDirectory() as big:
        make_files(small, a.files)
        for fmt in ("text", "json"):
            ratios, identical = [], True
            for _ in range(a.runs):
                t1, o1 = run(1, small, fmt)
                t2, o2 = run(2, small, fmt)
                ratios.append(t1 / t2)
                identical = identical and o1 == o2
            print(f"{a.files} files, --format {fmt}: -j 1 {t1:.2f} s, -j 2 {t2:.2f} s; "
                  f"median speed-up {statistics.median(ratios):.2f}x; outputs identical: {identical}")
        make_files(big, a.files * 10)
        print(f"peak memory, JSON Lines: {a.files} files {peak_mb(small):.1f} MB, {a.files * 10} files {peak_mb(big):.1f} MB")


if __name__ == "__main__":
    main()
