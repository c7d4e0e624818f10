#!/usr/bin/env bash
# Issue 10's load benchmark: OzgLive (Release, a fresh database) and a bare SignalR baseline in one run,
# on 127.0.0.1, with the .NET SignalR client over WebSockets. See docs/benchmarks.md, "Load".
# Usage: bash tests/bench/run-load.sh [--smoke|--moderate|--full] [--viewers N] [--max-viewers N] ...
#   --smoke     CI's few-second check: every scenario runs and its correctness check holds; writes no docs.
#   --moderate  (default) 1,000 viewers; --full: issue 10's sizes (10,000 viewers, 18,000 held).
#   --nodes 2   issue 15's run instead: one node (Redis off) against two nodes on one redis-server and one
#               database, side by side (join, fan-out, durable questions); its own section of the docs.
# LOADBENCH_KEEP_LOGS=FOLDER keeps each server's output there (the servers' temp folders are deleted).
# Figures go to docs/benchmarks.md unless --smoke; --results FILE writes one "passed|failed NAME" line per check.
set -euo pipefail
cd "$(dirname "$0")/../.."

# Every viewer is a socket in the client and one in the server: raise the descriptor limit as far as allowed.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

dotnet build src/OzgLive.Web -c Release -v q -nologo >/dev/null
dotnet build tests/bench/BaselineHub -c Release -v q -nologo >/dev/null
dotnet build tests/bench/HeapProbe -c Release -v q -nologo >/dev/null
dotnet build tests/bench/LoadBench -c Release -v q -nologo >/dev/null

# Two nodes need Debian's redis-server (tests/run.sh installs it too).
if [[ " $* " == *" --nodes "* ]] && ! command -v "${OZGLIVE_REDIS_SERVER:-redis-server}" >/dev/null 2>&1; then
  apt-get install -y redis-server >/dev/null
fi

docs=(--docs docs/benchmarks.md)
for arg in "$@"; do [ "$arg" = "--smoke" ] && docs=(); done
export LOADBENCH_COMMAND="bash tests/bench/run-load.sh $*"
echo "Descriptor limit: $(ulimit -n)"
dotnet tests/bench/LoadBench/bin/Release/net10.0/LoadBench.dll "$@" "${docs[@]}"
