#!/usr/bin/env bash
# Runs every test of OzgLive, on a fresh machine too: installs what the tests need that the build
# does not (Debian's Chromium for the browser tests, Debian's redis-server for the scale-out and
# failover tests, which start it themselves), builds once, then runs the fastest parts first
# and says after each how it went, so a failure shows early and a long run is never silent:
#   1. the browser scripts' node tests (tests/js, on the shipped wwwroot/js files)
#   2. the component tests (bunit)
#   3. the browser tests (Playwright, Debian's Chromium), in the background, while
#   4. the integration tests (real Kestrel, SQLite, SignalR clients; in ScaleOut/ two app node
#      processes with redis-server, and the failover test that kills one), then
#   5. once the browser tests are done, the integration tests once more on PostgreSQL (issue 15: the second storage
#      provider; Debian's postgresql, started by the tests themselves in a temp folder), and then
#   6. the load benchmark's smoke run (issue 10: every scenario runs and its correctness check holds),
#      and its one-node-against-two-nodes smoke run (issue 15, --nodes 2: about 20 s)
# It ends with one line "N passed, N failed" summed from the TRX files, node's TAP summary and the
# load checks. Extra arguments go to every `dotnet test` (e.g. --filter "FullyQualifiedName~Storage");
# with arguments the node tests, the PostgreSQL pass and the load smoke run are skipped (run a
# selection on PostgreSQL with OZGLIVE_TEST_STORAGE=postgres and the same arguments).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
if ! command -v "${OZGLIVE_CHROMIUM:-chromium}" >/dev/null 2>&1; then missing+=(chromium); fi
# Installing does not start it here (services are blocked on install): tests/OzgLive.Tests/ScaleOut
# start their own redis-server on a free loopback port and stop it.
if ! command -v "${OZGLIVE_REDIS_SERVER:-redis-server}" >/dev/null 2>&1; then missing+=(redis-server); fi
# The PostgreSQL pass's tests start the server from Debian's package themselves (initdb, pg_ctl).
if [ "$#" -eq 0 ] && ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then missing+=(postgresql); fi
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing from Debian for the tests: ${missing[*]} ..."
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

results="artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
status=0
passed=0
failed=0
started=$SECONDS

# "  OzgLive.Tests: 1004 passed, 0 failed (3 min 12 s)"
report() {
  local name=$1 p=$2 f=$3 since=$4
  local took=$((SECONDS - since))
  printf '  %s: %s passed, %s failed (%d min %02d s)\n' "$name" "$p" "$f" $((took / 60)) $((took % 60))
  passed=$((passed + p))
  failed=$((failed + f))
}

echo "Building (Release) ..."
# The build restores the browser's npm packages itself (src/OzgLive.Web/OzgLive.Web.csproj).
if ! dotnet build OzgLive.sln --configuration Release -nologo -v q; then
  echo "0 passed, 1 failed"
  exit 1
fi

if [ "$#" -eq 0 ]; then
  # node's TAP ends with the run's totals ("# pass N", "# fail N", "# cancelled N"); a test file
  # that cannot even load counts as failed there. No totals from a failed node run: one failure.
  since=$SECONDS
  node_tap="$results/node-test.tap"
  node_status=0
  node --test --test-reporter=dot --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$node_tap" tests/js/ || node_status=$?
  p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$node_tap" 2>/dev/null | tail -n 1)
  f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$node_tap" 2>/dev/null | tail -n 1)
  c=$(sed -n 's/^# cancelled \([0-9]*\)$/\1/p' "$node_tap" 2>/dev/null | tail -n 1)
  if [ -z "$p" ] && [ "$node_status" -ne 0 ]; then f=1; fi
  if [ "$node_status" -ne 0 ]; then status=$node_status; fi
  report "node --test tests/js" "${p:-0}" $((${f:-0} + ${c:-0})) "$since"
fi

# Runs one test project into its own log and TRX file; report_project prints its line afterwards.
# A second run of the same project names its files with RUN_NAME (the PostgreSQL pass).
run_project() {
  local project=$1
  local name=${RUN_NAME:-$project}
  shift
  dotnet test "tests/$project" --configuration Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" "$@" >"$results/$name.log" 2>&1
}

report_project() {
  local project=$1 project_status=$2 since=$3
  if [ "$project_status" -ne 0 ]; then status=$project_status; fi
  # Failed tests' names, not the whole log (which is kept in the results folder).
  grep -E '^\s+Failed ' "$results/$project.log" | head -n 40 || true
  local counters p f
  counters=$(grep -o '<Counters [^>]*>' "$results/$project.trx" 2>/dev/null | head -n 1 || true)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  if [ -z "$counters" ]; then
    echo "  $project wrote no results; the end of its log:"
    tail -n 20 "$results/$project.log"
    f=1
  fi
  report "$project" "${p:-0}" "${f:-0}" "$since"
}

since=$SECONDS
echo "Running OzgLive.ComponentTests ..."
project_status=0
run_project OzgLive.ComponentTests "$@" || project_status=$?
report_project OzgLive.ComponentTests "$project_status" "$since"

# The browser tests spend most of their time waiting for Chromium and the pages, the integration
# tests for Kestrel and SQLite: on two cores the two projects together take little longer than the
# browser tests alone, so they run side by side (each with its own app instances, ports and files).
browser_since=$SECONDS
echo "Running OzgLive.BrowserTests (in the background) ..."
run_project OzgLive.BrowserTests "$@" &
browser_pid=$!

since=$SECONDS
echo "Running OzgLive.Tests ..."
project_status=0
run_project OzgLive.Tests "$@" || project_status=$?
report_project OzgLive.Tests "$project_status" "$since"

# The browser tests share the two cores with the integration tests only: the PostgreSQL pass and the
# load smoke runs below start once they are done, so that their timing-sensitive waits (a focus, a
# fade) are not starved by three test runs at once.
echo "Waiting for OzgLive.BrowserTests ..."
project_status=0
wait "$browser_pid" || project_status=$?
report_project OzgLive.BrowserTests "$project_status" "$browser_since"

if [ "$#" -eq 0 ]; then
  # The same tests on the second storage provider (issue 15: both providers pass the same tests),
  # all but Hosting and ScaleOut, which start their own app processes (on SQLite files), and the tests
  # of SQLite's file itself (trait Storage=SqliteOnly: WAL, permissions, older files).
  since=$SECONDS
  echo "Running OzgLive.Tests on PostgreSQL ..."
  project_status=0
  pg_filter="FullyQualifiedName!~OzgLive.Tests.Hosting.&FullyQualifiedName!~OzgLive.Tests.ScaleOut.&Storage!=SqliteOnly"
  # The server's log (every refused statement) is copied next to the results when the run ends.
  OZGLIVE_TEST_STORAGE=postgres OZGLIVE_TEST_PG_LOG="$PWD/$results/postgres-server.log" RUN_NAME=OzgLive.Tests.Postgres \
    run_project OzgLive.Tests --filter "$pg_filter" || project_status=$?
  report_project OzgLive.Tests.Postgres "$project_status" "$since"

  # Issue 10's load benchmark in its smoke setting (small sizes, seconds), so that it cannot rot: one
  # result line per scenario check ("passed NAME" / "failed NAME"). Timings are never judged here,
  # only that each scenario ran and its correctness check held; it writes no docs.
  since=$SECONDS
  echo "Running the load benchmark's smoke run ..."
  load_results="$results/load-smoke.txt"
  bash tests/bench/run-load.sh --smoke --results "$load_results" >"$results/load-smoke.log" 2>&1 || status=$?
  if [ -s "$load_results" ]; then
    grep '^failed ' "$load_results" || true
    report "load benchmark (smoke)" "$(grep -c '^passed ' "$load_results" || true)" "$(grep -c '^failed ' "$load_results" || true)" "$since"
  else
    echo "  The load benchmark's smoke run produced no results; see $results/load-smoke.log"
    report "load benchmark (smoke)" 0 1 "$since"
  fi

  # Issue 15's one node against two nodes (redis-server, two node processes, one database), small:
  # run from the build the smoke run above made, so it adds only its own seconds.
  since=$SECONDS
  echo "Running the load benchmark's two-node smoke run ..."
  nodes_results="$results/load-nodes-smoke.txt"
  dotnet tests/bench/LoadBench/bin/Release/net10.0/LoadBench.dll --nodes 2 --smoke --results "$nodes_results" \
    >"$results/load-nodes-smoke.log" 2>&1 || status=$?
  if [ -s "$nodes_results" ]; then
    grep '^failed ' "$nodes_results" || true
    report "load benchmark, two nodes (smoke)" "$(grep -c '^passed ' "$nodes_results" || true)" "$(grep -c '^failed ' "$nodes_results" || true)" "$since"
  else
    echo "  The two-node smoke run produced no results; see $results/load-nodes-smoke.log"
    report "load benchmark, two nodes (smoke)" 0 1 "$since"
  fi
fi

took=$((SECONDS - started))
printf 'All tests took %d min %02d s.\n' $((took / 60)) $((took % 60))
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ] && [ "$status" -ne 0 ]; then
  # The runner failed before any test ran: say so instead of a silent 0.
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
