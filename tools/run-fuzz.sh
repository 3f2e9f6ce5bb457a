#!/usr/bin/env bash
# usage: tools/run-fuzz.sh [SECONDS_PER_HARNESS]   (default 30: the CI budget)
#
# Builds the libFuzzer harnesses of tests/fuzz (clang, ASan + UBSan) in
# build-fuzz, runs each one over its regression inputs (tests/fuzz/
# regressions/<harness>/), then fuzzes it for SECONDS_PER_HARNESS seconds
# from the corpus/ specimens (read-only seeds) and its own work corpus
# build-fuzz/corpus/<harness>/, kept between runs. Fails on any crash, leak,
# timeout (10 s an input) or OOM (2 GB); crash inputs go to
# build-fuzz/artifacts/<harness>/. With a larger budget this is the script
# for long runs by hand: tools/run-fuzz.sh 3600.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
out=build-fuzz

cmake -S . -B "$out" -DOGICHECK_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ -DBUILD_TESTING=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$out" -j "$(nproc)" --target fuzz_text fuzz_html fuzz_docx fuzz_pdf fuzz_pipeline >/dev/null

# harness, -max_len, dictionary (added to the report's words), seed folders
harnesses=(
  "text     32768  text  corpus/specimens corpus/sample"
  "html     131072 html  corpus/html"
  "docx     65536  docx  corpus/docx"
  "pdf      131072 pdf   corpus/pdf"
  "pipeline 131072 text  corpus/specimens corpus/sample corpus/html corpus/docx corpus/pdf"
)
common=(-rss_limit_mb=2048 -timeout=10 -print_final_stats=1)
export UBSAN_OPTIONS=print_stacktrace=1
# What went wrong, and where in ogicheck: for the terminal, the log has it all.
excerpt() { grep -E 'ERROR|SUMMARY|runtime error|Test unit written| in (ogi|fuzz)::' "$1" | head -12 | cut -c1-200 >&2 || tail -20 "$1" >&2; }

mkdir -p "$out/dict" "$out/logs"
python3 tests/fuzz/report_dict.py rules/profiles/*.xml >"$out/dict/report.dict"

passed=0 failed=0 summary=()
for line in "${harnesses[@]}"; do
  read -r name max_len dict seeds <<<"$line"
  bin=$out/tests/fuzz/fuzz_$name log=$out/logs/$name
  mkdir -p "$out/corpus/$name" "$out/artifacts/$name"
  cat "$out/dict/report.dict" "tests/fuzz/$dict.dict" >"$out/dict/$name.dict"
  status=ok

  # Regression inputs: libFuzzer runs files given as arguments once each.
  mapfile -t cases < <(find "tests/fuzz/regressions/$name" -type f ! -name '.*' 2>/dev/null | sort)
  regressions="${#cases[@]} regressions"
  if ((${#cases[@]})); then
    for case in "${cases[@]}"; do
      if ! "$bin" "${common[@]}" -artifact_prefix="$out/artifacts/$name/regression-" "$case" >"$log.regression" 2>&1; then
        echo "run-fuzz: $name: regression input $case fails:" >&2
        excerpt "$log.regression"
        status=FAILED regressions="regression failed"
      # libFuzzer's -timeout (SIGALRM) does not always fire on a single
      # input (seen with fuzz_pipeline), so the time it reports is checked too.
      elif ms=$(sed -nE 's/^Executed .* in ([0-9]+) ms$/\1/p' "$log.regression") && ((ms > 10000)); then
        echo "run-fuzz: $name: regression input $case took $ms ms (limit 10000)" >&2
        status=FAILED regressions="regression failed"
      fi
    done
  fi

  # shellcheck disable=SC2086  # the seed folders are words
  if ! "$bin" "${common[@]}" -max_total_time="$seconds" -max_len="$max_len" -dict="$out/dict/$name.dict" \
    -artifact_prefix="$out/artifacts/$name/" "$out/corpus/$name" $seeds >"$log.log" 2>&1; then
    echo "run-fuzz: $name: the fuzzer found a problem (artifact in $out/artifacts/$name/, log $log.log):" >&2
    excerpt "$log.log"
    status=FAILED
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log.log" | tail -1)
  rate=$(grep -oE 'DONE .*exec/s: [0-9]+' "$log.log" | grep -oE '[0-9]+$' | tail -1 || true)
  [[ -n $rate ]] || rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log.log" | tail -1)
  summary+=("$(printf '%-9s %-7s %10s executions %7s exec/s  %s' "$name" "$status" "${execs:--}" "${rate:--}" "$regressions")")
  if [[ $status == ok ]]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done

printf 'run-fuzz: %s\n' "${summary[@]}"
echo "$passed passed, $failed failed"
((failed == 0))
