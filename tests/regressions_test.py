#!/usr/bin/env python3
"""Regression inputs of the fuzzers (tests/fuzz/regressions/<harness>/, every
crash input found and hand-made hostile files) through the CLI: each must end
as a report or as an input error, `ogicheck check --format json FILE` exiting
0, 1 or 2 with one JSON line for the file (an exception that escapes the
checker exits 2 with nothing on stdout), within a time and memory budget.

usage: regressions_test.py OGICHECK_BINARY REPO_ROOT [--asan]
"""
import json
import os
import resource
import subprocess
import sys

from testlib import Suite

binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
asan = "--asan" in sys.argv[3:]
folder = os.path.join(root, "tests", "fuzz", "regressions")
suite = Suite("regressions", binary, root)
SECONDS, MEGABYTES = 60, 4096

env = dict(os.environ)
if asan:  # ASan reserves terabytes of address space: cap allocations instead
    env["ASAN_OPTIONS"] = ":".join(filter(None, [env.get("ASAN_OPTIONS"), f"max_allocation_size_mb={MEGABYTES}",
                                                 "allocator_may_return_null=1"]))


def limit_memory():
    if not asan:
        resource.setrlimit(resource.RLIMIT_AS, (MEGABYTES << 20, MEGABYTES << 20))


cases = sorted(os.path.join(d, n) for d, _, names in os.walk(folder) for n in names if not n.startswith("."))
for path in cases:
    name = os.path.relpath(path, root)
    try:
        r = subprocess.run([binary, "check", "--format", "json", "-j", "1", path], capture_output=True,
                           timeout=SECONDS, env=env, preexec_fn=limit_memory)
    except subprocess.TimeoutExpired:
        suite.check(name, False, f"still running after {SECONDS} s")
        continue
    lines = r.stdout.decode("utf-8", "replace").splitlines()
    try:
        one = len(lines) == 1 and json.loads(lines[0])["source"] == path
    except (ValueError, KeyError, TypeError):
        one = False
    suite.check(name, r.returncode in (0, 1, 2) and one,
                f"exit {r.returncode}, {len(lines)} stdout lines\n{r.stderr.decode('utf-8', 'replace')[-1500:]}")

suite.check("regression inputs present", bool(cases), f"no file under {folder}")
sys.exit(suite.finish())
