#!/usr/bin/env python3
"""Hostile inputs (tools/make-hostile-inputs.py, and pipes, devices and an
oversized file made here): each is read as what it is, or refused with a
clear message naming the file, in under 10 s and 512 MB; and in one batch
with them, the good reports give the same output as in a batch without.

usage: hostile_test.py OGICHECK_BINARY REPO_ROOT [SANITIZED]
"""
import json
import os
import subprocess
import sys
import tempfile
import time

from testlib import Suite

binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
suite = Suite("hostile", binary, root)
check = suite.check

# The bounds are the release build's. Under AddressSanitizer (SANITIZED=1)
# shadow memory and the quarantine take about five times the memory and
# Debug code the time, so they are scaled there.
sanitized = len(sys.argv) > 3 and sys.argv[3] == "1"
SECONDS, MEGABYTES = (10, 512) if not sanitized else (30, 2048)
NOT_A_REPORT = "不是政府信息公开工作年度报告"
TOO_DEEP = "嵌套超过"

# What each input must give: "report" (exit 0 or 1 and a JSON line), the
# report it must equal (sections, tables and findings, not locations; what
# reading repaired or cut is said as EXT-06/EXT-07), or the words of the
# message it must be refused with (exit 2).
EXPECTED = {
    "docx-ilvl-neg1.docx": "report",          # level -1 read as level 0: 一、二、
    "docx-ilvl-intmin.docx": "report",
    "docx-ilvl-huge.docx": NOT_A_REPORT,      # level 8 prints "1、"
    "docx-ilvl-intmax.docx": NOT_A_REPORT,
    "docx-ilvl-overflow.docx": NOT_A_REPORT,
    "docx-start-huge.docx": NOT_A_REPORT,
    "docx-start-neg.docx": NOT_A_REPORT,
    "docx-gridspan-huge.docx": NOT_A_REPORT,
    "docx-gridspan-2e9.docx": NOT_A_REPORT,
    "docx-vmerge-huge.docx": NOT_A_REPORT,
    "docx-nested-100000.docx": TOO_DEEP,
    "html-spans-1000.html": NOT_A_REPORT,
    "html-spans-360k.html": NOT_A_REPORT,
    "html-nested-300.html": "corpus/html/clean.html",
    "html-nested-4000.html": "corpus/html/clean.html",
    "html-nested-100000.html": TOO_DEEP,
    "html-nested-unclosed.html": TOO_DEEP,
    "html-2m-elements.html": "元素超过",
    "text-tabs-400k.txt": NOT_A_REPORT,
    "text-pipes-400k.txt": NOT_A_REPORT,
    "text-tables-2m-cells.txt": "单元格超过",
    "text-1m-lines.txt": "段落和表格超过",
    "docx-lvltext-million-marks.docx": NOT_A_REPORT,
    "docx-lvltext-1mb.docx": NOT_A_REPORT,
    "text-65mb.txt": "文本或网页文件过大",
    "text-bom-invalid-byte.txt": "report",
    "text-one-ff-byte.txt": "corpus/specimens/clean.txt",  # and EXT-06 says the byte was replaced
    "text-table-clamped.txt": "corpus/specimens/clean.txt",  # and EXT-07 says the table was cut
    "fifo": "不是普通文件",
    "char-device": "不是普通文件",
    "oversized.txt": "文件过大",
}


def measured(*args):
    """Runs ogicheck under /usr/bin/time: the result, seconds, peak MB."""
    start = time.monotonic()
    r = subprocess.run(["/usr/bin/time", "-f", "%M", binary, *args], cwd=root, capture_output=True, text=True,
                       timeout=SECONDS * 6)
    seconds = time.monotonic() - start
    *stderr, peak_kb = r.stderr.rstrip("\n").split("\n")
    r.stderr = "\n".join(line for line in stderr if not line.startswith("Command exited with non-zero status"))
    return r, seconds, int(peak_kb) / 1024


REPAIRS = {"text-one-ff-byte.txt": "EXT-06", "text-table-clamped.txt": "EXT-07"}


def content(json_line, repaired=None):
    """What a report says, without where: sections, cells, findings (but the
    finding that says what reading repaired)."""
    j = json.loads(json_line)
    j["findings"] = [f for f in j["findings"] if f["rule"] != repaired]
    return ([(s["id"], s["found"], s.get("heading")) for s in j["sections"]],
            [(t["id"], [(c["row"], c["col"], c["value"]) for c in t["cells"]]) for t in j["tables"]],
            [(f["rule"], f["severity"], f["message"]) for f in j["findings"]])


with tempfile.TemporaryDirectory() as tmp:
    subprocess.run([sys.executable, os.path.join(root, "tools/make-hostile-inputs.py"), tmp, root], check=True)
    os.mkfifo(os.path.join(tmp, "fifo"))
    os.symlink("/dev/zero", os.path.join(tmp, "char-device"))
    with open(os.path.join(tmp, "oversized.txt"), "wb") as f:
        f.truncate((256 << 20) + 1)  # sparse: no disk used
    with open(os.path.join(tmp, "text-65mb.txt"), "wb") as f:
        f.truncate(65 << 20)  # past limits::text_input_bytes, refused before it is read
    names = sorted(os.listdir(tmp))
    check("the generator wrote every expected case", set(names) == set(EXPECTED), sorted(set(names) ^ set(EXPECTED)))
    check("there are cases", len(names) > 0)

    for name in names:
        want = EXPECTED.get(name)
        path = os.path.join(tmp, name)
        r, seconds, peak_mb = measured("check", "--format", "json", path)
        print(f"{name}: exit {r.returncode}, {seconds:.2f} s, {peak_mb:.0f} MB")
        check(f"{name}: under {SECONDS} s", seconds < SECONDS, f"{seconds:.1f} s")
        check(f"{name}: under {MEGABYTES} MB", peak_mb < MEGABYTES, f"{peak_mb:.0f} MB")
        if want == "report" or (want and want.startswith("corpus/")):
            ok = r.returncode in (0, 1) and r.stdout.count("\n") == 1
            check(f"{name}: read as a report", ok, f"exit {r.returncode}: {r.stderr}")
            if ok and want != "report":
                expected = subprocess.run([binary, "check", "--format", "json", want], cwd=root, capture_output=True, text=True)
                repaired = REPAIRS.get(name)
                check(f"{name}: reads as {want}", content(r.stdout, repaired) == content(expected.stdout),
                      f"\n{content(r.stdout, repaired)}\n{content(expected.stdout)}")
                if repaired:
                    check(f"{name}: {repaired} said", f'"rule":"{repaired}"' in r.stdout, r.stdout[-500:])
        else:
            check(f"{name}: refused, the file and '{want}' named", r.returncode == 2 and path in r.stderr and want in r.stderr,
                  f"exit {r.returncode}: {r.stderr}")

    # One batch on two workers: the hostile files change nothing for the good reports.
    good = ["corpus/specimens/clean.txt", "corpus/specimens/ari01-unbalanced.txt"]
    hostile = [os.path.join(tmp, n) for n in names]
    alone = subprocess.run([binary, "check", "--format", "json", *good], cwd=root, capture_output=True, text=True)
    mixed, seconds, peak_mb = measured("check", "--format", "json", "-j", "2", *hostile[:6], good[0], *hostile[6:], good[1])
    print(f"batch: exit {mixed.returncode}, {seconds:.2f} s, {peak_mb:.0f} MB")
    lines = {json.loads(line)["source"]: line for line in mixed.stdout.splitlines() if line.startswith("{")}
    for line in alone.stdout.splitlines():
        source = json.loads(line)["source"]
        check(f"batch: {source} as alone", lines.get(source) == line, f"{lines.get(source)!r}\n{line!r}\n{mixed.stderr}")
    check("batch: exit 2 (inputs failed), not a crash", mixed.returncode == 2, mixed.returncode)
    check("batch: one JSON line per input", len(mixed.stdout.splitlines()) == len(hostile) + len(good), mixed.stdout[:500])
    check(f"batch: under {MEGABYTES} MB", peak_mb < MEGABYTES, f"{peak_mb:.0f} MB")

sys.exit(suite.finish())
