#!/usr/bin/env python3
"""Output formats and batch runs: SARIF against the SARIF 2.1.0 schema,
CSV through a CSV parser, HTML pages in a real browser (headless Chromium,
screenshots into the artifacts folder), batches in parallel against
sequential, baselines.

usage: outputs_test.py OGICHECK_BINARY REPO_ROOT ARTIFACTS_DIR
"""
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

from testlib import Suite

binary, root, artifacts = (os.path.abspath(p) for p in sys.argv[1:4])
real = os.path.join(root, "..", "shared", "corpus-real")
schema_path = os.path.join(root, "..", "shared", "spec", "schemas", "sarif-schema-2.1.0.json")
suite = Suite("outputs", binary, root)
run, check, skip = suite.run, suite.check, suite.skip



corpus = sorted(f"{d}/{n}" for d in ("corpus/sample", "corpus/specimens", "corpus/pdf", "corpus/html", "corpus/docx")
                for n in os.listdir(os.path.join(root, d)) if os.path.splitext(n)[1] in (".txt", ".pdf", ".html", ".docx"))

# SARIF: every corpus input, and one document over all of them.
if os.path.exists(schema_path):
    import jsonschema
    validator = jsonschema.Draft7Validator(json.load(open(schema_path, encoding="utf-8")))
    for path in corpus:
        r = run("check", "--format", "sarif", path)
        errors = list(validator.iter_errors(json.loads(r.stdout)))
        check(f"SARIF valid: {path}", not errors, [e.message for e in errors[:3]])
    whole = run("check", "--format", "sarif", *corpus)
    log = json.loads(whole.stdout)
    check("SARIF valid: all inputs in one run", not list(validator.iter_errors(log)))
    results = log["runs"][0]["results"]
    check("SARIF has results with rule ids and fingerprints",
          results and all(x["ruleId"] and x["partialFingerprints"]["ogicheck/v1"] for x in results))
    check("SARIF levels", {x["level"] for x in results} <= {"error", "warning", "note"})
    check("SARIF unreadable inputs as notifications",
          log["runs"][0]["invocations"][0]["toolExecutionNotifications"] and not log["runs"][0]["invocations"][0]["executionSuccessful"])
    again = json.loads(run("check", "--format", "sarif", "--lang", "en", *corpus).stdout)
    fp = lambda l: [x["partialFingerprints"]["ogicheck/v1"] for x in l["runs"][0]["results"]]
    check("SARIF fingerprints stable across runs and languages", fp(log) == fp(again))
else:
    skip("SARIF schema validation", "../shared/spec/schemas absent")

# CSV of findings and of cells.
r = run("check", "--format", "csv", "corpus/specimens/ari01-unbalanced.txt")
rows = list(csv.DictReader(io.StringIO(r.stdout)))
check("check CSV: one row per finding", [x["rule"] for x in rows] == ["ARI-01", "ARI-03"], rows)
if os.path.isdir(real):
    reports = [os.path.join(real, n) for n in sorted(os.listdir(real)) if n != "MANIFEST.md"]
    r = run("extract", "--format", "csv", *reports)
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    check("extract CSV: columns", rows and list(rows[0].keys()) == ["source", "agency", "year", "table", "row", "col", "value"])
    for path in reports:
        j = run("extract", path)
        if j.returncode != 0:
            continue
        expected = sum(len(t["cells"]) for t in json.loads(j.stdout)["tables"])
        got = sum(1 for x in rows if x["source"] == path)
        check(f"extract CSV cell count: {os.path.basename(path)}", got == expected, (got, expected))
    huaian = [x for x in rows if x["source"].endswith("2024_huaian-shi_govnianbao.pdf")]
    check("extract CSV: Huai'an 200 cells, agency and year", len(huaian) == 200 and huaian[0]["agency"] == "淮安市人民政府"
          and huaian[0]["year"] == "2024", len(huaian))
else:
    skip("extract CSV of real reports", "../shared/corpus-real absent")

# Batch: folders, -j 1 and -j 2 give the same output in input order.
with tempfile.TemporaryDirectory() as tmp:
    for d in ("a", "b/c"):
        os.makedirs(os.path.join(tmp, d))
    for i, path in enumerate(corpus):
        shutil.copy(os.path.join(root, path), os.path.join(tmp, "a" if i % 2 else "b/c", f"{i:03d}-{os.path.basename(path)}"))
    one = run("check", "--format", "json", "-j", "1", tmp)
    two = run("check", "--format", "json", "-j", "2", tmp)
    check("batch: -j 1 and -j 2 outputs identical", one.stdout == two.stdout and one.stdout.count("\n") == len(corpus))
    sources = [json.loads(line)["source"] for line in one.stdout.splitlines()]
    check("batch: folders recursed, files in sorted order", sources == sorted(sources), sources[:3])
    check("batch: closing summary", f"共 {len(corpus)} 份报告" in one.stderr, one.stderr[-300:])

    # Baseline: accept today's findings, then only a new one shows.
    base = os.path.join(tmp, "baseline.json")
    first = run("check", "--write-baseline", base, tmp)
    check("baseline written", first.returncode == 2 and os.path.exists(base))  # 2: the bad inputs among them
    quiet = run("check", "--baseline", base, tmp)
    check("baseline: known findings hidden", quiet.stdout == "", quiet.stdout[:500])
    clean = os.path.join(tmp, "a", "clean-copy.txt")
    text = open(os.path.join(root, "corpus/specimens/clean.txt"), encoding="utf-8").read()
    open(clean, "w", encoding="utf-8").write(text.replace("六、其他需要报告的事项", "六、其它需要报告的事项"))
    new = run("check", "--baseline", base, tmp)
    check("baseline: a new finding shows", new.stdout.count("\n") == 1 and "clean-copy.txt" in new.stdout, new.stdout)

# HTML: a page per report with the failing cells marked, an index for several.
os.makedirs(artifacts, exist_ok=True)
pages = {"ari01": "corpus/specimens/ari01-unbalanced.txt"}
if os.path.isdir(real):
    pages["huaian"] = os.path.join(real, "2024_huaian-shi_govnianbao.pdf")
for name, path in pages.items():
    r = run("check", "--format", "html", path)
    page = os.path.join(artifacts, f"{name}.html")
    open(page, "w", encoding="utf-8").write(r.stdout)
    check(f"HTML page {name}: self-contained", "<link" not in r.stdout and "src=\"http" not in r.stdout)
check("HTML: ARI cells marked", 'id="cell-applications-new-natural_person" class="cell error"' in open(os.path.join(artifacts, "ari01.html"), encoding="utf-8").read())
out_dir = os.path.join(artifacts, "batch")
r = run("check", "--format", "html", "--output", out_dir, "corpus/specimens/ari01-unbalanced.txt", "corpus/specimens/clean.txt")
index = open(os.path.join(out_dir, "index.html"), encoding="utf-8").read()
check("HTML index: a row per report, linked", index.count("<tr><td><a href=") == 2 and "sortBy" in index)

chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if chromium:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    for name in pages:
        page = os.path.join(artifacts, f"{name}.html")
        with tempfile.TemporaryDirectory() as profile:
            dom = subprocess.run([chromium, *flags, f"--user-data-dir={profile}", "--dump-dom", f"file://{page}"],
                                 capture_output=True, text=True, timeout=120).stdout
            shot = os.path.join(artifacts, f"{name}.png")
            subprocess.run([chromium, *flags, f"--user-data-dir={profile}", "--window-size=1280,2400",
                            f"--screenshot={shot}", f"file://{page}"], capture_output=True, timeout=120)
        rendered = dom.count('class="cell error"') + dom.count('class="cell warning"')
        check(f"browser renders {name}", "<table" in dom and (name != "ari01" or rendered >= 2), rendered)
        check(f"browser screenshot {name}", os.path.exists(shot) and os.path.getsize(shot) > 10000)
        print(f"screenshot: {shot}")
else:
    skip("browser test", "chromium not installed (tools/install-deps.sh installs it)")

sys.exit(suite.finish())
