#!/usr/bin/env bash
# Installs what ogicheck needs to build and test on Debian 12. Idempotent:
# packages already present are skipped, so repeated runs cost one dpkg query.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libpoppler-cpp-dev libxml2-dev libicu-dev libre2-dev libminizip-dev
  zlib1g-dev liblzma-dev  # archives for the static link of libxml2 and minizip
  catch2 nlohmann-json3-dev python3 python3-jsonschema poppler-utils time chromium
  strace  # the tests prove that rule files open nothing outside themselves
  clang libclang-rt-14-dev  # tools/run-fuzz.sh: libclang_rt.fuzzer is only a Recommends of clang-14
  fonts-noto-cjk  # Chinese glyphs in the browser tests' screenshots
  libssl-dev  # SHA-256 (libcrypto): digests of rule files and fetched reports
  libcurl4-openssl-dev libpsl-dev  # ogicheck scan: HTTP(S) and the registrable-domain scope
  libcpp-httplib-dev  # ogicheck serve: the clerk's local page
  libtesseract-dev libleptonica-dev tesseract-ocr-chi-sim tesseract-ocr-script-hans tesseract-ocr-eng  # OCR of scanned pages
  libxlsxwriter-dev  # the supervisor's .xlsx workbook
  parallel  # the sharding recipe's test (GNU parallel)
  libreoffice-writer-nogui  # the annotated DOCX opened in LibreOffice (tests/annotate_test.py; skipped without it)
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# npm for puppeteer-core (the browser tests); a Node.js that brings its own
# npm (NodeSource) is kept, Debian's packages would conflict with it
command -v npm >/dev/null || missing+=(nodejs npm)

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-deps: all packages present" >&2
fi

# puppeteer-core for the browser tests, into tools/node (no browser download)
"$(dirname "$0")/install-node-deps.sh"
