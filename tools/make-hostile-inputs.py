#!/usr/bin/env python3
"""Writes one hostile input per class of the extractors' limits into OUTDIR:
numbering levels and spans read from a DOCX, HTML spans and nesting, long
text lines, stray bytes in UTF-8. Deterministic, Python stdlib only; the
DOCX files are zipped here. tests/hostile_test.py says what each must give.

usage: make-hostile-inputs.py OUTDIR [REPO_ROOT]
"""
import os
import re
import sys
import zipfile

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '</Types>')
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>')


def docx(path, body, numbering=None):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                           ("word/document.xml", f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>'),
                           ("word/numbering.xml", numbering and f'<?xml version="1.0" encoding="UTF-8"?><w:numbering {W}>{numbering}</w:numbering>')):
            if text:
                info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))  # fixed time: the same bytes every run
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, text)


def para(text, ilvl=None):
    numpr = f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>' if ilvl is not None else ""
    return f"<w:p>{numpr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def numbered_docx(path, ilvl, start=1, text="%1、", paragraphs=1):
    """A list level (and the paragraphs using it) at the given w:ilvl."""
    numbering = (f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
                 f'<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'
                 f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    docx(path, para("某局2024年政府信息公开工作年度报告") + (para("总体情况", ilvl) + para("主动公开政府信息情况", ilvl)) * paragraphs,
         numbering)


def cell(text, span=None):
    grid = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span else ""
    return f"<w:tc>{grid}{para(text)}</w:tc>"


def write(path, data):
    with open(path, "wb") as f:
        f.write(data.encode("utf-8") if isinstance(data, str) else data)


def main():
    out = sys.argv[1]
    root = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    os.makedirs(out, exist_ok=True)
    p = lambda name: os.path.join(out, name)

    # DOCX list levels out of 0..8, and list starts out of any range.
    numbered_docx(p("docx-ilvl-neg1.docx"), -1)
    numbered_docx(p("docx-ilvl-intmin.docx"), -2147483648)
    numbered_docx(p("docx-ilvl-huge.docx"), 100000000)
    numbered_docx(p("docx-ilvl-intmax.docx"), 2147483647)
    numbered_docx(p("docx-ilvl-overflow.docx"), "99999999999999999999")
    numbered_docx(p("docx-start-huge.docx"), 0, start=2147483647)
    numbered_docx(p("docx-start-neg.docx"), 0, start=-2147483648)
    # DOCX spans: 100 rows of one cell spanning 100,000 columns (9 KB), one
    # cell spanning 2e9, and vertically merged cells that also span.
    rows = "".join(f"<w:tr>{cell(str(i), 100000)}</w:tr>" for i in range(100))
    docx(p("docx-gridspan-huge.docx"), para("表格") + f"<w:tbl>{rows}</w:tbl>")
    docx(p("docx-gridspan-2e9.docx"), para("表格") + f"<w:tbl><w:tr>{cell('x', 2000000000)}</w:tr></w:tbl>")
    merged = '<w:tc><w:tcPr><w:gridSpan w:val="1000"/><w:vMerge/></w:tcPr><w:p/></w:tc>'
    docx(p("docx-vmerge-huge.docx"), para("表格") + "<w:tbl>" + f"<w:tr>{merged * 50}</w:tr>" * 2000 + "</w:tbl>")
    # DOCX nesting past any limit, in document.xml.
    docx(p("docx-nested-100000.docx"), "<w:sdt><w:sdtContent>" * 100000 + para("正文") + "</w:sdtContent></w:sdt>" * 100000)

    # HTML spans: a hundred cells spanning 1000 rows and columns (4.6 KB),
    # and 6,000 rows that each start a rowspan (360 KB).
    row = '<tr><td rowspan="1000" colspan="1000">1</td></tr>'
    write(p("html-spans-1000.html"), "<html><body><table>" + row * 100 + "</table></body></html>")
    rows = '<tr><td rowspan="1000">1</td><td colspan="1000">2</td></tr>\n' * 6000
    write(p("html-spans-360k.html"), f"<html><body><table>{rows}</table></body></html>")
    # HTML nesting: the clean report inside 300 and 4000 <div>s; 100,000 of
    # them, closed or not.
    with open(os.path.join(root, "corpus/html/clean.html"), encoding="utf-8") as f:
        clean = f.read()
    head, body = re.match(r"(?s)(.*?<body>)(.*)</body>", clean).groups()
    for depth in (300, 4000):  # past libxml2's 256; near limits::xml_depth (4096)
        write(p(f"html-nested-{depth}.html"), head + "<div>" * depth + body + "</div>" * depth + "</body></html>")
    write(p("html-nested-100000.html"), "<html><body>" + "<div>" * 100000 + "<p>正文</p>" + "</div>" * 100000 + "</body></html>")
    # Two million <p>, each a tree node: past limits::xml_elements (6 MB).
    write(p("html-2m-elements.html"), "<html><body>" + "<p>" * 2000000 + "</body></html>")
    write(p("html-nested-unclosed.html"), "<html><body>" + "<div><span>" * 50000 + "<p>正文</p></body></html>")

    # Numbering text printed before every numbered paragraph: a million %1
    # (replaced in one pass) and 1 MB before 20,000 paragraphs (cut at 64 bytes).
    numbered_docx(p("docx-lvltext-million-marks.docx"), 0, text="%1" * 1000000)
    numbered_docx(p("docx-lvltext-1mb.docx"), 0, text="x" * 1000000, paragraphs=10000)
    # A million short lines: a million paragraphs, past limits::document_blocks.
    write(p("text-1m-lines.txt"), "a\n" * 1000000)

    # Text: a 400 KB line of tab-separated cells, and one of pipe cells.
    write(p("text-tabs-400k.txt"), "标题\n" + "a\t" * 200000 + "\n")
    write(p("text-pipes-400k.txt"), "标题\n" + "|a" * 200000 + "|\n")
    # Eleven tables of 200,000 cells each: every one within limits::table_cells,
    # all of them past limits::document_cells (4.4 MB).
    table = "\n".join("\t".join(["1"] * 200) for _ in range(999))
    write(p("text-tables-2m-cells.txt"), "标题\n" + "".join(f"\n表{i}\n{table}\n" for i in range(11)))
    # Encoding: a BOM and one invalid byte; one 0xFF in the clean report.
    with open(os.path.join(root, "corpus/specimens/clean.txt"), "rb") as f:
        report = f.read()
    title = report.index("发展和改革局".encode())  # the title goes into the JSON output
    write(p("text-bom-invalid-byte.txt"), b"\xef\xbb\xbf" + report[:title] + b"\xc3" + report[title:])
    at = report.index("全年主动公开".encode())
    write(p("text-one-ff-byte.txt"), report[:at] + b"\xff" + report[at:])
    # The clean report with an appendix table past limits::table_cells (200,400 cells).
    appendix = "\n".join("\t".join(["1"] * 200) for _ in range(1002))
    write(p("text-table-clamped.txt"), report + ("\n附表\n" + appendix + "\n").encode())


if __name__ == "__main__":
    main()
