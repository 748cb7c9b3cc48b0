#!/usr/bin/env bash
# Runs every benchmark in one go and prints one table (see docs/PERFORMANCE.md for recorded results).
# Nothing here is a test: numbers vary with the machine, so compare ratios (e.g. grain writes / pgbench)
# measured in the same run rather than absolute values.
#
# Sections: local grain calls; state writes vs pgbench; cluster (silo message framing, cross-silo calls between
# two in-process silos over real HTTP/2); failover (two silo processes + a client: cross-process calls/s, and the
# time from kill -9 of a silo to all its grains answering again).
#
# Then the end-to-end store benchmark (bench/PacificEdge.Benchmarks.EndToEnd): the real co-hosted process over HTTP
# with a durable private PostgreSQL: orders per second (cart, checkout, signed payment webhook, order Paid) with
# p50/p95/p99 per step, checkout latency at a steady 100 orders/s, and webhook-to-SignalR push latency measured with
# the JavaScript client.
#
# Usage: scripts/bench.sh [--seconds N] [--only local|storage|cluster|failover|endtoend]   (default 5 seconds per measurement)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/postgres.sh
source "$REPO/scripts/lib/postgres.sh"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

pg_ensure_installed
only=""
seconds=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --only) only="${args[i + 1]:-}" ;;
    --seconds) seconds=(--seconds "${args[i + 1]:-5}") ;;
  esac
done

if [[ "$only" != endtoend ]]; then
  dotnet build "$REPO/bench/PacificEdge.Benchmarks/PacificEdge.Benchmarks.csproj" -c Release -nologo -v quiet >/dev/null
  dotnet "$REPO/bench/PacificEdge.Benchmarks/bin/Release/net10.0/PacificEdge.Benchmarks.dll" "$@"
fi

if [[ -z "$only" || "$only" == endtoend ]]; then
  if [[ ! -d "$REPO/src/WebFrontend/node_modules/@microsoft/signalr" ]]; then
    command -v npm >/dev/null 2>&1 || pe_apt_install npm
    (cd "$REPO/src/WebFrontend" && npm ci --no-audit --no-fund)
  fi
  dotnet build "$REPO/src/Silo/PacificEdge.Silo.csproj" -c Release -nologo -v quiet >/dev/null
  dotnet build "$REPO/bench/PacificEdge.Benchmarks.EndToEnd/PacificEdge.Benchmarks.EndToEnd.csproj" -c Release -nologo -v quiet >/dev/null
  dotnet "$REPO/bench/PacificEdge.Benchmarks.EndToEnd/bin/Release/net10.0/PacificEdge.Benchmarks.EndToEnd.dll" "${seconds[@]}" 2>/dev/null
fi
