#!/usr/bin/env bash
# The replay page's budget (issue 5): an event with 1,000 questions, side by side with the demo replay
# and the live page, in one run on the Release build over 127.0.0.1. See docs/benchmarks.md.
# Usage: bash tests/bench/run-replay.sh [questions] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet run -c Release --project tests/bench/ReplayBench -- "${1:-1000}" "${2:-200}"
