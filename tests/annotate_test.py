#!/usr/bin/env python3
"""check --format docx: the draft back with Word comments. Each finding is a
comment (message, fix text, basis) anchored on its table cell or paragraph;
everything else in the package is unchanged; the copy reads as the draft did.

usage: annotate_test.py OGICHECK_BINARY REPO_ROOT
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

from testlib import Suite

binary, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
suite = Suite("annotate", binary, root)
run, check = suite.run, suite.check
anchor = re.compile(r'<w:commentRangeStart w:id="\d+"/>|<w:commentRangeEnd w:id="\d+"/><w:r><w:commentReference w:id="\d+"/></w:r>')


def texts(xml):
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def anchored(document, cid):
    """The text between a comment's anchors, and the text of the table row (or paragraph) around them."""
    start = document.index(f'<w:commentRangeStart w:id="{cid}"/>')
    end = document.index(f'<w:commentRangeEnd w:id="{cid}"/>')
    row_start, row_end = document.rfind("<w:tr", 0, start), document.find("</w:tr>", end)
    p_start = max(document.rfind("<w:p>", 0, start), document.rfind("<w:p ", 0, start))
    inside_row = row_start > document.rfind("</w:tr>", 0, start)
    around = document[row_start:row_end] if inside_row else document[p_start:end]
    return texts(document[start:end]), texts(around), inside_row


def comments_of(package):
    xml = package.read("word/comments.xml").decode()
    return {m[1]: texts(m[2]) for m in re.finditer(r'<w:comment w:id="(\d+)"[^>]*>(.*?)</w:comment>', xml)}


with tempfile.TemporaryDirectory() as tmp:
    draft = "corpus/docx/tbl04-blank-total.docx"  # three findings: TBL-04 and EXT-03 on one row, EXT-03 on (七)总计
    r = run("check", "--format", "docx", "--output", tmp, draft)
    out = os.path.join(tmp, "tbl04-blank-total.批注.docx")
    check("written: DIR/NAME.批注.docx, nothing on standard output", r.returncode == 0 and r.stdout == "" and os.path.exists(out),
          r.stdout + r.stderr)
    original, annotated = zipfile.ZipFile(os.path.join(root, draft)), zipfile.ZipFile(out)
    document = annotated.read("word/document.xml").decode()
    comments = comments_of(annotated)
    check("three findings, three comments", len(comments) == 3, comments)
    check("each comment: severity, rule, message, how to fix, basis",
          all(re.match(r"(警告|错误|提示)\[[A-Z]+-\d+\]: ", c) and "修改方法：" in c and "依据：" in c for c in comments.values()),
          comments)
    places = {cid: anchored(document, cid) for cid in comments}
    check("anchored on table cells", all(inside for _, _, inside in places.values()), places)
    by_rule = {re.search(r"\[([A-Z]+-\d+)\]", c)[1] + ("" if "（七）总计" not in c else "/total"): places[cid]
               for cid, c in comments.items()}
    check("TBL-04: on the row of 6.属于四类过程性信息, at its label",
          by_rule["TBL-04"][0] == "6.属于四类过程性信息" and "6.属于四类过程性信息" in by_rule["TBL-04"][1], by_rule)
    check("EXT-03: the blank 总计 cell of that row", by_rule["EXT-03"][0] == "" and "6.属于四类过程性信息" in by_rule["EXT-03"][1],
          by_rule)
    check("EXT-03: the 总计 cell of （七）总计", by_rule["EXT-03/total"][0] == "46" and "（七）总计" in by_rule["EXT-03/total"][1],
          by_rule)
    check("document.xml: only the anchors added",
          anchor.sub("", document) == original.read("word/document.xml").decode())
    changed = {"word/document.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"}
    same = all(annotated.getinfo(i.filename).CRC == i.CRC and annotated.getinfo(i.filename).compress_size == i.compress_size
               and annotated.read(i.filename) == original.read(i.filename)
               for i in original.infolist() if i.filename not in changed)
    check("every other entry: the same bytes, copied compressed as it was", same)
    check("entries: the draft's, then word/comments.xml",
          [i.filename for i in annotated.infolist()] == [i.filename for i in original.infolist()] + ["word/comments.xml"])
    types, rels = (annotated.read(n).decode() for n in ("[Content_Types].xml", "word/_rels/document.xml.rels"))
    check("content type and relationship of the comments part",
          'PartName="/word/comments.xml"' in types and "relationships/comments" in rels and 'Target="comments.xml"' in rels)

    def findings(path):
        return [line.split(": ", 1)[1] for line in run("check", path).stdout.splitlines()]
    check("the annotated copy reads and checks as the draft", findings(out) == findings(draft), findings(out))

    # A draft that has comments already (here: the annotated copy): ours are added after them, ids not reused.
    again_dir = os.path.join(tmp, "again")
    os.makedirs(again_dir)
    shutil.copy(out, os.path.join(again_dir, "commented.docx"))
    run("check", "--format", "docx", "--output", again_dir, os.path.join(again_dir, "commented.docx"))
    twice = zipfile.ZipFile(os.path.join(again_dir, "commented.批注.docx"))
    ids = list(comments_of(twice))
    check("existing comments kept, new ids after them", ids == ["0", "1", "2", "3", "4", "5"]
          and twice.read("[Content_Types].xml").decode().count("/word/comments.xml") == 1, ids)

    r = run("check", "--format", "docx", "--output", tmp, "corpus/specimens/ari01-unbalanced.txt")
    check("a text input: said on stderr, no file", "不是 DOCX" in r.stderr and sorted(os.listdir(tmp)) == ["again", os.path.basename(out)],
          r.stderr + str(os.listdir(tmp)))
    # A draft whose own comments part is not one: that report is an error (exit 2), the others are written.
    broken = os.path.join(tmp, "broken", "bad-comments.docx")
    os.makedirs(os.path.dirname(broken))
    with zipfile.ZipFile(broken, "w") as z:
        for i in original.infolist():
            z.writestr(i, original.read(i.filename))
        z.writestr("word/comments.xml", "<x/>")
    out_dir = os.path.join(tmp, "broken-out")
    r = run("check", "--format", "docx", "--output", out_dir, broken, draft)
    check("a draft that cannot be annotated: exit 2, said, no copy; the other written",
          r.returncode == 2 and "bad-comments.docx" in r.stderr and os.listdir(out_dir) == [os.path.basename(out)],
          r.stderr + str(os.listdir(out_dir) if os.path.isdir(out_dir) else ""))

    r = run("check", "--format", "docx", draft)
    check("--format docx without --output: exit 2", r.returncode == 2 and "--output" in r.stderr, r.stderr)

    # LibreOffice (tools/install-deps.sh installs libreoffice-writer-nogui; skipped where it is absent) opens the
    # copy: it converts to PDF, and its own ODT of it has the three comments, each in the table cell it was on.
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office:
        lo = [office, f"-env:UserInstallation=file://{tmp}/lo-profile", "--headless", "--norestore"]
        pdf_dir, odt_dir = os.path.join(tmp, "lo-pdf"), os.path.join(tmp, "lo-odt")
        r = subprocess.run(lo + ["--convert-to", "pdf", "--outdir", pdf_dir, out], capture_output=True, text=True, timeout=180)
        check("LibreOffice converts the annotated copy to PDF",
              os.path.getsize(os.path.join(pdf_dir, "tbl04-blank-total.批注.pdf")) > 1000
              if os.path.exists(os.path.join(pdf_dir, "tbl04-blank-total.批注.pdf")) else False, r.stdout + r.stderr)
        r = subprocess.run(lo + ["--convert-to", "odt", "--outdir", odt_dir, out], capture_output=True, text=True, timeout=180)
        odt = os.path.join(odt_dir, "tbl04-blank-total.批注.odt")
        content = zipfile.ZipFile(odt).read("content.xml").decode() if os.path.exists(odt) else ""
        notes = []
        for m in re.finditer(r"<office:annotation(?: [^>]*)?>(.*?)</office:annotation>", content):
            row = content[content.rfind("<table:table-row", 0, m.start()):content.find("</table:table-row>", m.end())]
            in_cell = content.rfind("<table:table-cell", 0, m.start()) > content.rfind("</table:table-cell>", 0, m.start())
            notes.append((re.sub(r"<[^>]+>", "", m[1]), re.sub(r"<office:annotation.*?</office:annotation>|<[^>]+>", "", row), in_cell))
        check("LibreOffice reads the three comments, each in a table cell of its row",
              len(notes) == 3 and all(cell for _, _, cell in notes)
              and all(("（七）总计" if "（七）总计" in text else "6.属于四类过程性信息") in row for text, row, _ in notes)
              and sorted(re.search(r"\[([A-Z]+-\d+)\]", t)[1] for t, _, _ in notes) == ["EXT-03", "EXT-03", "TBL-04"]
              and all("修改方法：" in t for t, _, _ in notes), notes or r.stdout + r.stderr)
    else:
        suite.skip("LibreOffice opens the annotated copy", "LibreOffice (libreoffice-writer-nogui) is not installed")

sys.exit(suite.finish())
