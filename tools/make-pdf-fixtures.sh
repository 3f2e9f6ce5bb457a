#!/usr/bin/env bash
# Remakes the PDF fixtures in corpus/pdf from text specimens, printed by
# LibreOffice the way clerks export reports: real tables, wrapped labels,
# table 三 across a page break. Needs libreoffice-writer-nogui and
# fonts-noto-cjk (not needed by CI: the PDFs are committed).
set -euo pipefail
cd "$(dirname "$0")/.."
out=corpus/pdf
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

specimens=(clean ari01-unbalanced ari03-row-total-off tbl04-blank-cells tbl08-row-typo sec01-missing-part tbl02-missing-row tbl02-superseded-other-row tbl05-one-figure-row-text tbl05-one-figure-row-unit tbl07-fee-yuan tbl07-fee-dash tbl07-fee-10k-unit)
for name in "${specimens[@]}"; do
  python3 tools/specimen-to-html.py "corpus/specimens/$name.txt" > "$work/$name.html"
done

convert() {  # convert FILTER FILES...
  local filter=$1; shift
  soffice --headless --norestore -env:UserInstallation="file://$work/profile" \
    --infilter="HTML (StarWriter)" --convert-to "$filter" --outdir "$work" "$@" >/dev/null 2>&1
}
pages=()
for name in "${specimens[@]}"; do pages+=("$work/$name.html"); done
convert pdf:writer_pdf_Export "${pages[@]}"
for name in "${specimens[@]}"; do mv "$work/$name.pdf" "$out/$name.pdf"; done

# Layouts of the clean report that must read as it does: the fee table with
# one value column and a label column as wide as its label (the figure
# stands close to the label), and the tables in 12 pt, where the labels of
# table 三 wrap over up to eight lines around their figures.
python3 tools/specimen-to-html.py --style fee-table corpus/specimens/clean.txt > "$work/clean.fee-table.html"
python3 tools/specimen-to-html.py --cell-font 12 corpus/specimens/clean.txt > "$work/wrapped-labels.html"
convert pdf:writer_pdf_Export "$work/clean.fee-table.html" "$work/wrapped-labels.html"
mv "$work/clean.fee-table.pdf" "$work/wrapped-labels.pdf" "$out/"

# The clean report with parts 三, 四 and 五 each on a new page (4 pages), and
# the same with pages 2 and 3, its tables, as scans: the parts and tables
# not found there may stand on those pages, so they are undecided (PUB-03),
# never missing.
python3 tools/specimen-to-html.py corpus/specimens/clean.txt |
  sed -E 's#<p>(三、收到和处理|四、政府信息公开行政复议|五、)#<p style="page-break-before:always">\1#' > "$work/clean.paged.html"
convert pdf:writer_pdf_Export "$work/clean.paged.html"
mv "$work/clean.paged.pdf" "$out/"
pdftoppm -r 60 -f 2 -l 3 -png "$out/clean.paged.pdf" "$work/table-scan"
printf '<html><body><img src="%s" width="600"><p style="page-break-before:always"><img src="%s" width="600"></p></body></html>' \
  "$work/table-scan-2.png" "$work/table-scan-3.png" > "$work/table-scans.html"
convert pdf:writer_pdf_Export "$work/table-scans.html"
pdfseparate -f 1 -l 1 "$out/clean.paged.pdf" "$work/text-1.pdf"
pdfseparate -f 4 -l 4 "$out/clean.paged.pdf" "$work/text-4.pdf"
pdfunite "$work/text-1.pdf" "$work/table-scans.pdf" "$work/text-4.pdf" "$out/scanned-table-pages.pdf"
# Only page 3 (part 四 and its table) as a scan: table 四 is not looked for
# elsewhere (the rows of table 三 are no table 四).
printf '<html><body><img src="%s" width="600"></body></html>' "$work/table-scan-3.png" > "$work/review-scan.html"
convert pdf:writer_pdf_Export "$work/review-scan.html"
pdfseparate -f 2 -l 2 "$out/clean.paged.pdf" "$work/text-2.pdf"
pdfunite "$work/text-1.pdf" "$work/text-2.pdf" "$work/review-scan.pdf" "$work/text-4.pdf" "$out/scanned-review-page.pdf"

# A long report with a running header and page footer on every page.
python3 tools/specimen-to-html.py corpus/specimens/long-report.txt |
  sed 's|<body>|<body><div title="header"><p>某市某区发展和改革局政府信息公开工作年度报告</p></div><div title="footer"><p>第 <sdfield type=PAGE subtype=RANDOM format=PAGE>1</sdfield> 页</p></div>|' \
  > "$work/long-report.html"
convert pdf:writer_pdf_Export "$work/long-report.html"
mv "$work/long-report.pdf" "$out/"

# Encrypted: one needs a password to open, one only restricts permissions.
cp "$work/clean.html" "$work/encrypted-user-password.html"
cp "$work/clean.html" "$work/encrypted-owner-only.html"
convert 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}' \
  "$work/encrypted-user-password.html"
convert 'pdf:writer_pdf_Export:{"RestrictPermissions":{"type":"boolean","value":"true"},"PermissionPassword":{"type":"string","value":"owner"}}' \
  "$work/encrypted-owner-only.html"
mv "$work/encrypted-user-password.pdf" "$work/encrypted-owner-only.pdf" "$out/"

# A scan: the first page of the clean report as a picture, no text layer.
pdftoppm -r 60 -f 1 -l 1 -png "$out/clean.pdf" "$work/scan"
printf '<html><body><img src="%s" width="600"></body></html>' "$work/scan-1.png" > "$work/image-only.html"
convert pdf:writer_pdf_Export "$work/image-only.html"
mv "$work/image-only.pdf" "$out/"
ls -l "$out"
