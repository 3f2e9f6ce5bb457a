#!/usr/bin/env bash
# Remakes the HTML fixtures in corpus/html from text specimens (deterministic,
# no LibreOffice needed).
set -euo pipefail
cd "$(dirname "$0")/.."
out=corpus/html
to_html() { python3 tools/specimen-to-html.py "$@"; }
for name in clean ari01-unbalanced tbl04-blank-cells tbl08-row-typo tbl04-blank-total tbl04-blank-total-column tbl04-blank-total-twin tbl02-superseded-other-row ext04-flattened-spaces ari02-flattened-spaces tbl05-one-figure-row-text tbl05-one-figure-row-unit tbl07-fee-yuan tbl07-fee-dash tbl07-fee-10k-unit txt01-subcount-off txt01-subcounts-agree txt03-table2-text-off txt03-table2-text-agrees sec03-part-unheaded yr02-table-label-year p18-enumeration-slip p18-enumeration-in-turn; do
  to_html "corpus/specimens/$name.txt" > "$out/$name.html"
done
to_html --charset gbk corpus/specimens/ari03-row-total-off.txt > "$out/ari03-row-total-off.gbk.html"
to_html --style cms corpus/specimens/sec03-heading-wording.txt > "$out/sec03-heading-wording.cms.html"
to_html --style word corpus/specimens/tbl02-missing-row.txt > "$out/tbl02-missing-row.word.html"
to_html --style word corpus/specimens/clean.txt > "$out/clean.word.html"
to_html --style image-table corpus/specimens/clean.txt > "$out/image-table.html"
to_html --style word corpus/specimens/tbl02-superseded-other-row.txt > "$out/tbl02-superseded-other-row.word.html"
