#!/usr/bin/env bash
# Page weight of the live viewer page in Chromium, first and repeat visit (issue 9). See docs/benchmarks.md.
# Builds the Release app of a checkout (this one by default; pass another folder, e.g. an export of an
# older commit, to measure it the same way), starts it on a free loopback port over a fresh database
# (Production settings) and runs page-weight.mjs against it. Needs /usr/bin/chromium.
# Usage: bash tests/bench/run-page-weight.sh [checkout] [path]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
checkout=$(cd "${1:-$here/../..}" && pwd)
(cd "$here/page-weight" && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund >/dev/null; })
dotnet build "$checkout/src/OzgLive.Web" -c Release -v q -nologo >/dev/null
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
# Started from the checkout's root, like dotnet run would find it (an older build looks there for wwwroot/).
(cd "$checkout" && ASPNETCORE_ENVIRONMENT=Production ConnectionStrings__OzgLive="Data Source=$data/ozglive.db" Logging__LogLevel__Default=Warning \
  exec dotnet src/OzgLive.Web/bin/Release/net10.0/OzgLive.Web.dll --urls "http://127.0.0.1:$port") >"$data/app.log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 150); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
echo "$(git -C "$checkout" rev-parse --short HEAD 2>/dev/null || echo "$checkout")"
node "$here/page-weight/page-weight.mjs" "http://127.0.0.1:$port" "${2:-/events/spot-on-ozg-he}"
