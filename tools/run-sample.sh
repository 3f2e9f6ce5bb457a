#!/usr/bin/env bash
# Installs dependencies, builds, and checks the bundled sample report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$(nproc)" >/dev/null
./build/ogicheck check corpus/sample/000_f8e573e1db3a03c4.txt && echo "ogicheck: no error-level finding"
