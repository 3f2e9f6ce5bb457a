#!/usr/bin/env bash
# Installs dependencies, builds with warnings as errors, runs every test; then
# builds again with AddressSanitizer + UndefinedBehaviorSanitizer and runs the
# tests once more; then fuzzes each libFuzzer harness for 30 s (clang, in
# build-fuzz; tools/run-fuzz.sh). This is what .ci/run calls.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tools/install-deps.sh
jobs=$(nproc)

cmake -S . -B build -DOGICHECK_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j "$jobs"
(cd build && ctest --output-on-failure -j "$jobs")
# The Debian package, installed and run from outside the tree.
bash tools/test-package.sh

cmake -S . -B build-asan -DOGICHECK_WERROR=ON -DOGICHECK_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j "$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j "$jobs")

# Five harnesses, 30 s each after their regression inputs: about 3 minutes.
bash tools/run-fuzz.sh 30
