#!/usr/bin/env python3
"""What a supervisor reads over a batch: the dashboard (index.html of
`check --format html --output DIR`) in headless Chromium, with screenshots
and a print into the artifacts folder; the summary CSV (one row per input),
the findings CSV's columns, the UTF-8 BOM, and `--format csv --output DIR`.

The batch is 50 corpus inputs of every format, among them unreadable ones
(an encrypted PDF, a zip bomb, a DOCX without its document, an empty file)
and ones not in a checked format (a 2017 report, a PDF of scans only).
The XLSX workbook is read as what it is, a zip of XML sheets.

usage: dashboard_test.py OGICHECK_BINARY REPO_ROOT ARTIFACTS_DIR
"""
import csv
import html.parser
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import zipfile

from testlib import BROWSER_ABSENT, Suite, browser_jobs

binary, root, artifacts = (os.path.abspath(p) for p in sys.argv[1:4])
suite = Suite("dashboard", binary, root)
run, check, skip = suite.run, suite.check, suite.skip
# The run date the pages print: fixed, so that two runs give the same bytes.
os.environ["SOURCE_DATE_EPOCH"] = "1767225600"  # 2026-01-01 00:00 UTC
BATCH = 50

unreadable = ["corpus/pdf/encrypted-user-password.pdf", "corpus/docx/zip-bomb.docx", "corpus/docx/no-document.docx"]
# Every batch here runs with --no-ocr: its picture-only PDF is then the
# example of a report that could not be checked (read by OCR, it is checked).
unchecked = ["corpus/specimens/fmt03-2017-format.txt", "corpus/pdf/image-only.pdf"]
others = sorted(f"{d}/{n}" for d in ("corpus/specimens", "corpus/pdf", "corpus/html", "corpus/docx")
                for n in os.listdir(os.path.join(root, d))
                if os.path.splitext(n)[1] in (".txt", ".pdf", ".html", ".docx") and f"{d}/{n}" not in unreadable + unchecked
                and not n.startswith("hostile"))
tmp = tempfile.TemporaryDirectory()
inputs = os.path.join(tmp.name, "reports")
os.makedirs(inputs)
picked = unreadable + unchecked + others[::max(1, len(others) // (BATCH - 6))][:BATCH - 6]
for i, path in enumerate(picked):  # numbered: the same base name comes in several formats
    shutil.copy(os.path.join(root, path), os.path.join(inputs, f"{i:02d}-{os.path.basename(path)}"))
open(os.path.join(inputs, "99-empty.txt"), "w").close()
check(f"the batch holds {BATCH} inputs", len(os.listdir(inputs)) == BATCH, len(os.listdir(inputs)))

# The summary CSV: one row per input, clean and unreadable ones too.
summary_columns = ["source", "agency", "year", "title", "format", "profile", "status", "errors", "warnings", "notes",
                   "top_rules", "error", "previous"]
r = run("check", "--no-ocr", "--format", "csv", "--summary", inputs)
check("summary CSV: exit 2 (unreadable inputs among them)", r.returncode == 2, r.stderr[-300:])
check("summary CSV: no BOM on standard output unless asked", not r.stdout.startswith("\ufeff"))
reader = csv.DictReader(io.StringIO(r.stdout, newline=""))
summary = list(reader)
check("summary CSV: columns", reader.fieldnames == summary_columns, reader.fieldnames)
check("summary CSV: one row per input, in input order", [x["source"] for x in summary] ==
      sorted(os.path.join(inputs, n) for n in os.listdir(inputs)), [x["source"] for x in summary][:3])
status = {os.path.basename(x["source"])[3:]: x["status"] for x in summary}
check("summary CSV: unreadable inputs are rows, with why",
      [x for x in summary if x["status"] == "unreadable"] and all(
          x["error"] and x["errors"] == "" for x in summary if x["status"] == "unreadable") and
      all(status[os.path.basename(p)] == "unreadable" for p in unreadable + ["empty.txt"]), status)
check("summary CSV: reports not in a checked format say so",
      all(status[os.path.basename(p)] == "unchecked" for p in unchecked), status)
clean = [x for x in summary if x["status"] == "checked" and x["errors"] == "0" and x["warnings"] == "0"]
check("summary CSV: clean reports are rows too", len(clean) > 0, len(clean))
top = next((x for x in summary if "×" in x["top_rules"]), None)
check("summary CSV: top rules with their counts", top and re.fullmatch(r"([A-Z]+-\d+(×\d+)?)( [A-Z]+-\d+(×\d+)?)*",
                                                                      top["top_rules"]), top)

# The findings CSV: the old eleven columns first, then the report's agency,
# year, title and the location in parts.
r = run("check", "--no-ocr", "--format", "csv", inputs)
reader = csv.DictReader(io.StringIO(r.stdout, newline=""))
findings = list(reader)
check("findings CSV: the first eleven columns as before, then the new ones", reader.fieldnames ==
      ["source", "rule", "severity", "location", "table", "row", "col", "message", "expected", "actual", "fingerprint",
       "agency", "year", "title", "page", "line", "column", "paragraph", "review", "review_reason", "reviewer"], reader.fieldnames)
check("findings CSV: as many as the summary counts", len(findings) == sum(
    int(x[k]) for x in summary if x["status"] != "unreadable" for k in ("errors", "warnings", "notes")), len(findings))


def joined(x):
    """The location column made again from its parts."""
    page = f"page {x['page']}" if x["page"] else ""
    rest = f"paragraph {x['paragraph']}" if x["paragraph"] else f"{x['line']}:{x['column']}" if x["line"] else ""
    return ":".join(p for p in (page, rest) if p)


check("findings CSV: the split location says what location says", all(joined(x) == x["location"] for x in findings),
      [(x["location"], joined(x)) for x in findings if joined(x) != x["location"]][:3])
for kind, pattern in (("pdf", r"page \d+:\d+:\d+"), ("docx", r"paragraph \d+"), ("txt", r"\d+:\d+")):
    rows = [x for x in findings if x["source"].endswith("." + kind) and x["location"]]
    check(f"findings CSV: {kind} locations split", rows and all(re.fullmatch(pattern, x["location"]) for x in rows),
          [x["location"] for x in rows][:3])
agencies = {x["source"]: x["agency"] for x in summary}
check("findings CSV: each row names its report's agency and year",
      all(x["agency"] == agencies[x["source"]] for x in findings) and any(x["year"] for x in findings))

# The BOM: asked for with --excel, and always in the files of --output.
r = subprocess.run([binary, "check", "--no-ocr", "--format", "csv", "--summary", "--excel", inputs], cwd=root, capture_output=True)
check("--excel: starts with EF BB BF", r.stdout[:3] == b"\xef\xbb\xbf", r.stdout[:10])
check("--excel: utf-8-sig reads the same rows", list(csv.DictReader(io.StringIO(r.stdout.decode("utf-8-sig"), newline="")))
      == summary)
out = os.path.join(tmp.name, "csv-out")
r = run("check", "--no-ocr", "--format", "csv", "--output", out, inputs)
check("--output DIR: nothing on standard output", r.stdout == "" and r.returncode == 2, r.stdout[:200])
for name, rows in (("summary.csv", summary), ("findings.csv", findings)):
    data = open(os.path.join(out, name), "rb").read() if os.path.exists(os.path.join(out, name)) else b""
    check(f"--output DIR: {name} starts with EF BB BF", data[:3] == b"\xef\xbb\xbf", data[:10])
    check(f"--output DIR: {name} has the rows of standard output",
          list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))) == rows)
r = run("check", "--no-ocr", "--summary", inputs)
check("--summary without --format csv: exit 2 with a message", r.returncode == 2 and "--format csv" in r.stderr, r.stderr)

# The workbook: the same three tables as sheets, counts and figures as numbers.
book = os.path.join(tmp.name, "xlsx-out")
r = run("check", "--no-ocr", "--format", "xlsx", "--output", book, inputs)
path = os.path.join(book, "ogicheck.xlsx")
check("xlsx: written, nothing on standard output", os.path.exists(path) and r.stdout == "" and r.returncode == 2, r.stderr[-300:])
if os.path.exists(path):
    z = zipfile.ZipFile(path)
    names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
    check("xlsx: sheets summary, findings, cells", names == ["summary", "findings", "cells"], names)
    sheets = [z.read(f"xl/worksheets/sheet{i}.xml").decode() for i in (1, 2, 3)]
    cells = len(list(csv.reader(io.StringIO(run("extract", "--no-ocr", "--format", "csv", inputs).stdout, newline="")))) - 1
    counts = [x.count("<row ") - 1 for x in sheets]
    check("xlsx: a row per input, per finding and per cell", counts == [BATCH, len(findings), cells], (counts, len(findings), cells))
    check("xlsx: filter buttons and a frozen header", all("<autoFilter" in x and 'state="frozen"' in x for x in sheets))
    check("xlsx: counts are number cells", re.search(r'<c r="H\d+"><v>\d+</v></c>', sheets[0]) is not None, sheets[0][:600])
r = run("check", "--no-ocr", "--format", "xlsx", inputs)
check("xlsx without --output: exit 2 with a message", r.returncode == 2 and "--output" in r.stderr, r.stderr)

# extract: the cells, as cells.csv (with the BOM) or the workbook's one sheet.
cells_out = os.path.join(tmp.name, "cells-out")
run("extract", "--no-ocr", "--format", "csv", "--output", cells_out, inputs)
run("extract", "--no-ocr", "--format", "xlsx", "--output", cells_out, inputs)
data = open(os.path.join(cells_out, "cells.csv"), "rb").read() if os.path.exists(os.path.join(cells_out, "cells.csv")) else b""
check("extract --output DIR: cells.csv with the BOM, the rows of standard output", data[:3] == b"\xef\xbb\xbf" and
      data[3:] == subprocess.run([binary, "extract", "--no-ocr", "--format", "csv", inputs], cwd=root, capture_output=True).stdout)
if os.path.exists(os.path.join(cells_out, "ogicheck.xlsx")):
    z = zipfile.ZipFile(os.path.join(cells_out, "ogicheck.xlsx"))
    names = re.findall(r'<sheet name="([^"]+)"', z.read("xl/workbook.xml").decode())
    check("extract xlsx: one sheet of cells", names == ["cells"] and
          z.read("xl/worksheets/sheet1.xml").decode().count("<row ") == data.count(b"\r\n"), names)
else:
    check("extract xlsx: written", False)


# The dashboard.
class Index(html.parser.HTMLParser):
    """The rows of the report table (their tags and cells), the links, and
    the text of the title, the totals and the charts' labels."""

    def __init__(self, text):
        super().__init__()
        self.rows, self.links, self.totals, self.bars, self.title = [], [], [], [], ""
        self.where, self.cell = [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.where.append((tag, attrs))
        if tag == "tr" and "data-tags" in attrs:
            self.rows.append({"tags": attrs["data-tags"].split(), "cells": []})
        if tag == "td" and self.rows and self.inside("tbody"):
            self.cell = ""
        if tag == "a":
            self.links.append(attrs.get("href"))

    def handle_endtag(self, tag):
        while self.where and self.where.pop()[0] != tag:
            pass
        if tag == "td" and self.cell is not None:
            self.rows[-1]["cells"].append(self.cell)
            self.cell = None

    def inside(self, tag, cls=None):
        return any(t == tag and (cls is None or cls in a.get("class", "").split()) for t, a in self.where)

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data
        if self.where and self.where[-1][0] == "title" and not self.inside("svg"):
            self.title += data
        if self.inside("div", "totals") and self.where[-1][0] == "b":
            self.totals.append(int(data))
        if self.inside("svg") and self.where[-1][0] == "text" and not data.isdigit():
            self.bars.append(data)


os.makedirs(artifacts, exist_ok=True)
board = os.path.join(artifacts, "dashboard")
shutil.rmtree(board, ignore_errors=True)
r = run("check", "--no-ocr", "--format", "html", "--output", board, inputs)
index_text = open(os.path.join(board, "index.html"), encoding="utf-8").read()
index = Index(index_text)
check("dashboard: a real title", index.title == "政府信息公开工作年度报告检查汇总", index.title)
check("dashboard: run date and inputs", "检查时间 2026-01-01 00:00 UTC · 50 输入" in index_text)
check("dashboard: one row per input", len(index.rows) == BATCH, len(index.rows))
order = [row["tags"][0] for row in index.rows]
check("dashboard: worst first: unreadable, then unchecked, then checked",
      order == sorted(order, key=["unreadable", "unchecked", "checked"].index) and order[:5].count("unreadable") == 4
      and order[4:6] == ["unchecked"] * 2, order[:8])
errors = [int(row["cells"][5]) for row in index.rows if row["tags"][0] == "checked"]
check("dashboard: checked reports by errors, most first", errors == sorted(errors, reverse=True) and errors[0] > 0, errors)
check("dashboard: an unreadable row says why", all(len(row["cells"][4]) > len("无法读取") for row in index.rows[:4]),
      [row["cells"][4] for row in index.rows[:4]])
want = [BATCH, sum(x["status"] == "checked" for x in summary), len(unchecked), len(unreadable) + 1,
        sum(x["status"] != "checked" or x["errors"] != "0" or x["warnings"] != "0" for x in summary),
        *(sum(x["severity"] == level for x in findings) for level in ("error", "warning", "info"))]
check("dashboard: totals (reports, checked, unchecked, unreadable, with problems, errors, warnings, notes)",
      index.totals == want, (index.totals, want))
rules = {}
for x in findings:
    rules[x["rule"]] = rules.get(x["rule"], 0) + 1
check("dashboard: the by-rule chart has the most frequent rules first", index.bars[:3] and set(index.bars[:3]) <= set(rules) and
      rules[index.bars[0]] == max(rules.values()), (index.bars[:5], sorted(rules.items(), key=lambda kv: -kv[1])[:3]))
check("dashboard: the by-agency chart", any(x["agency"] in index.bars for x in summary if x["agency"]), index.bars[-5:])
pages = [h for h in index.links if h]
check("dashboard: each readable report linked to its page", len(pages) == BATCH - len(unreadable) - 1 and all(
    os.path.exists(os.path.join(board, urllib.parse.unquote(h))) for h in pages), pages[:3])
again = os.path.join(tmp.name, "again")
run("check", "--no-ocr", "--format", "html", "--output", again, inputs)
check("dashboard: the same inputs give the same bytes", open(os.path.join(again, "index.html"), encoding="utf-8").read() == index_text)

# Each page leads back to the index and to its original file.
for h in pages:
    page = open(os.path.join(board, urllib.parse.unquote(h)), encoding="utf-8").read()
    links = re.findall(r'<nav><a href="index.html">[^<]+</a> · <a class="source" href="([^"]+)">', page)
    target = os.path.normpath(os.path.join(board, urllib.parse.unquote(links[0]))) if links else ""
    check(f"page {h}: links to the index and its original file", links and ":" not in links[0] and os.path.isfile(target)
          and target.startswith(inputs), links)

run_browser = browser_jobs(root)
if run_browser:
    url = "file://" + urllib.parse.quote(os.path.join(board, "index.html"))
    shot, printed = os.path.join(artifacts, "dashboard.png"), os.path.join(artifacts, "dashboard.pdf")
    agency = next(x["agency"] for x in summary if x["agency"])
    jobs = [{"url": url, "screenshot": shot, "pdf": printed, "filter": "unreadable"},
            {"url": url, "search": agency, "sort": True}, {"url": url, "filter": "clean"},
            {"url": "file://" + urllib.parse.quote(os.path.join(board, urllib.parse.unquote(pages[0])))}]
    results, stderr = run_browser(jobs)
    check("browser: the dashboard and a page ran", len(results) == len(jobs), stderr[-1000:])
    if len(results) == len(jobs):
        for res in results:
            check(f"browser {os.path.basename(res['url'])}: no dialog, error or blocked request",
                  not res["dialogs"] and not res["errors"] and not res["violations"], res)
        board_res, search_res, clean_res, page_res = results
        check("browser: the filter leaves the unreadable rows", board_res["shown"] == {"filter": 4, "all": BATCH},
              board_res["shown"])
        check("browser: the search leaves the agency's rows",
              search_res["shown"]["search"] == sum(agency in x["agency"] for x in summary),
              (agency, search_res["shown"]))
        check("browser: the clean filter", clean_res["shown"]["filter"] == len(clean), clean_res["shown"])
        order = search_res["sorted"]
        check("browser: a header click sorts, a second reverses", order and order["down"] == order["up"][::-1], order)
        check("browser: the page links to the index", "index.html" in page_res["hrefs"], page_res["hrefs"][:3])
        check("browser: dashboard screenshot", os.path.getsize(shot) > 20000)
        check("browser: dashboard printed (A4 PDF)", open(printed, "rb").read(5) == b"%PDF-")
        print(f"screenshot: {shot}\nprinted: {printed}")
else:
    skip("dashboard in a browser", BROWSER_ABSENT)
tmp.cleanup()
sys.exit(suite.finish())
