#!/usr/bin/env python3
"""ogicheck scan against the fixture website of scan_site.py on 127.0.0.1:
every report on every list page and attachment found and checked, the
non-report pages never errors, robots.txt, retries, the request rate, the
conditional second run with a baseline, PUB-05/PUB-06, --timings.
usage: scan_test.py OGICHECK REPO_ROOT"""
import json
import os
import re
import socket
import subprocess
import sys
import time
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scan_site  # noqa: E402
from testlib import Suite  # noqa: E402

DELAY = 0.3


def reports(stdout):
    return {d["source"]: d for d in map(json.loads, filter(None, stdout.splitlines()))}


def main():
    binary, root = sys.argv[1], sys.argv[2]
    t = Suite("scan", binary, root)
    work = tempfile.mkdtemp(prefix="ogicheck-scan-test-")
    site_dir, state = os.path.join(work, "site"), os.path.join(work, "state")
    scan_site.build(site_dir, os.path.join(root, "corpus"))
    site = scan_site.Site(site_dir)
    try:
        run(t, site, site_dir, state, work)
        hanweb_records(t, site, site_dir, work)
        state_lock(t, site, work)
        status_line(t, site, work)
        deadlines(t, site, work)
        previous_year(t, site, work)
    finally:
        site.stop()
    return t.finish()


def run(t, site, site_dir, state, work):
    port = site.port
    base = f"http://127.0.0.1:{port}"
    hanweb = f"http://www.example.gov.cn:{port}/col/col4521/index.html"
    common = ["--format", "json", "--today", "2026-12-02", "--since", "2020", "--max-file-size", "2000000",
              "--connect-to", f"www.example.gov.cn:{port}:127.0.0.1:{port}",
              "--connect-to", f"www.other-site.gov.cn:{port}:127.0.0.1:{port}", "--lang", "en"]
    baseline = os.path.join(work, "baseline.json")
    r = t.run("scan", f"{base}/xxgk/ndbg/", hanweb, "--state", state, "--delay", str(DELAY), "--write-baseline", baseline, *common)
    found = reports(r.stdout)
    expected = {f"{base}/xxgk/ndbg/202501/t20250120_1001.html", f"{base}/attach/2022/report.pdf", f"{base}/attach/2021/report.docx",
                f"{base}/xxgk/ndbg/202501/t20250302_3002.html", f"{base}/attach/2021/report.wps",
                f"http://www.example.gov.cn:{port}/attach/hanweb/2024.pdf", f"{base}/xxgk/ndbg/", hanweb}
    t.check("every report of every list page and attachment, and nothing else", set(found) == expected,
            sorted(set(found) ^ expected))
    t.check("findings exit 1, never 2 for non-report pages", r.returncode == 1, (r.returncode, r.stderr))
    t.check("stderr not a terminal: no status line (no \\r)", "\r" not in r.stderr and "scan:" in r.stderr, r.stderr[:300])
    pdf = found.get(f"{base}/attach/2022/report.pdf", {})
    t.check("published from the article page's PubDate", (pdf.get("published") or {}).get("date") == "2025-02-20", pdf.get("published"))
    t.check("PUB-01 decided from it", any(f["rule"] == "PUB-01" for f in pdf.get("findings", [])), pdf.get("findings"))
    html = found.get(f"{base}/xxgk/ndbg/202501/t20250120_1001.html", {})
    t.check("a report published on time has no PUB-01", html and not any(f["rule"] == "PUB-01" for f in html["findings"]), html)
    gbk = found.get(f"{base}/xxgk/ndbg/202501/t20250302_3002.html", {})
    t.check("the GBK page is read", "某市某局" in (gbk.get("agency") or ""), gbk.get("agency"))
    wps = found.get(f"{base}/attach/2021/report.wps", {})
    t.check("a .wps attachment is PUB-06", [f["rule"] for f in wps.get("findings", [])] == ["PUB-06"], wps)
    try:
        import jsonschema
        schema = json.load(open(os.path.join(t.root, "schema", "report.schema.json")))
        invalid = [(d["source"], e.message[:200]) for d in found.values() for e in jsonschema.Draft202012Validator(schema).iter_errors(d)]
        t.check("JSON Lines valid against schema/report.schema.json", not invalid, invalid)
    except ImportError:
        t.skip("JSON Schema", "python3-jsonschema absent (tools/install-deps.sh)")
    column = found.get(f"{base}/xxgk/ndbg/", {})
    missing = sorted(re.findall(r"no (\d{4}) report", " ".join(f["message"] for f in column.get("findings", []))))
    t.check("PUB-05 for each year past its deadline without a report", missing == ["2023", "2025"], missing)
    summary = json.load(open(os.path.join(state, "scan-summary.json")))
    trs = summary["sites"][0]
    t.check("summary: skipped, stubs, robots, failed", (trs["skipped_articles"], trs["stubs"], len(trs["robots_blocked"]), len(trs["failed"])) == (2, 1, 1, 4), trs)
    log = site.log
    t.check("robots.txt Disallow obeyed", not any("/private/" in e["path"] for e in log), [e["path"] for e in log if "/private/" in e["path"]])
    hits = [e for e in log if e["path"].endswith("t20250301_3001.html")]
    t.check("429 retried after Retry-After", [e["status"] for e in hits] == [429, 200] and hits[1]["t"] - hits[0]["t"] >= 1.0, hits)
    hits = [e for e in log if e["path"].endswith("t20250302_3002.html")]
    t.check("503 retried", [e["status"] for e in hits] == [503, 200], hits)
    loops = [e for e in log if e["path"].endswith("t20250303_3003.html")]
    t.check("redirects bounded", 1 < len(loops) <= 7, len(loops))
    t.check("a redirect off the site is not followed", not any("other-site" in (e["host"] or "") for e in log)
            and any("redirect off the site" in f for f in trs["failed"]), trs["failed"])
    by_host = {}
    for e in log:
        by_host.setdefault(e["host"], []).append(e["t"])
    gaps = [b - a for times in by_host.values() for a, b in zip(times, times[1:])]
    t.check("two hosts crawled", len(by_host) == 2, list(by_host))
    t.check(f"request rate per host at most 1/{DELAY}s", gaps and min(gaps) >= DELAY - 0.02, min(gaps or [0]))
    t.check("User-Agent names ogicheck", all("ogicheck/" in (e["agent"] or "") for e in log), {e["agent"] for e in log})

    # second run: conditional requests, nothing unchanged re-checked, the baseline hides all
    first = len(log)
    r = t.run("scan", f"{base}/xxgk/ndbg/", hanweb, "--state", state, "--delay", "0", "--baseline", baseline, *common)
    second = log[first:]
    t.check("second run: 304s", sum(e["status"] == 304 for e in second) >= 10 and all(e["conditional"] for e in second if e["status"] == 304),
            [(e["path"], e["status"]) for e in second])
    checked = [d for d in reports(r.stdout).values() if d.get("findings")]
    t.check("second run: nothing re-checked, no new finding, exit 0", r.returncode == 0 and not checked, (r.returncode, checked, r.stderr))

    # a finding injected into one report between the runs
    page = os.path.join(site_dir, "xxgk/ndbg/202501/t20250120_1001.html")
    text = open(page, encoding="utf-8").read()
    open(page, "w", encoding="utf-8").write(text.replace("全年共收到政府信息公开申请45件", "全年共收到政府信息公开申请47件"))
    r = t.run("scan", f"{base}/xxgk/ndbg/", hanweb, "--state", state, "--delay", "0", "--baseline", baseline, *common)
    shown = [(src, f["rule"]) for src, d in reports(r.stdout).items() for f in d.get("findings", [])]
    t.check("third run: only the injected finding", shown == [(f"{base}/xxgk/ndbg/202501/t20250120_1001.html", "TXT-01")] and r.returncode == 1,
            (shown, r.stderr))

    # speed: delays 0, a fresh state; --fail-on none exits 0
    r = t.run("scan", f"{base}/xxgk/ndbg/", "--state", os.path.join(work, "fresh"), "--delay", "0", "--timings", "--fail-on", "none", *common)
    m = re.search(r"other [\d.]+ ms CPU \(([\d.]+) %", r.stderr)
    t.check("--fail-on none: exit 0", r.returncode == 0, (r.returncode, r.stderr[-2000:]))
    t.check("under 10 % of CPU outside fetching and checking", m and float(m.group(1)) < 10, r.stderr[-1000:])

    r = t.run("scan", f"{base}/xxgk/ndbg/", "--state", os.path.join(work, "fresh"), "--delay", "0", "--recheck", "--format", "sarif",
              *common[2:])
    results = json.loads(r.stdout)["runs"][0]["results"] if r.stdout.startswith("{") else []
    uris = {x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in results}
    t.check("SARIF: artifact locations are the reports' URLs", results and all(u.startswith(base + "/") for u in uris), uris)
    t.check("SARIF: every result has a region", results and all("region" in x["locations"][0]["physicalLocation"] for x in results))

    out = os.path.join(work, "html")
    r = t.run("scan", f"{base}/xxgk/ndbg/", "--state", os.path.join(work, "fresh"), "--delay", "0", "--recheck", "--format", "html",
              "--output", out, *common[2:])
    pages = "".join(open(os.path.join(out, f), encoding="utf-8").read() for f in os.listdir(out) if f.endswith(".html"))
    t.check("HTML: a report's page links to its URL", f'class="source" href="{base}/attach/2022/report.pdf"' in pages, r.stderr[-500:])
    t.check("the summary is written to --output too", os.path.exists(os.path.join(out, "scan-summary.json")))

    # an interrupted run resumes: what it fetched is asked for conditionally, what it did not check is checked
    resumed = os.path.join(work, "resumed")
    p = subprocess.Popen([t.binary, "scan", f"{base}/xxgk/ndbg/", "--state", resumed, "--delay", "0.4", *common],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(2.5)
    p.kill()
    p.wait()
    before = len(site.log)
    r = t.run("scan", f"{base}/xxgk/ndbg/", "--state", resumed, "--delay", "0", *common)
    again = site.log[before:]
    t.check("resumed run: conditional requests for what the killed run fetched", any(e["status"] == 304 for e in again),
            [(e["path"], e["status"]) for e in again])
    t.check("resumed run: every report checked", {u for u in reports(r.stdout) if u.startswith(base)} == {u for u in expected if u.startswith(base)},
            sorted(reports(r.stdout)))

    # a site that does not answer: no PUB-05 for it; the run fails only when no site answers
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/xxgk/ndbg/"
    r = t.run("scan", closed, "--delay", "0", "--retries", "0")
    t.check("no site answers: exit 2", r.returncode == 2 and "robots.txt" in r.stderr, (r.returncode, r.stderr))
    r = t.run("scan", closed, hanweb, "--delay", "0", "--retries", "0", *common)
    found = reports(r.stdout)
    t.check("a site that does not answer gets no PUB-05, the other is checked", closed not in found and hanweb in found and r.returncode == 1,
            (list(found), r.returncode))

    r = t.run("scan", "ftp://example.gov.cn/")
    t.check("a URL that is not http(s): exit 2 with a message", r.returncode == 2 and "http" in r.stderr, r.stderr)


def previous_year(t, site, work):
    """scan --previous DIR pairs each scanned report with its body's report of the year before, as check pairs local files."""
    previous = os.path.join(work, "previous")
    os.makedirs(previous)
    text = open(os.path.join(t.root, "corpus", "html", "clean.html"), encoding="utf-8").read()
    open(os.path.join(previous, "2023.html"), "w", encoding="utf-8").write(text.replace("2024", "2023").replace("2025", "2024"))
    alone = t.run("check", os.path.join(t.root, "corpus", "html", "clean.html"), "--previous", previous, "--format", "json", "--lang", "en")
    expected = sorted((f["rule"], f["message"]) for d in map(json.loads, alone.stdout.splitlines()) for f in d["findings"]
                      if f["rule"] in ("ARI-05", "ARI-06"))  # the tables' comparisons: the page's text was edited by run()
    base = f"http://127.0.0.1:{site.port}"
    r = t.run("scan", f"{base}/xxgk/ndbg/", "--state", os.path.join(work, "yoy"), "--delay", "0", "--previous", previous,
              "--format", "json", "--lang", "en", "--today", "2026-12-02")
    got = reports(r.stdout).get(f"{base}/xxgk/ndbg/202501/t20250120_1001.html", {}).get("findings", [])
    t.check("scan --previous DIR: the 2024 report paired with the body's 2023 report, the same year-over-year findings as check",
            expected and any(rule == "ARI-05" for rule, _ in expected)
            and sorted((f["rule"], f["message"]) for f in got if f["rule"] in ("ARI-05", "ARI-06")) == expected
            and any(f["rule"] == "DUP-01" for f in got), (expected, got))
    t.check("scan --previous DIR: no YR-04 for the paired report", not any(f["rule"] == "YR-04" for f in got), got)
    r = t.run("scan", f"{base}/xxgk/ndbg/", "--delay", "0", "--previous", os.path.join(previous, "2023.html"), "--lang", "en")
    t.check("scan --previous FILE: refused (exit 2), one file is not every body's last year", r.returncode == 2
            and "scan --previous takes a folder" in r.stderr, (r.returncode, r.stderr[-300:]))


def deadlines(t, site, work):
    """PUB-05's deadline is the body's: departments 1月31日, governments 3月31日, the later one when the kind is not known."""
    base = f"http://127.0.0.1:{site.port}"

    def missing(column, today, *more):
        state = tempfile.mkdtemp(dir=work)
        r = t.run("scan", base + column, "--state", state, "--delay", "0", "--today", today, "--format", "json", "--lang", "en",
                  "--fail-on", "none", *more)
        found = reports(r.stdout).get(base + column, {})
        summary = json.load(open(os.path.join(state, "scan-summary.json")))["sites"][0]["missing_years"]
        messages = [f["message"] for f in found.get("findings", []) if f["rule"] == "PUB-05"]
        return [(m["year"], m["deadline"], m["entity"]) for m in summary], messages

    got, messages = missing("/xxgk/ndbg/", "2026-02-15", "--since", "2020")
    t.check("PUB-05: a department's (ContentSource) 2025 report is due by 2026-01-31",
            got == [(2023, "2024-01-31", "department"), (2025, "2026-01-31", "department")]
            and any("2026-01-31 (a department's report)" in m for m in messages), (got, messages))
    got, messages = missing("/xxgk/ndbg/", "2026-02-15", "--since", "2020", "--entity", "government")
    t.check("PUB-05: --entity government: due by 31 March, so 2025 not yet on 15 February", got == [(2023, "2024-03-31", "government")], got)
    got, messages = missing("/zwgk/ndbg/", "2026-02-15", "--since", "2024")
    t.check("PUB-05: body not known: the later deadline, not yet passed on 15 February", got == [], got)
    got, messages = missing("/zwgk/ndbg/", "2026-04-02", "--since", "2024")
    t.check("PUB-05: body not known: missing after 31 March, and the finding says the kind was not known",
            got == [(2025, "2026-03-31", "unknown")] and any("not known" in m and "--entity" in m for m in messages), (got, messages))


def status_line(t, site, work):
    """stderr a terminal (a pseudo-terminal of 100 columns): one status line redrawn with \\r, cleared at the end."""
    import fcntl
    import struct
    import termios
    import threading
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    p = subprocess.Popen([t.binary, "scan", f"http://127.0.0.1:{site.port}/xxgk/ndbg/", "--state", os.path.join(work, "tty"), "--delay", "0.15",
                          "--lang", "en", "--format", "json"], stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    chunks = []

    def read():
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                return
            if not data:
                return
            chunks.append(data)
    reader = threading.Thread(target=read)
    reader.start()
    p.wait(timeout=120)
    reader.join(timeout=10)
    os.close(master)
    out = b"".join(chunks).decode("utf-8", "replace")
    lines = re.findall(r"\r([^\r\n]+)\x1b\[K", out)
    t.check("terminal: the status line redrawn in place (\\r … erase to end of line) several times", len(lines) >= 5
            and all(re.match(r"scan 1/1 127\.0\.0\.1: \d+ pages, \d+ reports, \d+:\d\d ", x) for x in lines), (len(lines), lines[:3], out[:300]))
    t.check("terminal: it names the URL being fetched, within the terminal's 100 columns",
            any("http://127.0.0.1" in x for x in lines) and all(len(x) <= 100 for x in lines), [x for x in lines if len(x) > 100][:2])
    last = out.rfind("\x1b[K")
    t.check("terminal: cleared before the summary", out[last - 1:last] == "\r" and "scan: http://127.0.0.1" in out[last:], out[-600:])


def state_lock(t, site, work):
    """Two scans on one --state: the second exits 2 naming the first's pid; a lock left by a killed scan is taken over."""
    base = f"http://127.0.0.1:{site.port}/xxgk/ndbg/"
    state = os.path.join(work, "locked")
    p = subprocess.Popen([t.binary, "scan", base, "--state", state, "--delay", "0.3", "--format", "json"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    lock = os.path.join(state, "lock")
    for _ in range(100):
        if os.path.exists(lock) and open(lock).read().strip():
            break
        time.sleep(0.05)
    for lang, words in (("zh", "另一个 ogicheck scan（进程"), ("en", "in use by another ogicheck scan (pid")):
        r = t.run("scan", base, "--state", state, "--delay", "0", "--lang", lang)
        t.check(f"--state in use: exit 2, the holder's pid named ({lang})", r.returncode == 2 and words in r.stderr and str(p.pid) in r.stderr,
                (r.returncode, r.stderr[-400:]))
    p.kill()
    p.wait()
    r = t.run("scan", base, "--state", state, "--delay", "0", "--format", "json", "--fail-on", "none")
    t.check("a lock whose scan is gone is taken over", r.returncode == 0 and open(lock).read().strip() != str(p.pid)
            and os.path.exists(os.path.join(state, "scan-summary.json")), (r.returncode, r.stderr[-400:]))


def hanweb_records(t, site, site_dir, work):
    """A Hanweb column of 320 records POSTed for range after range of 45."""
    port, delay = site.port, 0.05
    host = f"http://www.example.gov.cn:{port}"
    column = f"{host}/col/col4600/index.html"
    common = ["--format", "json", "--today", "2026-12-02", "--connect-to", f"www.example.gov.cn:{port}:127.0.0.1:{port}", "--lang", "en"]
    first = len(site.log)
    r = t.run("scan", column, "--state", os.path.join(work, "hanweb"), "--delay", str(delay), *common)
    log = site.log[first:]
    proxy = [e for e in log if e["path"].startswith("/module/web/jpage/dataproxy.jsp")]
    ranges = [re.search(r"startrecord=(\d+)&endrecord=(\d+)", e["path"]).groups() for e in proxy]
    t.check("Hanweb: every range of 45 up to <totalrecord> 320 asked for, by POST only",
            ranges == [(str(a), str(a + 44)) for a in range(1, 321, 45)] and all(e["method"] == "POST" and e["status"] == 200 for e in proxy),
            [(e["method"], e["path"], e["status"]) for e in proxy])
    form = proxy[0]["form"] if proxy else {}
    t.check("Hanweb: the form's parameters taken from the column page",
            form == {"col": "1", "appid": "1", "webid": "3", "path": "/", "columnid": "4600", "sourceContentType": "1", "unitid": "23456",
                     "webname": scan_site.WEBNAME, "permissiontype": "0"}, form)
    found = reports(r.stdout)
    expected = {f"{host}/art/2025/2/1/art_4600_{n}.html" for n in scan_site.BIG_COLUMN_REPORTS}
    t.check("Hanweb: every report in every range found and checked (records 100, 230, 301, 320)",
            {u for u in found if "/art/" in u} == expected and all("findings" in found[u] for u in expected), sorted(found))
    articles = {e["path"] for e in log if e["path"].startswith("/art/")}
    t.check("Hanweb: all 320 records' articles opened", len(articles) == 320, len(articles))
    gaps = [b["t"] - a["t"] for a, b in zip(log, log[1:])]
    t.check(f"Hanweb: POSTs and GETs at most one per {delay}s", gaps and min(gaps) >= delay - 0.01, min(gaps or [0]))

    first = len(site.log)
    r = t.run("scan", column, "--delay", "0", "--max-pages", "3", *common)
    proxy = [e for e in site.log[first:] if e["path"].startswith("/module/")]
    t.check("Hanweb: the ranges stop at the site's page cap", len(proxy) == 1 and "site limit reached" in r.stderr, (len(proxy), r.stderr[-600:]))

    nameless = f"{host}/lanmu/ndbg.html"
    state = os.path.join(work, "hanweb-nameless")
    first = len(site.log)
    r = t.run("scan", nameless, "--delay", "0", "--state", state, "--fail-on", "none", *common)
    failed = json.load(open(os.path.join(state, "scan-summary.json")))["sites"][0]["failed"]
    t.check("Hanweb: a list whose column is not found says so, asks for nothing", r.returncode == 0 and any("need columnid" in f for f in failed)
            and not any(e["path"].startswith("/module/") for e in site.log[first:]), (r.returncode, failed))

    first = len(site.log)
    r = t.run("scan", f"{host}/col/col4700/index.html", "--format", "xlsx", "--lang", "en")
    t.check("scan: output options that do not fit are said before the crawl (exit 2, no request)",
            r.returncode == 2 and "needs --output" in r.stderr and len(site.log) == first, (r.returncode, r.stderr[-300:]))

    # An output folder that cannot be made: said before the crawl, and no temporary state left behind
    tmp = os.path.join(work, "tmp-unwritable")
    os.makedirs(tmp)
    blocker = os.path.join(work, "a-file")
    open(blocker, "w").close()
    first = len(site.log)
    r = subprocess.run([t.binary, "scan", f"{host}/col/col4700/index.html", "--format", "csv", "--output", os.path.join(blocker, "out"),
                        "--lang", "en"], capture_output=True, text=True, timeout=120, env=dict(os.environ, TMPDIR=tmp))
    t.check("scan: an output folder that cannot be made is said before the crawl, no temporary state left",
            r.returncode == 2 and "cannot create the output folder" in r.stderr and len(site.log) == first and not os.listdir(tmp),
            (r.returncode, r.stderr[-300:], os.listdir(tmp)))

    # An empty datastore is what a form the site did not take gets, as an
    # empty column would: the column counts as not read (said), no PUB-05.
    refused = f"{host}/col/col4700/index.html"
    state = os.path.join(work, "hanweb-refused")
    r = t.run("scan", refused, "--delay", "0", "--state", state, "--fail-on", "none", "--since", "2020", *common)
    summary = json.load(open(os.path.join(state, "scan-summary.json")))["sites"][0]
    t.check("Hanweb: an empty datastore is a column not read, said, and no PUB-05",
            r.returncode == 0 and any("holds no record" in f for f in summary["failed"]) and "PUB-05" not in r.stdout,
            (r.returncode, summary["failed"], r.stdout[-400:]))

    robots = os.path.join(site_dir, "robots.txt")
    kept = open(robots, encoding="utf-8").read()
    open(robots, "w", encoding="utf-8").write(kept + "Disallow: /module/web/jpage/dataproxy.jsp?*endrecord=\n")
    try:
        first = len(site.log)
        r = t.run("scan", column, "--delay", "0", "--state", os.path.join(work, "hanweb-robots"), *common)
        summary = json.load(open(os.path.join(work, "hanweb-robots", "scan-summary.json")))
        t.check("Hanweb: robots.txt applies to the POST URLs", not any(e["path"].startswith("/module/") for e in site.log[first:])
                and any("dataproxy.jsp" in u for u in summary["sites"][0]["robots_blocked"]), summary["sites"][0]["robots_blocked"])
    finally:
        open(robots, "w", encoding="utf-8").write(kept)


if __name__ == "__main__":
    sys.exit(main())
