#!/usr/bin/env python3
"""Writes the hand-made hostile inputs of tests/fuzz/regressions/ (crash
inputs the fuzzers find are added there as they are, by name crash-<sha1>).
Run from anywhere; the output is deterministic, so re-running changes nothing."""
import io
import pathlib
import zipfile

HERE = pathlib.Path(__file__).resolve().parent / "regressions"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(body, numbering=None):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in [("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
                           ("word/document.xml", f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>')] + \
                          ([("word/numbering.xml", f'<?xml version="1.0"?><w:numbering {W}>{numbering}</w:numbering>')] if numbering else []):
            info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))  # fixed time: same bytes every run
            z.writestr(info, text, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def para(text, num=None):
    pr = f'<w:pPr><w:numPr><w:ilvl w:val="{num}"/><w:numId w:val="1"/></w:numPr></w:pPr>' if num is not None else ""
    return f"<w:p>{pr}<w:r><w:t>{text}</w:t></w:r></w:p>"


def numbered(ilvl):
    numbering = (f'<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/>'
                 '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    return docx(para("某市某局2024年政府信息公开工作年度报告") + para("总体情况", ilvl), numbering)


def table(cell_pr):
    return docx(para("二、主动公开政府信息情况") +
                f"<w:tbl><w:tr><w:tc><w:tcPr>{cell_pr}</w:tcPr>{para('1')}</w:tc></w:tr></w:tbl>")


HEADINGS = "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
FILES = {
    # A numbering level below 0, used by a paragraph: a vector indexed by -1.
    "docx/ilvl-negative.docx": numbered(-1),
    # A numbering level of a billion: a counter vector of 4 GB.
    "docx/ilvl-huge.docx": numbered(1000000000),
    # A cell spanning 2^31-1 grid columns.
    "docx/gridspan-huge.docx": table('<w:gridSpan w:val="2147483647"/>'),
    # A cell spanning the whole row above it, vMerge continuing without a restart.
    "docx/vmerge-orphan.docx": table('<w:vMerge/><w:gridSpan w:val="1000"/>'),
    # Spans at HTML's maximum, many rows: the grid limit.
    "html/spans-huge.html": ("<table>" + '<tr><td rowspan="65534" colspan="1000">1</td></tr>' * 200 + "</table>").encode(),
    # Nesting far past the depth limit.
    "html/deep-nesting.html": (b"<html><body>" + b"<b>" * 20000 + "一、总体情况".encode()),
    # A UTF-8 BOM before bytes that are not UTF-8.
    "text/bom-invalid-utf8.txt": b"\xef\xbb\xbf" + HEADINGS.encode() + b"\xff\xfe\xc0\x80\xed\xa0\x80\xf4\x90\x80\x80|1|\xe4\xb8|\n",
    # One long table row of empty cells.
    "pipeline/long-pipe-row.txt": (HEADINGS + "|" + "|" * 50000 + "\n").encode(),
    # Thousands of pattern-rule matches on one 72 KB line, each located by
    # counting code points from the start (rules/engine.cpp location_in):
    # quadratic: 48 KB took 7-14 s in fuzz_pipeline (ASan), 260 KB 7.7 s in the CLI.
    "pipeline/pattern-matches-one-line.txt": (HEADINGS + "自然人 1 2 3 " * 4500 + "\n").encode(),
}

for name, data in FILES.items():
    path = HERE / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"{path.relative_to(HERE.parent.parent.parent)}: {len(data)} bytes")
