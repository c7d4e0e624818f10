#!/usr/bin/env bash
# Starts the app (Release, Development settings for the demo organiser) on a free loopback port
# over a fresh temporary database, runs fanout.mjs against it, and stops it again.
# Usage: bash tests/bench/run-fanout.sh [viewers] [rounds]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build src/OzgLive.Web -c Release -v q -nologo >/dev/null
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null || echo 5099)
ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__OzgLive="Data Source=$data/ozglive.db" Logging__LogLevel__Default=Warning \
  dotnet src/OzgLive.Web/bin/Release/net10.0/OzgLive.Web.dll --urls "http://127.0.0.1:$port" >"$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
node tests/bench/fanout.mjs "http://127.0.0.1:$port" "${1:-200}" "${2:-30}"
