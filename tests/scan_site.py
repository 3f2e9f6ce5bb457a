#!/usr/bin/env python3
"""A fixture government website for `ogicheck scan`, served on 127.0.0.1.

build(root, corpus) writes the pages; Site(root) serves them on a free
port with a request log and injected faults:
  /xxgk/ndbg/              TRS column: index.html, index_1.html, index_2.html (createPageHTML(3,…))
  /col/col4521/index.html  Hanweb column: records POSTed for to /module/web/jpage/dataproxy.jsp
                           (GET: 405; a wrong form: an empty datastore, as real sites answer)
  /zwgk/ndbg/               a column whose pages name no body (its kind not known: PUB-05 takes the later deadline)
  /lanmu/ndbg.html          a Hanweb list that names no column (no columnid, no /col/colNNN/)
  /col/col4600/index.html  Hanweb column of 320 records, reports among records 100, 230, 301, 320
  /col/col4700/index.html  Hanweb column whose form the site does not take (webid): an empty datastore
  robots.txt               Disallow: /xxgk/ndbg/private/
  t20250301_3001.html      429 with Retry-After: 1, then the page
  t20250302_3002.html      503 once, then the page
  t20250303_3003.html      a redirect loop
  t20250307_3007.html      a redirect to another site (www.other-site.gov.cn)
  big.pdf                  larger than the scan's --max-file-size
  every file               ETag and Last-Modified; If-None-Match → 304
Run alone: python3 tests/scan_site.py DIR  (builds DIR, serves it, prints the port).
"""
import email.utils
import hashlib
import http.server
import json
import os
import re
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))


def article(title, body, pubdate, source="某市某区发展和改革局", charset="utf-8"):
    source = f'<meta name="ContentSource" content="{source}">' if source else ""
    return (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f'<meta name="ArticleTitle" content="{title}"><meta name="PubDate" content="{pubdate}">'
            f'{source}<meta name="ColumnName" content="政府信息公开年报">'
            f'<title>{title}</title></head><body><div class="nav">首页 &gt; 政府信息公开 &gt; 年报</div>'
            f'<h1>{title}</h1><div class="info">发布日期：{pubdate[:10]}</div><div class="content">{body}</div></body></html>')


def report_body(corpus, name):
    text = open(os.path.join(corpus, "html", name), encoding="utf-8").read()
    return text[text.index("<body>") + 6:text.rindex("</body>")]


def trs_list(page, links, pages=3):
    items = "".join(f'<li><a href="{href}" target="_blank">{text}</a><span>2025-01-20</span></li>' for href, text in links)
    return (f'<html><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body><ul class="list">{items}</ul>'
            f'<script>var currentPage = {page};var countPage = {pages};createPageHTML({pages}, {page}, "index", "html");</script></body></html>')


BIG_COLUMN_REPORTS = {100: 2021, 230: 2022, 301: 2023, 320: 2024}  # record number: the report's year
WEBNAME = "某县人民政府"


def hanweb_column(column, unit, webid, webname=WEBNAME):
    """A Hanweb column page as real ones are: the jpage script and the unit's
    <div id> with its nextgroup link naming the form's parameters (webname
    raw or percent-encoded: sites do both)."""
    return ('<html><head><meta charset="utf-8"><title>年报</title>'
            '<script language="javascript" src="/module/web/jpage/jquery.page.min.js"></script></head><body>'
            f'<div id="{unit}"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?'
            f'page=1&appid=1&webid={webid}&path=/&columnid={column}&unitid={unit}&webname={webname}&permissiontype=0"></a>]]>'
            '</nextgroup><recordset></recordset></datastore></script></div>'
            f"<script>$(document).ready(function(){{ $('#{unit}').jpage({{dataStore: ... , proxyUrl: '/module/web/jpage/dataproxy.jsp',"
            f" perPage: 15, groupSize: 3}}); }});</script></body></html>")


def datastore(records, total):
    rows = "".join(f"<record><![CDATA[<li><a href=\"{h}\" title=\"{t}\">{t}</a></li>]]></record>" for h, t in records)
    return (f'<?xml version="1.0" encoding="utf-8"?><datastore><totalrecord>{total}</totalrecord>'
            f'<recordset>{rows}</recordset></datastore>').encode("utf-8")


def build(root, corpus):
    files = {}
    col = "xxgk/ndbg/"
    clean = report_body(corpus, "clean.html")
    r2024 = "某市某区发展和改革局2024年政府信息公开工作年度报告"
    files[col + "202501/t20250120_1001.html"] = article(r2024, clean, "2025-01-20 09:30")
    files[col + "202501/t20250125_1002.html"] = article("关于春节期间值班安排的通知", "<p>春节期间值班安排如下。</p>" * 20, "2025-01-25")
    files[col + "202402/t20240220_0901.html"] = article(
        "某市某区发展和改革局2022年政府信息公开工作年度报告",
        '<p>报告全文见附件。</p><p>附件：<a href="/attach/2022/report.pdf">2022年年报.pdf</a></p>', "2025-02-20 10:00")
    files["attach/2022/report.pdf"] = open(os.path.join(corpus, "pdf", "clean.pdf"), "rb").read()
    files[col + "202302/t20230125_0801.html"] = article(
        "某市某区发展和改革局2021年政府信息公开工作年度报告",
        '<p>附件：<a href="/attach/2021/report.docx">年报.docx</a> <a href="/attach/2021/report.wps">年报.wps</a></p>', "2022-01-25")
    files["attach/2021/report.docx"] = open(os.path.join(corpus, "docx", "clean.docx"), "rb").read()
    files["attach/2021/report.wps"] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 2000
    gbk = open(os.path.join(corpus, "html", "ari03-row-total-off.gbk.html"), "rb").read().decode("gbk")
    gbk_body = gbk[gbk.index("<body>") + 6:gbk.rindex("</body>")]
    files[col + "202501/t20250302_3002.html"] = article("某市某局2020年政府信息公开工作年度报告", gbk_body, "2021-01-28", "某市某局", "gbk").encode("gbk")
    files[col + "202501/t20250301_3001.html"] = article("关于开展政务公开培训的通知", "<p>培训安排。</p>" * 20, "2025-03-01")
    files[col + "202501/t20250303_3003.html"] = "redirect loop"
    files[col + "202501/t20250304_3004.html"] = ('<html><head><meta http-equiv="refresh" content="0;url=/404.html">'
                                                 '<title>页面已删除</title></head><body></body></html>')
    files[col + "private/t20250305_3005.html"] = article("某区2019年政府信息公开工作年度报告", clean, "2020-01-20")
    files[col + "202501/t20250306_3006.html"] = article(
        "某市某区发展和改革局2019年政府信息公开工作年度报告", '<p>附件：<a href="/attach/big.pdf">年报.pdf</a></p>', "2020-01-20")
    files["attach/big.pdf"] = b"%PDF-1.4\n" + b"0" * (3 << 20)
    pages = [
        [("./202501/t20250120_1001.html", r2024), ("./202501/t20250125_1002.html", "关于春节期间值班安排的通知")],
        [("../ndbg/202402/t20240220_0901.html", "2022年年报"), ("./202302/t20230125_0801.html", "2021年年报"),
         ("./202501/t20250301_3001.html", "关于开展政务公开培训的通知")],
        [("./202501/t20250302_3002.html", "2020年年报"), ("./202501/t20250303_3003.html", "已调整"),
         ("./202501/t20250304_3004.html", "已删除"), ("./private/t20250305_3005.html", "内部"),
         ("./202501/t20250306_3006.html", "2019年年报"), ("./202501/t20250307_3007.html", "已迁移")],
    ]
    for n, links in enumerate(pages):
        files[col + ("index.html" if n == 0 else f"index_{n}.html")] = trs_list(n, links)
    # a column whose pages do not say whose reports they are: the kind of body is not known
    files["zwgk/ndbg/index.html"] = trs_list(0, [("./202502/t20250210_5001.html", "2024年政府信息公开工作年度报告")], 1)
    files["zwgk/ndbg/202502/t20250210_5001.html"] = article("2024年政府信息公开工作年度报告", clean, "2025-02-10", None)
    # Hanweb JCMS: the column page holds the form's parameters; the records are POSTed for (Site.do_POST).
    files["col/col4521/index.html"] = hanweb_column(4521, 12345, 3)
    files["col/col4600/index.html"] = hanweb_column(4600, 23456, 3, urllib.parse.quote(WEBNAME))
    files["col/col4700/index.html"] = hanweb_column(4700, 34567, 9)  # a form the site does not take: an empty datastore
    files["lanmu/ndbg.html"] = ("<html><body><script>$('#list').jpage({proxyUrl: '/module/web/jpage/dataproxy.jsp', perPage: 15});"
                                "</script></body></html>")  # names no column: its records cannot be asked for
    records = {4521: [("/art/2025/1/15/art_4521_1.html", "某县人民政府2024年政府信息公开工作年度报告"),
                      ("/art/2025/1/16/art_4521_2.html", "关于征集意见的公告")]}
    records[4600] = [(f"/art/2025/2/1/art_4600_{n}.html", f"关于第{n}批政务事项的公告") for n in range(1, 321)]
    for n, year in BIG_COLUMN_REPORTS.items():
        records[4600][n - 1] = (f"/art/2025/2/1/art_4600_{n}.html", f"某县交通运输局{year}年政府信息公开工作年度报告")
    for href, title in records[4600]:
        body = clean if "年度报告" in title else "<p>公告内容。</p>"
        files[href.lstrip("/")] = article(title, body, "2025-02-01", "某县交通运输局")
    files["module/web/jpage/records.json"] = json.dumps({str(k): v for k, v in records.items()}, ensure_ascii=False)
    files["art/2025/1/15/art_4521_1.html"] = article(
        "某县人民政府2024年政府信息公开工作年度报告", '<p>附件：<a href="/attach/hanweb/2024.pdf">年报</a></p>', "2025-03-20", "某县人民政府")
    files["attach/hanweb/2024.pdf"] = files["attach/2022/report.pdf"]
    files["art/2025/1/16/art_4521_2.html"] = article("关于征集意见的公告", "<p>征集意见。</p>" * 20, "2025-01-16", "某县人民政府")
    files["robots.txt"] = "User-agent: *\nDisallow: /xxgk/ndbg/private/\nAllow: /xxgk/\n"
    for path, content in files.items():
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(content.encode("utf-8") if isinstance(content, str) else content)


class Site:
    """Serves `root` on 127.0.0.1 (a free port) in a thread; `log` holds
    one dict per request: t, path, status, host, conditional."""

    def __init__(self, root):
        self.root, self.log, self.hits = root, [], {}
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def send(self, status, body=b"", headers=()):
                self.send_response(status)
                for k, v in headers:
                    self.send_header(k, v)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up on an oversized file
                    self.close_connection = True
                site.log.append({"t": self.arrived, "path": self.path, "status": status, "host": self.headers.get("Host"),
                                 "conditional": bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since")),
                                 "agent": self.headers.get("User-Agent"), "method": self.command, "form": getattr(self, "form", None)})

            def do_POST(self):
                """dataproxy.jsp: the records startrecord…endrecord of the form's column, when the form is right."""
                self.arrived = time.monotonic()
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8", "replace")
                self.form = {k: v[0] for k, v in urllib.parse.parse_qs(body).items()}
                url = urllib.parse.urlsplit(self.path)
                if url.path != "/module/web/jpage/dataproxy.jsp":
                    return self.send(405, b"no POST here")
                query = {k: int(v[0]) for k, v in urllib.parse.parse_qs(url.query).items() if v[0].isdigit()}
                records = json.load(open(os.path.join(site.root, "module/web/jpage/records.json"), encoding="utf-8"))
                column = records.get(self.form.get("columnid", ""), [])
                expected = {"col": "1", "appid": "1", "webid": "3", "path": "/", "sourceContentType": "1", "permissiontype": "0",
                            "webname": WEBNAME, "unitid": {"4521": "12345", "4600": "23456"}.get(self.form.get("columnid"))}
                if any(self.form.get(k) != v for k, v in expected.items()):
                    column = []  # what a real site answers a wrong form: an empty datastore
                start, end = query.get("startrecord", 1), query.get("endrecord", 45)
                self.send(200, datastore(column[start - 1:end], len(column)), [("Content-Type", "text/xml; charset=utf-8")])

            def do_GET(self):
                self.arrived = time.monotonic()  # when the request came: the gaps between requests are the client's
                path = self.path.split("?")[0]
                if path == "/module/web/jpage/dataproxy.jsp":
                    return self.send(405, b"POST only", [("Allow", "POST")])
                n = site.hits[path] = site.hits.get(path, 0) + 1
                if path.endswith("t20250301_3001.html") and n == 1:
                    return self.send(429, b"slow down", [("Retry-After", "1")])
                if path.endswith("t20250302_3002.html") and n == 1:
                    return self.send(503, b"busy")
                if path.endswith("t20250307_3007.html"):  # a redirect off the site
                    return self.send(302, b"", [("Location", f"http://www.other-site.gov.cn:{site.port}/x.html")])
                if path.endswith("t20250303_3003.html"):
                    return self.send(302, b"", [("Location", self.path)])
                full = os.path.join(site.root, path.lstrip("/"))
                if path.endswith("/"):
                    full = os.path.join(full, "index.html")
                if not os.path.isfile(full):
                    return self.send(404, b"not found")
                data = open(full, "rb").read()
                etag = '"' + hashlib.sha256(data).hexdigest()[:16] + '"'
                modified = email.utils.formatdate(os.path.getmtime(full), usegmt=True)
                kind = "application/pdf" if full.endswith(".pdf") else "text/xml" if full.endswith(".jsp") else \
                    "text/plain" if full.endswith(".txt") else "application/octet-stream" if not full.endswith(".html") else \
                    "text/html; charset=gbk" if b"charset=gbk" in data[:300] else "text/html; charset=utf-8"
                if self.headers.get("If-None-Match") == etag:
                    return self.send(304, b"", [("ETag", etag)])
                self.send(200, data, [("ETag", etag), ("Last-Modified", modified), ("Content-Type", kind)])

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.handle_error = lambda request, address: None  # clients that hang up (an oversized file) are expected
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    root = sys.argv[1]
    build(root, os.path.join(HERE, "..", "corpus"))
    site = Site(root)
    print(site.port, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        site.stop()
