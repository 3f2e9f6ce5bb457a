#!/usr/bin/env python3
"""The supervisor's audit workflow: year-over-year pairing over a folder of
several bodies and years (corpus/pairing, from tools/pairing-specimens.json),
review files (states in every output, SARIF suppressions against the SARIF
2.1.0 schema in tests/schemas), baselines keyed on the relative path,
--files-from, --shard with GNU parallel and merge (the same CSV, SARIF and
HTML as one run), formats that are not read, and an output folder inside
the input folder.

usage: workflow_test.py OGICHECK_BINARY REPO_ROOT
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import jsonschema

from testlib import Suite

binary, root = (os.path.abspath(p) for p in sys.argv[1:3])
suite = Suite("workflow", binary, root)
run, check = suite.run, suite.check
pairing = "corpus/pairing"
planted = f"{pairing}/education-2024-carry-mismatch.txt"
reports = sorted(f"{pairing}/{n}" for n in os.listdir(os.path.join(root, pairing)) if n.endswith(".txt"))
check("pairing folder: two agencies x three years", len(reports) == 6, reports)
with tempfile.TemporaryDirectory() as tmp:  # the folder is what its spec writes
    subprocess.run([sys.executable, os.path.join(root, "tools/make-specimen.py"), os.path.join(root, "tools/pairing-specimens.json"), tmp],
                   check=True, timeout=60)
    check("pairing folder: written by tools/make-specimen.py from tools/pairing-specimens.json",
          sorted(os.listdir(tmp)) == sorted(os.path.basename(r) for r in reports)
          and all(open(os.path.join(tmp, n), "rb").read() == open(os.path.join(root, pairing, n), "rb").read() for n in os.listdir(tmp)))


def findings(result):
    """(source, rule) of each finding of a JSON Lines run."""
    return [(j["source"], f["rule"]) for j in map(json.loads, result.stdout.splitlines()) for f in j.get("findings", [])]


# Pairing: each report with its own predecessor, by agency and year.
folder = run("check", "--format", "json", "--previous", pairing, pairing)
found = findings(folder)
check("pairing: ARI-05 only on the planted mismatch", {s for s, r in found if r == "ARI-05"} == {planted}, found)
check("pairing: the earliest year of each body is unpaired (YR-04)",
      sorted(s for s, r in found if r == "YR-04") == [f"{pairing}/education-2022.txt", f"{pairing}/office-2022.txt"], found)
check("pairing: no copy or roll-forward finding between the right pairs",
      not any(r in ("DUP-01", "ARI-06") for _, r in found), found)
yr04 = run("check", "--previous", pairing, f"{pairing}/office-2022.txt").stdout
check("pairing: YR-04 says what it looked for", "未找到 某市某县人民政府办公室 2021 年的报告" in yr04, yr04)
# The same findings as each pair checked explicitly (县→区, 办公室→办公厅, a space in the name).
for earlier, later in (("office-2022", "office-2023"), ("office-2023", "office-2024"),
                       ("education-2022", "education-2023"), ("education-2023", "education-2024-carry-mismatch")):
    alone = run("check", "--format", "json", "--previous", f"{pairing}/{earlier}.txt", f"{pairing}/{later}.txt")
    check(f"pairing: {later} paired with {earlier}", alone.returncode in (0, 1)
          and findings(alone) == [x for x in found if x[0] == f"{pairing}/{later}.txt"], alone.stderr + str(findings(alone)))
real = os.path.join(root, "..", "shared", "corpus-real")
if os.path.isdir(real):  # real reports: 平潭综合实验区 2018 (pre-2019 format, no table 三) before 2019, 2021 before 2022
    r = run("check", "--format", "json", "--enable", "YR-04,ARI-05,EXT-03", "--previous", real, real)
    by = {os.path.basename(j["source"]): [f["rule"] for f in j.get("findings", [])] for j in map(json.loads, r.stdout.splitlines())}
    check("real reports: 2019 paired with the 2018 report, which has no table to compare: undecided, not ARI-05",
          by.get("2019_pingtan-zhsyq_pingtan-zwgk-archive.txt") == ["EXT-03"] * 7, by)
    check("real reports: 2022 paired with 2021", "YR-04" not in by.get("2022_pingtan-zhsyq_pingtan-zwgk-archive.txt", ["YR-04"])
          and "YR-04" in by.get("2021_pingtan-zhsyq_pingtan-zwgk-archive.txt", []), by)
else:
    suite.skip("real reports pairing", "../shared/corpus-real absent")
wrong = run("check", "--previous", f"{pairing}/office-2023.txt", planted)
check("pairing: a wrong-agency --previous FILE is refused", wrong.returncode == 2 and wrong.stdout == ""
      and "不是本报告的上一年报告" in wrong.stderr and "某市某区人民政府办公室" in wrong.stderr, wrong.stderr)
later = run("check", "--lang", "en", "--previous", f"{pairing}/office-2024.txt", f"{pairing}/office-2023.txt")
check("pairing: a later year as --previous is refused", later.returncode == 2 and "expected “某市某区人民政府办公室”, 2022" in later.stderr, later.stderr)
itself = run("check", "--previous", f"{pairing}/office-2023.txt", f"{pairing}/office-2023.txt")
check("pairing: a report is not its own previous year", itself.returncode == 2 and "DUP-01" not in itself.stdout, itself.stderr)
with tempfile.TemporaryDirectory() as tmp:
    empty = run("check", "--previous", tmp, planted)
    check("pairing: an empty --previous folder exits 2", empty.returncode == 2 and "没有报告" in empty.stderr, empty.stderr)
    for n in ("a", "b"):  # two copies of last year: which one is meant cannot be told
        shutil.copy(os.path.join(root, pairing, "education-2023.txt"), os.path.join(tmp, n + ".txt"))
    two = run("check", "--previous", tmp, planted).stdout
    check("pairing: two candidates are not guessed", "[YR-04]" in two and "2 份" in two and "[ARI-05]" not in two, two)

# Review file: two findings marked; the next run shows their state.
marked = [f for j in map(json.loads, folder.stdout.splitlines()) for f in j["findings"] if f["rule"] == "ARI-05"]
with tempfile.TemporaryDirectory() as tmp:
    review = os.path.join(tmp, "review.json")
    json.dump({"ogicheck-review": 1, "reviews": [
        {"source": "education-2024-carry-mismatch.txt", "fingerprint": marked[0]["fingerprint"], "rule": "ARI-05",
         "state": "accepted", "reason": "上年报告更正后结转为1件", "reviewer": "王审核", "date": "2025-03-10"},
        {"agency": "某市教育局", "year": 2024, "fingerprint": marked[1]["fingerprint"], "rule": "ARI-05",
         "state": "not-a-defect", "reason": "总计列随自然人列", "reviewer": "王审核"}]}, open(review, "w"), ensure_ascii=False)
    args = ("--review", review, "--previous", pairing, pairing)
    text = run("check", *args)
    check("review: closed findings hidden, the count said", "[ARI-05]" not in text.stdout and "已复核关闭 2 项" in text.stderr,
          text.stdout + text.stderr)
    shown = run("check", "--show-closed", *args).stdout
    check("review: --show-closed shows them with their state",
          shown.count("〔已复核：") == 2 and "已接受 — 上年报告更正后结转为1件（王审核 2025-03-10）" in shown and "非问题" in shown, shown)
    rows = list(csv.DictReader(io.StringIO(run("check", "--format", "csv", "--show-closed", *args).stdout)))
    check("review: CSV columns", sorted(r["review"] for r in rows if r["rule"] == "ARI-05") == ["accepted", "not-a-defect"], rows[:2])
    lines = [json.loads(l) for l in run("check", "--format", "json", *args).stdout.splitlines()]
    states = [f["review"] for j in lines for f in j["findings"] if "review" in f]
    check("review: JSON keeps them, marked", len(states) == 2 and all(s["closed"] for s in states), states)
    sarif = json.loads(run("check", "--format", "sarif", *args).stdout)
    suppressed = [r for r in sarif["runs"][0]["results"] if "suppressions" in r]
    check("review: SARIF suppressions with justification", len(suppressed) == 2
          and suppressed[0]["suppressions"][0]["justification"].startswith("accepted: 上年报告更正后结转为1件"), suppressed)
    schema = json.load(open(os.path.join(root, "tests/schemas/sarif-schema-2.1.0.json"), encoding="utf-8"))
    errors = [e.message for e in jsonschema.Draft7Validator(schema).iter_errors(sarif)]
    check("review: the SARIF validates against the SARIF 2.1.0 schema", not errors, errors[:3])
    page = run("check", "--format", "html", "--show-closed", "--review", review, "--previous", pairing, planted).stdout
    check("review: the HTML page shows the state", page.count('class="review"') == 1 and "非问题" in page, page[:300])
    template = os.path.join(tmp, "template.json")
    run("check", "-j", "2", "--review", review, "--write-review", template, "--previous", pairing, pairing)
    entries = json.load(open(template, encoding="utf-8"))["reviews"]
    check("--write-review: an entry per finding, verdicts kept, the rest to fill in",
          [(e["source"], e["rule"], e["state"]) for e in entries] == [("education-2022.txt", "YR-04", ""),
          ("education-2024-carry-mismatch.txt", "ARI-05", "accepted"), ("education-2024-carry-mismatch.txt", "ARI-05", "not-a-defect"),
          ("office-2022.txt", "YR-04", "")], entries)
    again = run("check", "--review", template, "--previous", pairing, pairing)
    check("--write-review: the file it writes is read back, unfilled entries skipped", again.returncode == 0
          and "已复核关闭 2 项" in again.stderr and again.stdout.count("[YR-04]") == 2, again.stderr)
    fixed = json.load(open(review, encoding="utf-8"))
    fixed["reviews"][0]["state"] = "fixed"
    json.dump(fixed, open(review, "w"), ensure_ascii=False)
    again = run("check", *args).stdout
    check("review: marked fixed but still found stays open", again.count("[ARI-05]") == 1 and "已标为已修改，但仍存在" in again, again)
    for bad in ({"reviews": [{"source": "x", "fingerprint": "f", "state": "maybe", "reason": "r", "reviewer": "w"}]},
                {"reviews": [{"source": "x", "fingerprint": "f", "state": "accepted"}]},
                {"reviews": [{"fingerprint": "f", "state": "accepted", "reason": "r", "reviewer": "w"}]}, [1, 2]):
        json.dump(bad, open(review, "w"))
        r = run("check", "--review", review, planted)
        check(f"review: a bad file exits 2 ({json.dumps(bad)[:40]})", r.returncode == 2 and "reviews" in r.stderr + "reviews", r.stderr)

# Baselines: by the path relative to the input folder, not the file name.
with tempfile.TemporaryDirectory() as tmp:
    for body, spec in (("a", "ari01-unbalanced"), ("b", "ari02-total-off")):
        os.makedirs(os.path.join(tmp, "in", body))
        shutil.copy(os.path.join(root, "corpus/specimens", spec + ".txt"), os.path.join(tmp, "in", body, "2024年报.txt"))
    base = os.path.join(tmp, "baseline.json")
    run("check", "--write-baseline", base, os.path.join(tmp, "in", "a"))
    paths = {f.get("path") for f in json.load(open(base))["findings"]}
    check("baseline: entries keyed on the relative path", paths == {"2024年报.txt"}, paths)
    run("check", "--write-baseline", base, os.path.join(tmp, "in"))
    moved = os.path.join(tmp, "moved")
    shutil.copytree(os.path.join(tmp, "in"), moved)
    os.remove(os.path.join(moved, "b", "2024年报.txt"))
    shutil.copy(os.path.join(root, "corpus/specimens/ari03-row-total-off.txt"), os.path.join(moved, "b", "2024年报.txt"))
    r = run("check", "--baseline", base, moved)
    check("baseline: the folder moved, the other body's same-named file still checked",
          r.stdout and all("b/2024年报.txt" in l for l in r.stdout.splitlines() if not l.endswith(": 未发现问题")), r.stdout)
    old = {"ogicheck-baseline": 1, "findings": [{"file": "2024年报.txt", "rule": f["rule"], "fingerprint": f["fingerprint"]}
                                              for f in json.load(open(base))["findings"]]}
    json.dump(old, open(base, "w"), ensure_ascii=False)
    r = run("check", "--baseline", base, os.path.join(tmp, "in"))
    check("baseline: a version 1 file (by file name) still read", r.returncode == 0 and all(l.endswith(": 未发现问题") for l in r.stdout.splitlines()), r.stdout + r.stderr)

# Shards: 4 processes under GNU parallel, then merge = one unsharded run.
inputs = ["corpus/docx", "corpus/pairing", "corpus/specimens"]  # with unreadable ones; folder names in sorted order
with tempfile.TemporaryDirectory() as tmp:
    job = f"{binary} check --format json --shard {{}}/4 {' '.join(inputs)} > {tmp}/part-{{}}.jsonl 2>/dev/null; test $? -le 2"
    p = subprocess.run(["parallel", "--halt", "now,fail=1", "-j", "2", job, ":::", "0", "1", "2", "3"], cwd=root,
                       capture_output=True, text=True, timeout=600)
    check("shards: GNU parallel ran 4 jobs", p.returncode == 0, p.stderr)
    parts = [os.path.join(tmp, f"part-{k}.jsonl") for k in range(4)]
    sources = [json.loads(l)["source"] for path in parts for l in open(path, encoding="utf-8")]
    whole = run("check", "--format", "json", *inputs)
    check("shards: each input in exactly one shard", sorted(sources) == sorted(json.loads(l)["source"] for l in whole.stdout.splitlines())
          and len(set(sources)) == len(sources) and all(os.path.getsize(p) for p in parts), len(sources))
    for fmt in (["csv"], ["csv", "--summary"], ["csv", "--summary", "--excel"], ["sarif"]):
        one, merged = run("check", "--format", *fmt, *inputs), run("merge", "--format", *fmt, *parts)
        check(f"merge: the same {' '.join(fmt)} as one run", one.stdout == merged.stdout and one.stdout and merged.returncode == one.returncode == 2,
              (merged.returncode, merged.stderr))
    run("check", "--format", "xlsx", "--output", f"{tmp}/one-xlsx", *inputs)
    run("merge", "--format", "xlsx", "--output", f"{tmp}/merged-xlsx", *parts)
    def sheets(folder):  # the worksheets and shared strings, not the workbook's creation time
        with zipfile.ZipFile(f"{folder}/ogicheck.xlsx") as z:
            return {n: z.read(n) for n in z.namelist() if n.startswith("xl/worksheets/") or n == "xl/sharedStrings.xml"}
    one_sheets = sheets(f"{tmp}/one-xlsx")
    check("merge: the same xlsx sheets as one run", len(one_sheets) >= 3 and one_sheets == sheets(f"{tmp}/merged-xlsx"), sorted(one_sheets))
    run("check", "--format", "html", "--output", f"{tmp}/one", *inputs)
    run("merge", "--format", "html", "--output", f"{tmp}/merged", *parts)
    pages = sorted(os.listdir(f"{tmp}/one"))
    check("merge: the same HTML pages and index", pages == sorted(os.listdir(f"{tmp}/merged")) and len(pages) > 50
          and all(open(f"{tmp}/one/{n}", "rb").read() == open(f"{tmp}/merged/{n}", "rb").read() for n in pages), pages[:3])
    listed = subprocess.run([binary, "check", "--format", "json", "--files-from", "-"], cwd=root, capture_output=True, text=True,
                            input="\n".join(reports) + "\n", timeout=300)
    check("--files-from -: the listed inputs", [json.loads(l)["source"] for l in listed.stdout.splitlines()] == reports, listed.stderr)
    open(f"{tmp}/bad.jsonl", "w").write("{not json\n")
    bad = run("merge", "--format", "csv", f"{tmp}/bad.jsonl")
    check("merge: a line that is not check's JSON exits 2", bad.returncode == 2 and "bad.jsonl:1" in bad.stderr, bad.stderr)
    open(f"{tmp}/typed.jsonl", "w").write('{"source": "x.txt", "profile": "gb-2021", "tables": [{"id": "applications", "found": "yes"}]}\n')
    typed = run("merge", "--format", "csv", f"{tmp}/typed.jsonl")
    check("merge: a field of the wrong type exits 2 naming the line", typed.returncode == 2 and "typed.jsonl:1" in typed.stderr, typed.stderr)
    missing = run("merge", "--format", "csv", f"{tmp}/missing.jsonl")
    check("merge: a missing part exits 2 naming it", missing.returncode == 2 and "missing.jsonl" in missing.stderr, missing.stderr)
    for shard in ("4/4", "x", "1/0", "-1/2"):
        r = run("check", "--shard", shard, planted)
        check(f"--shard {shard} refused", r.returncode == 2 and "--shard" in r.stderr, r.stderr)

# Folders: formats that are not read are said, not skipped; an output folder inside is not read back.
with tempfile.TemporaryDirectory() as tmp:
    shutil.copy(os.path.join(root, "corpus/specimens/clean.txt"), tmp)
    for name in ("old.doc", "old.wps"):
        open(os.path.join(tmp, name), "wb").write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504)
    import zipfile
    with zipfile.ZipFile(os.path.join(tmp, "report.ofd"), "w") as z:
        z.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>')
    r = run("check", "--format", "json", tmp)
    codes = {os.path.basename(j["source"]): j.get("code") for j in map(json.loads, r.stdout.splitlines())}
    check(".doc .wps .ofd in a folder: each reported as legacy-format",
          codes == {"clean.txt": None, "old.doc": "legacy-format", "old.wps": "legacy-format", "report.ofd": "legacy-format"}
          and r.returncode == 2 and "OFD" in r.stderr, (codes, r.stderr))
    out = os.path.join(tmp, "out")
    for _ in range(2):
        r = run("check", "--format", "html", "--output", out, tmp)
    check("--output inside the input folder is not read as input", "共 4 份报告" in r.stderr
          and len([n for n in os.listdir(out) if n.endswith(".html")]) == 2, r.stderr)

sys.exit(suite.finish())
