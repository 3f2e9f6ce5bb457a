#!/usr/bin/env python3
"""Benchmark: runs `ogicheck check` and a baseline on the same inputs,
alternately in one run, and prints the median ratios of wall time and of CPU
time (user + sys of the whole process: the cost, whether or not a second core
is free). Machines here are noisy: compare ratios, not absolute times. Also
reports peak memory.

usage: tools/bench.py [--runs N] [--unite N] [--batch N] [--before OLD_OGICHECK] FILE...
  baseline: `pdftotext -layout FILE /dev/null` on the same PDF
  --unite N: also bench one file made of N copies of the first FILE
             (pdfunite), for the cost per page and peak memory on long input
  --batch N: also time one `ogicheck check -j 1` over N copies of the first
             FILE against N runs of pdftotext (a supervisor's batch: start-up
             and rule loading paid once), then where its CPU goes per report
             (--timings): extraction is poppler's own reading, the floor
  --before OLD: an older ogicheck build timed in the same runs, in turn
             with this one and the baseline: before and after, one run
"""
import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

here = os.path.dirname(os.path.abspath(__file__))
ogicheck = os.environ.get("OGICHECK", os.path.join(here, "..", "build", "ogicheck"))


def timed(cmd):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    # a build that fails (an option it lacks, a crash) must not be timed as fast
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def peak_kb(cmd):
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True)
    return int(out.stderr.strip().splitlines()[-1])


def print_stages(folder, n, baseline_cpu):
    """Where a batch's CPU goes, from --timings: extraction is poppler's own
    text reading (the floor no checker of PDFs goes below), the rest is ours.
    The rest is this run's own CPU less its stages (not another run's)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    r = subprocess.run([ogicheck, "check", "--fail-on", "none", "-j", "1", "--timings", folder],
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    batch_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    stages = {"extract": 0.0, "segment": 0.0, "rules": 0.0}
    for line in r.stderr.splitlines():
        for name in stages:
            m = re.search(rf"{name} ([0-9.]+) ms", line)
            if line.startswith("timing:") and m:
                stages[name] += float(m.group(1)) / 1000
    rest = batch_cpu - sum(stages.values())
    shown = ", ".join(f"{k} {v / n * 1000:.1f} ms" for k, v in stages.items())
    print(f"  per report: {shown}, the rest (start-up, rule loading, output) {rest / n * 1000:.1f} ms; "
          f"extraction alone would be ratio {stages['extract'] / baseline_cpu:.2f} cpu (the floor)")


def ratio_line(name, samples):
    """samples: (wall, cpu, base wall, base cpu) per run."""
    wall = statistics.median(x[0] for x in samples)
    cpu = statistics.median(x[1] for x in samples)
    return (f"{name} median {wall * 1000:.1f} ms wall, {cpu * 1000:.1f} ms cpu, ratio "
            f"{statistics.median(x[0] / x[2] for x in samples):.2f} wall, "
            f"{statistics.median(x[1] / x[3] for x in samples):.2f} cpu")


def alternate(builds, command, baseline, runs):
    """Each run times every build's command, then the baseline, in turn:
    the machine's noise falls on all of them alike."""
    samples = {name: [] for name, _ in builds}
    for _ in range(runs):
        measured = {name: timed(command(binary)) for name, binary in builds}
        base = baseline()
        for name in samples:
            samples[name].append(measured[name] + base)
    return samples


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--unite", type=int, default=0)
    ap.add_argument("--batch", type=int, default=0)
    ap.add_argument("--before", help="another ogicheck (an older build), measured in the same runs")
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    builds = [("ogicheck", ogicheck)] + ([("before", a.before)] if a.before else [])
    files = list(a.files)
    tmp = tempfile.TemporaryDirectory()
    if a.unite:
        united = os.path.join(tmp.name, f"united-{a.unite}x.pdf")
        subprocess.run(["pdfunite"] + [a.files[0]] * a.unite + [united], check=True)
        files.append(united)
    if a.batch:
        folder = os.path.join(tmp.name, "batch")
        os.makedirs(folder)
        for i in range(a.batch):
            os.link(a.files[0], os.path.join(folder, f"{i:04d}.pdf"))
        copies = sorted(os.path.join(folder, n) for n in os.listdir(folder))

        def pdftotext_each():
            total = [0.0, 0.0]
            for c in copies:
                one = timed(["pdftotext", "-layout", c, "/dev/null"])
                total = [total[0] + one[0], total[1] + one[1]]
            return tuple(total)

        samples = alternate(builds, lambda b: [b, "check", "--fail-on", "none", "-j", "1", folder], pdftotext_each, 3)
        print(f"batch of {a.batch} x {os.path.basename(a.files[0])}, -j 1 once vs pdftotext -layout {a.batch} times:")
        for name in samples:
            print("  " + ratio_line(name, samples[name]))
        print_stages(folder, len(copies), statistics.median(x[3] for x in samples["ogicheck"]))
    for f in files:
        check = lambda b: [b, "check", "--fail-on", "none", f]
        base_cmd = ["pdftotext", "-layout", f, "/dev/null"]
        for name, binary in builds:
            timed(check(binary))  # warm the page cache
        timed(base_cmd)
        runs = a.runs if "united" not in f else max(3, a.runs // 5)
        samples = alternate(builds, check, lambda: timed(base_cmd), runs)
        print(f"{os.path.basename(f)} (pdftotext -layout median "
              f"{statistics.median(x[2] for x in samples['ogicheck']) * 1000:.1f} ms wall, peak memory {peak_kb(base_cmd) / 1024:.1f} MB):")
        for name, binary in builds:
            print(f"  {ratio_line(name, samples[name])}; peak memory {peak_kb(check(binary)) / 1024:.1f} MB")


if __name__ == "__main__":
    main()
