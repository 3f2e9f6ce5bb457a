#!/usr/bin/env python3
"""Output formats and batch runs: SARIF against the SARIF 2.1.0 schema,
CSV through a CSV parser, HTML pages in a real browser (headless Chromium,
screenshots into the artifacts folder), batches in parallel against
sequential, baselines.

usage: outputs_test.py OGICHECK_BINARY REPO_ROOT ARTIFACTS_DIR
"""
import base64
import csv
import hashlib
import html
import html.parser
import io
import json
import os
import re
import urllib.parse
import shutil
import subprocess
import sys
import tempfile

from testlib import BROWSER_ABSENT, Suite, browser_jobs

binary, root, artifacts = (os.path.abspath(p) for p in sys.argv[1:4])
real = os.path.join(root, "..", "shared", "corpus-real")
schema_path = os.path.join(root, "tests", "schemas", "sarif-schema-2.1.0.json")  # the OASIS file, kept in the repository
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
    def findings_shown(r):
        return [l for l in r.stdout.splitlines() if not l.endswith(": 未发现问题")]
    quiet = run("check", "--baseline", base, tmp)
    check("baseline: known findings hidden", findings_shown(quiet) == [], quiet.stdout[:500])
    clean = os.path.join(tmp, "a", "clean-copy.txt")
    text = open(os.path.join(root, "corpus/specimens/clean.txt"), encoding="utf-8").read()
    open(clean, "w", encoding="utf-8").write(text.replace("六、其他需要报告的事项", "六、其它需要报告的事项"))
    new = run("check", "--baseline", base, tmp)
    check("baseline: a new finding shows", len(findings_shown(new)) == 1 and "clean-copy.txt" in findings_shown(new)[0], new.stdout)

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
check("HTML index: a row per report, linked", len(re.findall(r'<tr data-tags="[^"]*"><td><a href=', index)) == 2 and "sortBy" in index)

# Hostile input: reports and their file names come from the open web. The
# specimen's title, agency, an extra row's label and a paragraph carry markup,
# a javascript: URL, spreadsheet formulas and a comma; the file name a
# newline, a GBK byte pair (国, as Windows archives store it) and a bidi
# override. Run from the temp folder, so the name is also the CSV's first cell.
hostile = "corpus/specimens/hostile-markup.txt"
hostile_tmp = tempfile.TemporaryDirectory()
odd_name = b'=HYPERLINK("x")\n\xb9\xfa' + "\u202e".encode() + b".txt"
# how outputs show it: bytes that are not UTF-8 as \xNN everywhere; text
# lines and HTML text escape the control characters too, JSON its own way
odd_shown = '=HYPERLINK("x")\\n\\xb9\\xfa\\u202e.txt'
odd_utf8 = '=HYPERLINK("x")\n\\xb9\\xfa\u202e.txt'
shutil.copy(os.path.join(root, hostile), os.path.join(os.fsencode(hostile_tmp.name), odd_name))
shutil.copy(os.path.join(root, hostile), os.path.join(hostile_tmp.name, "hostile-markup.txt"))


def run_bytes(*args):
    """Output as bytes: a reporter that wrote a byte that is not UTF-8 fails
    the check instead of the test script."""
    r = subprocess.run([binary, *args], cwd=hostile_tmp.name, capture_output=True, timeout=300)
    try:
        return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8", "replace")
    except UnicodeDecodeError as e:
        return r.returncode, None, str(e)


def utf8_ok(name, out):
    check(f"{name}: output is valid UTF-8", out is not None)
    return out or ""


hostile_json = json.loads(run("check", "--format", "json", hostile).stdout)
findings = len(hostile_json["findings"])
check("hostile specimen: payloads reach the outputs (title, agency, extra row)",
      "<script>" in hostile_json["title"] and hostile_json["agency"].startswith("=HYPERLINK")
      and any("onerror" in f.get("row", "") for f in hostile_json["findings"]), hostile_json["title"])

# (c) text: one line per finding, each starting with the escaped name.
code, out, err = run_bytes("check", odd_name)
out = utf8_ok("text", out)
# a rule's undecided places (EXT-03) are one line with "(+N)" for the N more
grouped = sum(int(n) for n in re.findall(r" \(\+(\d+)\)$", out, re.M))
check("text: one line per finding for a file name with a newline",
      out.count("\n") + grouped == findings and all(line.startswith(odd_shown + ":") for line in out.splitlines()), out[:1000])
check("text: no raw control or bidi character", not any(c in out.replace("\n", "") for c in "\r\x1b\u202e"), out[:500])

# (d) JSON Lines and SARIF: the GBK name in a batch with a normal file.
code, out, err = run_bytes("check", "--format", "json", odd_name, "hostile-markup.txt")
lines = utf8_ok("JSON", out).splitlines()
try:
    sources = [json.loads(line)["source"] for line in lines]
except ValueError as e:
    sources = [str(e)]
check("JSON: a GBK file name and a normal one, both results", sources == [odd_utf8, "hostile-markup.txt"] and code == 1,
      (code, sources, err[-300:]))
code, out, err = run_bytes("extract", "--format", "json", odd_name)
check("extract JSON: the GBK file name", out is not None and json.loads(out)["source"] == odd_utf8, (code, err[-300:]))
code, out, err = run_bytes("check", "--format", "sarif", odd_name, "hostile-markup.txt")
try:
    sarif = json.loads(utf8_ok("SARIF", out))
    uris = [a["location"]["uri"] for a in sarif["runs"][0]["artifacts"]]
    messages = [x["message"]["text"] for x in sarif["runs"][0]["results"]]
except ValueError as e:
    sarif, uris, messages = None, [str(e)], []
check("SARIF: a GBK file name and a normal one, both artifacts",
      uris == ["%3DHYPERLINK%28%22x%22%29%0A%B9%FA%E2%80%AE.txt", "hostile-markup.txt"], (uris, err[-300:]))
check("SARIF: messages quote the report's text as it is", messages == [f["message"] for f in hostile_json["findings"]] * 2)
if sarif and os.path.exists(schema_path):
    check("SARIF of hostile inputs valid", not list(validator.iter_errors(sarif)))

# (b) CSV: 18 (check) or 7 (extract) fields a row, no cell a spreadsheet
# would run as a formula; a plain negative number stays a number.
def csv_rows(name, *args):
    code, out, err = run_bytes(*args)
    return list(csv.reader(io.StringIO(utf8_ok(name, out), newline=""))), err


def formula_free(rows):
    number = re.compile(r"[-+]?\d+(\.\d+)?")
    return [c for row in rows for c in row if c[:1] in ("=", "+", "-", "@", "\t", "\r") and not number.fullmatch(c)]


rows, err = csv_rows("check CSV", "check", "--format", "csv", odd_name, "hostile-markup.txt")
check("check CSV of hostile inputs: 21 fields a row", len(rows) == 1 + 2 * findings and all(len(x) == 21 for x in rows),
      [len(x) for x in rows])
check("check CSV of hostile inputs: no formula cell", rows and not formula_free(rows), formula_free(rows)[:3])
check("check CSV: the name kept, behind a quote", rows[1:2] and rows[1][0] == "'" + odd_utf8, rows[1:2])
rows, err = csv_rows("extract CSV", "extract", "--format", "csv", odd_name, "hostile-markup.txt")
check("extract CSV of hostile inputs: 7 fields a row", len(rows) > 100 and all(len(x) == 7 for x in rows), err[-300:])
check("extract CSV of hostile inputs: no formula cell", not formula_free(rows), formula_free(rows)[:3])
check("extract CSV: the agency kept, behind a quote", rows[1:2] and rows[1][1] == "'" + hostile_json["agency"], rows[1:2])
negative = list(csv.reader(io.StringIO(run("extract", "--format", "csv", "corpus/specimens/tbl06-negative.txt").stdout)))
check("extract CSV: a negative figure stays a number", ["-1"] == [x[6] for x in negative if x[4:6] == ["denied_process", "natural_person"]])

# (a) HTML: the page of the hostile specimen (written with the other pages
# above), and an index over two inputs, one with the odd name.
hostile_dir = os.path.join(artifacts, "hostile-batch")
shutil.rmtree(hostile_dir, ignore_errors=True)
code, out, err = run_bytes("check", "--format", "html", "--output", hostile_dir, odd_name, "hostile-markup.txt")
hostile_pages = sorted(os.listdir(hostile_dir))
check("HTML index over hostile inputs: pages with safe names", len(hostile_pages) == 3 and all(
    re.fullmatch(r"[\w.\-]+", n) for n in hostile_pages), hostile_pages)
for name in hostile_pages:
    try:
        open(os.path.join(hostile_dir, name), "rb").read().decode("utf-8")
        check(f"HTML {name}: valid UTF-8", True)
    except UnicodeDecodeError as e:
        check(f"HTML {name}: valid UTF-8", False, e)


class Elements(html.parser.HTMLParser):
    """The start tags of a page and their attributes."""
    def __init__(self, text):
        super().__init__()
        self.tags = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def inert(name, text):
    """What a page must not have: an element or attribute that runs script."""
    tags = Elements(text).tags
    handlers = [(t, n) for t, attrs in tags for n in attrs if n.startswith("on")]
    check(f"{name}: no event-handler attribute", not handlers, handlers[:3])
    check(f"{name}: no image", not [t for t, _ in tags if t == "img"])
    links = [a["href"] for t, a in tags if "href" in a]
    # fragments, pages, the index, and a page's original file: a relative
    # path, percent-encoded, so no scheme (javascript:) can come of a name
    check(f"{name}: links only to fragments, pages and files", all(
        re.fullmatch(r"#[\w.\-]+|\d+-[\w.%\-]+\.html|index\.html|(\.\./)*[\w.%\-/]+", h) for h in links), links[:3])
    csp = [a["content"] for t, a in tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    check(f"{name}: a policy that allows no other script", csp and "default-src 'none'" in csp[0] and "unsafe-inline" not in
          csp[0].replace("style-src 'unsafe-inline'", ""), csp)
    return tags, csp[0] if csp else ""


pages["hostile"] = hostile
open(os.path.join(artifacts, "hostile.html"), "w", encoding="utf-8").write(run("check", "--format", "html", hostile).stdout)
for name in hostile_pages[1:]:  # after index.html
    inert(f"hostile {name}", open(os.path.join(hostile_dir, name), encoding="utf-8", errors="replace").read())
inert("hostile page", open(os.path.join(artifacts, "hostile.html"), encoding="utf-8").read())
index_html = open(os.path.join(hostile_dir, "index.html"), encoding="utf-8", errors="replace").read()
_, index_csp = inert("hostile index", index_html)
script = re.findall(r"<script>(.*?)</script>", index_html, re.S)
digest = base64.b64encode(hashlib.sha256(script[0].encode()).digest()).decode() if len(script) == 1 else None
check("HTML index: one script, allowed by its hash", digest and f"script-src 'sha256-{digest}'" in index_csp, (digest, index_csp))
links = [urllib.parse.unquote(a["href"]) for t, a in Elements(index_html).tags if t == "a"]
check("HTML index: links lead to the pages", len(links) == 2 and all(os.path.exists(os.path.join(hostile_dir, h)) for h in links), links)
check("HTML index: the odd name shown escaped, its page linked",
      html.escape(odd_shown) in index_html and 'href="1-' in index_html)

chromium = shutil.which("chromium") or shutil.which("chromium-browser")
if chromium:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    for name in pages:
        page = os.path.join(artifacts, f"{name}.html")
        with tempfile.TemporaryDirectory() as profile:
            shot = os.path.join(artifacts, f"{name}.png")
            try:  # a page that opens a dialog never finishes loading
                dom = subprocess.run([chromium, *flags, f"--user-data-dir={profile}", "--dump-dom", f"file://{page}"],
                                     capture_output=True, text=True, timeout=120).stdout
                subprocess.run([chromium, *flags, f"--user-data-dir={profile}", "--window-size=1280,2400",
                                f"--screenshot={shot}", f"file://{page}"], capture_output=True, timeout=120)
            except subprocess.TimeoutExpired:
                dom = ""
        rendered = dom.count('class="cell error"') + dom.count('class="cell warning"')
        check(f"browser renders {name}", "<table" in dom and (name != "ari01" or rendered >= 2), rendered)
        check(f"browser screenshot {name}", os.path.exists(shot) and os.path.getsize(shot) > 10000)
        inert(f"browser DOM {name}", dom)
        print(f"screenshot: {shot}")
else:
    skip("browser test", "chromium not installed (tools/install-deps.sh installs it)")

# The hostile pages in a browser that is watched (puppeteer): no dialog, no
# script but the sort, which still sorts, and nothing the policy had to stop.
# A copy with the markup an escaping slip would let through shows the policy
# stopping it on its own.
run_browser = browser_jobs(root)
if run_browser:
    broken = os.path.join(artifacts, "hostile-unescaped.html")
    slip = '<script>alert("script")</script><img src=x onerror=alert("img")><a href="javascript:alert(1)">x</a>'
    open(broken, "w", encoding="utf-8").write(
        open(os.path.join(artifacts, "hostile.html"), encoding="utf-8").read().replace("</h1>", slip + "</h1>", 1))
    url = lambda path: "file://" + urllib.parse.quote(path)
    jobs = [{"url": url(os.path.join(artifacts, "hostile.html"))},
            {"url": url(os.path.join(hostile_dir, "index.html")), "sort": True,
             "screenshot": os.path.join(artifacts, "hostile-index.png")},
            *({"url": url(os.path.join(hostile_dir, n))} for n in hostile_pages if n != "index.html"),
            {"url": url(broken)}]
    results, stderr = run_browser(jobs)
    check("puppeteer ran the pages", len(results) == len(jobs), stderr[-1000:])
    for res in results[:-1]:
        name = os.path.basename(urllib.parse.unquote(res["url"]))
        check(f"puppeteer {name}: no dialog, no error, nothing blocked",
              not res["dialogs"] and not res["errors"] and not res["violations"], res)
        check(f"puppeteer {name}: no script but the sort", res["scripts"] == (script if name == "index.html" else []),
              res["scripts"])
        check(f"puppeteer {name}: no handler attribute, no image", not res["handlers"] and not res["images"])
    if len(results) == len(jobs):
        order = results[1]["sorted"]
        check("puppeteer index: a header click sorts the rows, a second reverses them",
              order and order["up"] != order["down"] and order["down"] == order["up"][::-1]
              and sorted(order["up"]) == sorted(order["before"]), order)
        check("puppeteer index: screenshot", os.path.getsize(os.path.join(artifacts, "hostile-index.png")) > 10000)
        slipped = results[-1]
        check("puppeteer: the policy alone stops an unescaped script and handler",
              not slipped["dialogs"] and len(slipped["violations"]) >= 2, slipped)
else:
    skip("puppeteer test", BROWSER_ABSENT)
hostile_tmp.cleanup()

sys.exit(suite.finish())
