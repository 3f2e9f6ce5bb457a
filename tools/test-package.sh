#!/usr/bin/env bash
# Builds the Debian package from the release build (build/), installs it with
# apt-get as a user would, and runs the installed ogicheck from outside the
# source tree on the bundled sample: /usr/bin/ogicheck must find the rules it
# installed in /usr/share/ogicheck/rules. Removes the package afterwards.
# usage: tools/test-package.sh   (as root; after tools/run-tests.sh's build)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
(cd build && cpack -G DEB >/dev/null)
deb=$(ls "$root"/build/ogicheck_*_amd64.deb)
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq "$deb" >/dev/null
trap 'apt-get remove -y -qq ogicheck >/dev/null' EXIT

away=$(mktemp -d)
cp corpus/sample/000_f8e573e1db3a03c4.txt corpus/specimens/ari01-unbalanced.txt corpus/docx/ari01-unbalanced.docx "$away/"
cd "$away"
passed=0 failed=0
expect() {  # name, wanted exit code, command...
  local name=$1 want=$2 got=0
  shift 2
  "$@" >"$away/out" 2>&1 || got=$?
  if [[ $got == "$want" ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $name: exit $got, want $want"; cat "$away/out"; fi
}
expect "installed at /usr/bin" 0 test "$(command -v ogicheck)" = /usr/bin/ogicheck
expect "--version names the installed rules" 0 grep -q "rules .*(/usr/share/ogicheck/rules)" <(ogicheck --version)
expect "the sample: no error" 0 ogicheck check 000_f8e573e1db3a03c4.txt
expect "a report with errors: exit 1" 1 ogicheck check ari01-unbalanced.txt
expect "rules listed from /usr/share" 0 grep -q "^ARI-01" <(ogicheck rules)
expect "--help in Chinese" 0 grep -q "^用法：" <(ogicheck --help)
expect "the draft back with comments" 1 ogicheck check --format docx --output annotated ari01-unbalanced.docx
expect "two comments in the annotated copy" 0 python3 -c "import sys, zipfile; sys.exit(zipfile.ZipFile('annotated/ari01-unbalanced.批注.docx').read('word/comments.xml').count(b'<w:comment ') != 2)"
# libxlsxwriter is opened at run time (not linked): the package must depend on it
expect "Depends names libxlsxwriter4" 0 grep -q "libxlsxwriter4" <(dpkg-query -W -f '${Depends}' ogicheck)
expect "a workbook written" 0 ogicheck check --format xlsx --output book 000_f8e573e1db3a03c4.txt
expect "the workbook holds the summary sheet" 0 python3 -c "import sys, zipfile; sys.exit(b'summary' not in zipfile.ZipFile('book/ogicheck.xlsx').read('xl/workbook.xml'))"
# ogicheck serve from the package: prints its URL, serves the page with the token, refuses without it
serve_page() {
  ogicheck serve --listen 127.0.0.1:0 >"$away/serve.out" 2>&1 &
  local pid=$! url="" status=0
  for _ in $(seq 50); do url=$(grep -o 'http://127.0.0.1:[0-9]*/?token=[0-9a-f]*' "$away/serve.out" || true); [[ -n $url ]] && break; sleep 0.1; done
  python3 - "$url" <<'PY' || status=1
import sys, urllib.request, urllib.error
url = sys.argv[1]
assert "年度报告检查" in urllib.request.urlopen(url, timeout=10).read().decode()
try:
    urllib.request.urlopen(url.split("?")[0], timeout=10)
    sys.exit(1)
except urllib.error.HTTPError as e:
    sys.exit(0 if e.code == 403 else 1)
PY
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  return $status
}
expect "serve starts, its page needs the token" 0 serve_page
cd / && rm -rf "$away"
echo "package: $passed passed, $failed failed"
((failed == 0))
