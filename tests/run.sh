#!/usr/bin/env bash
# Runs every test of OzgLive, on a fresh machine too: installs what the tests need that the build
# does not (Debian's Chromium for the browser tests), runs the whole solution's tests and the browser
# scripts' node tests, and ends with one line "N passed, N failed" summed from the TRX result files
# and node's TAP summary.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v "${OZGLIVE_CHROMIUM:-chromium}" >/dev/null 2>&1; then
  echo "Installing Debian's Chromium for the browser tests ..."
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
fi

results="artifacts/test-results"
rm -rf "$results"
status=0
# The build restores the browser's npm packages itself (src/OzgLive.Web/OzgLive.Web.csproj).
dotnet test OzgLive.sln --configuration Release --logger "trx" --results-directory "$results" "$@" || status=$?

# The browser scripts' tests (tests/js/*.test.mjs import the shipped wwwroot/js files): readable
# output here, TAP into the results for the count below.
mkdir -p "$results"
node_tap="$results/node-test.tap"
node_status=0
node --test --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$node_tap" tests/js/ || node_status=$?
if [ "$node_status" -ne 0 ]; then status=$node_status; fi

# Issue 10's load benchmark in its smoke setting (small sizes, seconds), so that it cannot rot: one
# result line per scenario check ("passed NAME" / "failed NAME"), counted below. Timings are never
# judged here, only that each scenario ran and its correctness check held; it writes no docs.
mkdir -p "$results"
load_results="$results/load-smoke.txt"
bash tests/bench/run-load.sh --smoke --results "$load_results" >"$results/load-smoke.log" 2>&1 || status=$?

passed=0
failed=0
if [ -s "$load_results" ]; then
  passed=$(grep -c '^passed ' "$load_results" || true)
  failed=$(grep -c '^failed ' "$load_results" || true)
else
  echo "The load benchmark's smoke run produced no results; see $results/load-smoke.log"
  failed=1
fi
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done

# node's TAP ends with the run's totals ("# pass N", "# fail N", "# cancelled N"); a test file that
# cannot even load counts as failed there. No totals from a failed node run: count one failure.
p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$node_tap" 2>/dev/null | tail -n 1)
f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$node_tap" 2>/dev/null | tail -n 1)
c=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$node_tap" 2>/dev/null | tail -n 1)
if [ -z "$p" ] && [ "$node_status" -ne 0 ]; then f=1; fi
passed=$((passed + ${p:-0}))
failed=$((failed + ${f:-0} + ${c:-0}))

if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$status" -ne 0 ]; then
  # The build or the runner failed before any test ran: say so instead of a silent 0.
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
