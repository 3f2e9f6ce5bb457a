#!/usr/bin/env bash
# Remakes the DOCX fixtures in corpus/docx: specimens saved as DOCX by
# LibreOffice, one with the part headings as Word's automatic numbering in
# Chinese numerals (一、二、…), and bad packages (a zip bomb, a DOCX without
# word/document.xml). Needs libreoffice-writer-nogui (not needed by CI: the
# files are committed).
set -euo pipefail
cd "$(dirname "$0")/.."
out=corpus/docx
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

specimens=(clean ari01-unbalanced tbl04-blank-cells tbl08-row-typo sec01-missing-part tbl04-blank-total tbl04-blank-total-column tbl04-blank-total-twin tbl02-superseded-other-row ext04-flattened-spaces ari02-flattened-spaces tbl05-one-figure-row-text tbl05-one-figure-row-unit tbl07-fee-yuan tbl07-fee-dash tbl07-fee-10k-unit)
pages=()
for name in "${specimens[@]}"; do
  python3 tools/specimen-to-html.py "corpus/specimens/$name.txt" > "$work/$name.html"
  pages+=("$work/$name.html")
done
python3 tools/specimen-to-html.py --style numbered corpus/specimens/clean.txt > "$work/clean.numbered.html"
pages+=("$work/clean.numbered.html")
soffice --headless --norestore -env:UserInstallation="file://$work/profile" --infilter="HTML (StarWriter)" \
  --convert-to 'docx:MS Word 2007 XML' --outdir "$work" "${pages[@]}" >/dev/null 2>&1
for name in "${specimens[@]}" clean.numbered; do mv "$work/$name.docx" "$out/$name.docx"; done

python3 - "$out" <<'PY'
import re, sys, zipfile
out = sys.argv[1]
# LibreOffice writes the lists as decimal "1."; make them Chinese "一、" as clerks' templates do
src = f"{out}/clean.numbered.docx"
parts = {n: zipfile.ZipFile(src).read(n) for n in zipfile.ZipFile(src).namelist()}
numbering = parts["word/numbering.xml"].decode()
numbering = re.sub(r'(<w:lvl w:ilvl="0">.*?)<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>',
                   r'\1<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/>', numbering, flags=re.S)
parts["word/numbering.xml"] = numbering.encode()
with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in parts.items():
        z.writestr(name, data)
# a zip bomb: document.xml inflates to 300 MB of spaces
with zipfile.ZipFile(f"{out}/zip-bomb.docx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    with z.open("word/document.xml", "w", force_zip64=True) as f:
        chunk = b" " * (1 << 20)
        for _ in range(300):
            f.write(chunk)
# a package without its document
with zipfile.ZipFile(f"{out}/no-document.docx", "w") as z:
    z.writestr("[Content_Types].xml", "<Types/>")
    z.writestr("word/styles.xml", "<w:styles xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'/>")
PY
ls -l "$out"
