#!/usr/bin/env python3
"""Turns a text specimen (tab-separated tables) into an HTML page with real
tables, in the shapes government sites publish: plain, Word-exported markup,
wrapped in a CMS page (menus, breadcrumbs, share buttons, footer, layout
table), with table 三 as a picture, and in GBK. LibreOffice prints the plain
pages as PDF and saves them as DOCX (tools/make-pdf-fixtures.sh,
tools/make-docx-fixtures.sh).

usage: specimen-to-html.py [--style plain|word|cms|image-table|numbered|fee-table] [--charset utf-8|gbk]
                          [--cell-font PT] SPECIMEN.txt > OUT.html
  numbered: the six part headings as numbered lists (<ol start=N>), for a DOCX with automatic numbering
  fee-table: table 二's fee rows (from 第二十条第（八）项) as a table of their own, one value column,
    the label column just as wide as its label: printed, the figure stands close to the label
  --cell-font: the tables' font size (default 9): larger, the labels of table 三 wrap over more lines
"""
import argparse
import html
import sys

ap = argparse.ArgumentParser()
ap.add_argument("--style", default="plain", choices=["plain", "word", "cms", "image-table", "numbered", "fee-table"])
ap.add_argument("--cell-font", default="9")
ap.add_argument("--charset", default="utf-8")
ap.add_argument("specimen")
a = ap.parse_args()
lines = open(a.specimen, encoding="utf-8").read().split("\n")
word = a.style == "word"


def text(s):
    s = html.escape(s)
    if word:  # Word splits runs and pads with &nbsp; and <o:p>
        half = len(s) // 2
        return (f"<span lang=EN-US style='font-size:10.5pt;mso-bidi-font-size:11.0pt;font-family:仿宋_GB2312'>{s[:half]}</span>"
                f"<span style='font-family:仿宋_GB2312;mso-hansi-font-family:宋体'>{s[half:]}<o:p></o:p></span>")
    return s


def cell(c):
    if word and "（" in c and len(c) > 12:  # a label broken by <br> inside its cell
        k = c.index("（", 1) if "（" in c[1:] else len(c) // 2
        return f"<td style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt'><p class=MsoNormal>{text(c[:k])}<br>{text(c[k:])}</p></td>"
    if word:
        return f"<td style='border:solid windowtext 1.0pt'><p class=MsoNormal align=center>{text(c) if c else '&nbsp;'}<o:p></o:p></p></td>"
    return f"<td>{html.escape(c)}</td>"


body, table = [], []
in_part3 = False


def flush():
    if not table:
        return
    if a.style == "image-table" and in_part3:
        body.append('<p><img src="table3.png" alt="" width="600"></p>')
    elif a.style == "fee-table" and any(r[0] == "第二十条第（八）项" for r in table):
        k = next(i for i, r in enumerate(table) if r[0] == "第二十条第（八）项")
        fees = [[c for c in r if c] for r in table[k:]]
        del table[k:]
        flush()
        label_pt = max(len(r[0]) for r in fees[1:]) * float(a.cell_font)
        body.append("<table border=1 cellspacing=0 cellpadding=0 style=\"width:auto\">")
        body.append(f"<tr><td colspan=2>{html.escape(fees[0][0])}</td></tr>")
        for row in fees[1:]:
            body.append(f'<tr><td style="width:{label_pt}pt">{html.escape(row[0])}</td>'
                        f'<td style="width:200pt">{html.escape(row[1])}</td></tr>')
        body.append("</table>")
    else:
        width = max(len(r) for r in table)
        body.append("<table border=1 cellspacing=0 cellpadding=0>")
        for row in table:
            body.append("<tr>" + "".join(cell(c) for c in row + [""] * (width - len(row))) + "</tr>")
        body.append("</table>")
    table.clear()


for line in lines:
    if "\t" in line:
        table.append(line.split("\t"))
        continue
    flush()
    if line.startswith("三、收到和处理"):
        in_part3 = True
    elif line.startswith("四、政府信息公开行政复议"):
        in_part3 = False
    heading = a.style == "numbered" and len(line) > 2 and line[0] in "一二三四五六" and line[1] == "、"
    if heading:
        body.append(f'<ol start="{"一二三四五六".index(line[0]) + 1}"><li>{html.escape(line[2:])}</li></ol>')
    elif line.strip():
        body.append(f"<p class=MsoNormal>{text(line)}</p>" if word else f"<p>{html.escape(line)}</p>")
flush()

head = (f'<meta http-equiv="Content-Type" content="text/html; charset={a.charset}">'
        "<style>body{font-family:'Noto Serif CJK SC';font-size:12pt}"
        "table{border-collapse:collapse;width:100%}td{border:1px solid #000;padding:6pt 3pt;font-size:" + a.cell_font + "pt}</style>")
if word:
    head += "<meta name=Generator content=\"Microsoft Word 15\"><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->"
content = "\n".join(body)
if a.style == "cms":
    content = f"""<div class="header"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/bsfw">办事服务</a><a href="/hdjl">互动交流</a></div>
<div id="nav" class="nav-bar"><ul><li><a href="/a">走进本市</a></li><li><a href="/b">政府信息公开</a></li><li><a href="/c">数据开放</a></li></ul></div>
<table width="100%" class="layout"><tr><td width="20%" class="sidebar"><ul><li><a href="/x">政府信息公开指南</a></li><li><a href="/y">政府信息公开年报</a></li></ul></td>
<td><div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政府信息公开</a> &gt; 年度报告</div>
<div class="article">{content}</div>
<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a></div></td></tr></table>
<div class="footer"><p>主办单位：某市人民政府办公室 地址：某市人民路1号 电话：0000-12345678</p><p>网站标识码 0000000000 备案号：某ICP备00000000号</p></div>"""
out = f"<!DOCTYPE html><html><head>{head}</head><body>\n{content}\n</body></html>\n"
sys.stdout.buffer.write(out.encode(a.charset))
