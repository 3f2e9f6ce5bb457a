#!/usr/bin/env python3
"""ogicheck serve: the local page. Starts it on a free loopback port (it
picks one: --listen 127.0.0.1:0) with a private TMPDIR, then: requests
without the token, with a foreign Host, or over the upload cap are refused;
an upload is checked and nothing is left in TMPDIR; in headless Chromium the
page shows the verdict, the findings and their fix texts (screenshots in
the artifacts folder). The server is stopped at the end.

usage: serve_test.py OGICHECK_BINARY REPO_ROOT ARTIFACTS_DIR
"""
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import uuid
import zipfile

from testlib import Suite

binary, root, artifacts = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
suite = Suite("serve", binary, root)
check = suite.check
os.makedirs(artifacts, exist_ok=True)


def multipart(files):
    """A multipart/form-data body of (field, file name, bytes)."""
    boundary = uuid.uuid4().hex
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\n'
                    f"Content-Type: application/octet-stream\r\n\r\n".encode() + data + b"\r\n"
                    for field, name, data in files) + f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


with tempfile.TemporaryDirectory() as tmp:
    private = os.path.join(tmp, "tmpdir")
    os.makedirs(private)
    server = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, env={**os.environ, "TMPDIR": private})
    try:
        line = server.stdout.readline()
        m = re.fullmatch(r"ogicheck serve: (http://127\.0\.0\.1:(\d+)/\?token=([0-9a-f]{32}))\n", line)
        check("one line with the URL and its token", m, line)
        url, port, token = m[1], int(m[2]), m[3]

        def request(method, path, body=None, headers=None):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            try:
                c.request(method, path, body=body, headers=headers or {})
                r = c.getresponse()
                return r.status, dict(r.getheaders()), r.read()
            except (ConnectionError, http.client.HTTPException) as e:  # a refused upload may close the connection
                return None, {}, str(e).encode()
            finally:
                c.close()

        status, headers, page = request("GET", f"/?token={token}")
        check("the page, with its token", status == 200 and "政府信息公开工作年度报告检查" in page.decode(), status)
        csp = headers.get("Content-Security-Policy", "")
        check("a strict CSP, no CORS", "default-src 'none'" in csp and "script-src 'self'" in csp
              and not any(h.lower().startswith("access-control") for h in headers), headers)
        check("no token: refused", request("GET", "/")[0] == 403)
        check("a wrong token: refused", request("GET", "/?token=" + "0" * 32)[0] == 403)
        check("a check without the token: refused", request("POST", "/check", b"x")[0] == 403)
        check("a foreign Host (DNS rebinding): refused",
              request("GET", f"/?token={token}", headers={"Host": f"evil.example:{port}"})[0] == 403)
        check("the right Host name, another port: refused",
              request("GET", f"/?token={token}", headers={"Host": "127.0.0.1:1"})[0] == 403)
        big, kind = multipart([("draft", "big.txt", b"0" * (65 << 20))])
        status = request("POST", f"/check?token={token}", big, {"Content-Type": kind})[0]
        check("over the 64 MB cap: refused", status in (413, None), status)
        del big

        drafts = [("draft", "草稿.docx", open(os.path.join(root, "corpus/docx/ari01-unbalanced.docx"), "rb").read()),
                  ("draft", "txt01.txt", open(os.path.join(root, "corpus/specimens/txt01-text-vs-table.txt"), "rb").read())]
        body, kind = multipart(drafts)
        status, _, answer = request("POST", f"/check?token={token}&lang=zh", body, {"Content-Type": kind})
        reports = json.loads(answer)["reports"] if status == 200 else []
        rules = {(r["source"], f["rule"]) for r in reports for f in r.get("findings", [])}
        check("an upload of two drafts: ARI-01 in the DOCX, TXT-01 in the text, under their own names",
              ("草稿.docx", "ARI-01") in rules and ("txt01.txt", "TXT-01") in rules, answer[:500])
        check("nothing left in the temporary folder after the check", os.listdir(private) == [], os.listdir(private))
        status, headers, csv = request("POST", f"/download?token={token}&format=csv", body, {"Content-Type": kind})
        check("download: the CSV of the findings, sources as uploaded (numbered folders)",
              status == 200 and "ARI-01" in csv.decode() and "TXT-01" in csv.decode() and "1/" in csv.decode()
              and "attachment" in headers.get("Content-Disposition", ""), csv[:300])
        status, _, sarif = request("POST", f"/download?token={token}&format=sarif", body, {"Content-Type": kind})
        check("download: SARIF", status == 200 and json.loads(sarif)["version"] == "2.1.0")
        status, _, docx = request("POST", f"/download?token={token}&format=docx", body, {"Content-Type": kind})
        annotated = os.path.join(tmp, "annotated.docx")
        open(annotated, "wb").write(docx)
        check("download: the DOCX draft with two comments", status == 200 and zipfile.is_zipfile(annotated)
              and zipfile.ZipFile(annotated).read("word/comments.xml").count(b"<w:comment ") == 2, docx[:200])
        one, one_kind = multipart(drafts[:1])
        status, _, html = request("POST", f"/download?token={token}&format=html", one, {"Content-Type": one_kind})
        check("download: one draft's HTML report, its tables with the wrong cells marked",
              status == 200 and 'class="cell error"' in html.decode(), html[:300])
        check("download: HTML of several drafts at once refused",
              request("POST", f"/download?token={token}&format=html", body, {"Content-Type": kind})[0] == 400)
        check("download: a format not offered is refused", request("POST", f"/download?token={token}&format=exe", body,
                                                                    {"Content-Type": kind})[0] == 400)
        check("nothing left in the temporary folder after the downloads", os.listdir(private) == [], os.listdir(private))
        status, _, texts = request("GET", f"/rules.json?token={token}")
        check("fix texts and basis for the page", status == 200 and json.loads(texts)["ARI-01"]["fix"]["zh"])

        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        node_modules = os.path.join(root, "tools", "node", "node_modules")
        node = shutil.which("node")
        if chromium and node and os.path.isdir(os.path.join(node_modules, "puppeteer-core")):
            with_errors = [os.path.join(root, p) for p in ("corpus/docx/ari01-unbalanced.docx", "corpus/specimens/txt01-text-vs-table.txt")]
            jobs = [{"files": with_errors, "screenshot": os.path.join(artifacts, "serve-findings.png"),
                     "tablesScreenshot": os.path.join(artifacts, "serve-tables.png")},
                    {"files": [os.path.join(root, "corpus/docx/clean.docx")], "screenshot": os.path.join(artifacts, "serve-clean.png")},
                    {"files": with_errors, "lang": "en", "screenshot": os.path.join(artifacts, "serve-findings-en.png")},
                    # one DOCX draft: the page as docs/serve.png shows it
                    {"files": with_errors[:1], "screenshot": os.path.join(artifacts, "serve-docx.png")}]
            r = subprocess.run([node, os.path.join(root, "tests", "serve_browser.js"), chromium, url, json.dumps(jobs)],
                               env={**os.environ, "NODE_PATH": node_modules}, capture_output=True, text=True, timeout=300)
            shown = json.loads(r.stdout) if r.returncode == 0 else []
            check("browser: the page ran", len(shown) == 4, r.stderr[-1500:])
            if len(shown) == 4:
                bad, clean, english, alone = shown
                check("browser: verdict 需修改 with the counts", bad["verdict"] == "需修改：3 项错误，0 项警告", bad["verdict"])
                fixes = {f["rule"]: f["fix"] for f in bad["findings"]}
                check("browser: ARI-01 and TXT-01 shown with their fix texts",
                      all(fixes.get(x, "") and fixes[x].startswith("修改方法：") for x in ("ARI-01", "TXT-01")), bad["findings"])
                check("browser: the DOCX finding's place as 第 N 段",
                      any(f["rule"] == "ARI-01" and "第 24 段" in (f["where"] or "") for f in bad["findings"]), bad["findings"])
                check("browser: downloads of JSON, CSV, SARIF and the annotated DOCX offered",
                      bad["downloads"] == ["JSON", "CSV", "SARIF", "带批注的文稿：ari01-unbalanced.docx", "统计表（标出问题单元格）：ari01-unbalanced.docx",
                                           "统计表（标出问题单元格）：txt01-text-vs-table.txt"], bad["downloads"])
                drawn = bad["tables"][0]  # the DOCX draft's report
                t2 = drawn["active_disclosure"] or []
                check("browser: table 二 drawn as its four sub-tables, each with its caption, 信息内容 and its columns",
                      [t["block"] for t in t2] == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
                      and [[c["text"] for c in t["head"][1]] for t in t2] == [
                          ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], ["信息内容", "本年处理决定数量"],
                          ["信息内容", "本年处理决定数量"], ["信息内容", "本年收费金额（单位：万元）"]]
                      and [t["rows"] for t in t2] == [["规章", "行政规范性文件"], ["行政许可"], ["行政处罚", "行政强制"], ["行政事业性收费"]],
                      t2)
                t3 = drawn["applications"] or {"head": [], "labels": [], "cells": 0}
                spans = {c["text"]: (c["colspan"], c["rowspan"]) for row in t3["head"] for c in row}
                check("browser: table 三's grouped header (申请人情况 / 自然人 · 法人或其他组织 (5) · 总计)",
                      len(t3["head"]) == 3 and spans.get("申请人情况") == (7, 1) and spans.get("自然人") == (1, 2)
                      and spans.get("法人或其他组织") == (5, 1) and spans.get("总计") == (1, 2)
                      and [c["text"] for c in t3["head"][2]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
                      and spans.get("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）") == (3, 3), t3["head"])
                groups = {c["text"]: c["rowspan"] for row in t3["labels"] for c in row if c["rowspan"] > 1}
                check("browser: table 三's grouped row labels (三、本年度办理结果 over 22 rows, （三）8, （四）3, （五）5, （六）3), 25 × 7 cells",
                      groups == {"三、本年度办理结果": 22, "（三）不予公开": 8, "（四）无法提供": 3, "（五）不予处理": 5, "（六）其他处理": 3}
                      and len(t3["labels"]) == 25 and t3["cells"] == 175, (groups, len(t3["labels"]), t3["cells"]))
                t4 = drawn["review_litigation"] or {"head": [], "data": []}
                check("browser: table 四 in its printed orientation: 行政复议 (5) · 行政诉讼 (10 = 未经复议直接起诉 5 + 复议后起诉 5), one line of 15",
                      [[(c["text"], c["colspan"], c["rowspan"]) for c in row] for row in t4["head"]] == [
                          [("行政复议", 5, 1), ("行政诉讼", 10, 1)],
                          [(x, 1, 2) for x in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")] + [("未经复议直接起诉", 5, 1), ("复议后起诉", 5, 1)],
                          [(x, 1, 1) for x in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")] * 2]
                      and len(t4["data"]) == 1 and len(t4["data"][0]) == 15
                      and t4["data"][0][:2] == ["review.upheld", "review.corrected"] and t4["data"][0][-1] == "litigation_after_review.total",
                      t4)
                marked = {(m["table"], m["row"], m["col"]): m for m in drawn["marked"]}
                ari = marked.get(("applications", "new", "natural_person"))
                check("browser: the ARI-01 cell marked as an error, its message as tooltip, its number linking to the finding",
                      ari and ari["severity"] == "error" and "自然人" in ari["title"]
                      and any(l["target"] == "ARI-01" and l["href"].startswith("#f0-") for l in ari["links"]), drawn["marked"])
                check("browser: the ARI-03 cell (结转下年度 总计) and the cell both identities name as most likely wrong "
                      "(结转下年度 自然人, 99) marked; no other cell",
                      set(marked) == {("applications", "new", "natural_person"), ("applications", "carried_forward", "total"),
                                      ("applications", "carried_forward", "natural_person")}
                      and marked[("applications", "carried_forward", "total")]["links"][0]["target"] == "ARI-03"
                      and {l["target"] for l in marked[("applications", "carried_forward", "natural_person")]["links"]} == {"ARI-01", "ARI-03"},
                      sorted(marked))
                txt = {(m["table"], m["row"], m["col"]): m for m in bad["tables"][1]["marked"]}
                check("browser: the TXT-01 finding marks the cell its number was compared with (表三 本年新收 总计)",
                      list(txt) == [("applications", "new", "total")]
                      and txt[("applications", "new", "total")]["links"][0]["target"] == "TXT-01", bad["tables"][1]["marked"])
                check("browser: a clean draft → 可以发布", clean["verdict"] == "可以发布" and not clean["findings"], clean)
                check("browser: the clean draft's three tables drawn, no cell marked",
                      all(clean["tables"][0][t] for t in ("active_disclosure", "applications", "review_litigation"))
                      and not clean["tables"][0]["marked"], clean["tables"])
                check("browser: one DOCX draft alone: its two ARI cells and the suspect cell marked",
                      len(alone["tables"]) == 1 and len(alone["tables"][0]["marked"]) == 3, alone["tables"])
                check("browser: English switch", english["verdict"].startswith("Needs changes: 3 errors"), english["verdict"])
                check("browser: no CSP violation, no script error, no request elsewhere",
                      not any(s["violations"] or s["errors"] or s["foreign"] for s in shown), shown)
            check("nothing left in the temporary folder after the browser's checks", os.listdir(private) == [], os.listdir(private))
        else:
            suite.skip("the page in a browser", "chromium, node or tools/node/node_modules/puppeteer-core absent")
    finally:
        server.terminate()
        server.wait(timeout=10)

sys.exit(suite.finish())
