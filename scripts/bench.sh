#!/usr/bin/env bash
# Runs every benchmark in one go and prints one table (see docs/PERFORMANCE.md for recorded results).
# Nothing here is a test: numbers vary with the machine, so compare ratios (e.g. grain writes / pgbench)
# measured in the same run rather than absolute values.
#
# Orleans (bench/PacificEdge.Benchmarks):
#   insilo   grain calls/s inside one silo (callers on the silo host, and grain to grain), 1/64/256 callers
#   client   Orleans client (this process) to a silo in another process over its gateway: calls/s and p50/p95/p99
#   storage  grain state writes through our PostgreSQL grain storage vs raw Npgsql vs pgbench (durable PostgreSQL)
#   failover two `PacificEdge.Silo.dll silo` processes + one `web` process, ADO.NET clustering on a private PostgreSQL:
#            time from kill -9, and from SIGSTOP (hung), of the silo hosting grains until all of them answer on the
#            other silo (via the survivor and via the web process); 3 runs each, min / median / max
# End-to-end (bench/PacificEdge.Benchmarks.EndToEnd): the real co-hosted process over HTTP with a durable private
# PostgreSQL: orders/s (cart, checkout, signed payment webhook, order Paid) with p50/p95/p99 per step, checkout
# latency at a steady 100 orders/s, PostgreSQL transactions and CPU ms (app, database) per order, and
# webhook-to-SignalR push latency measured with the JavaScript client.
# Page quality (Lighthouse scores of the storefront, an order page and the admin console) is measured beside this,
# by scripts/lighthouse.sh.
#
# Usage: scripts/bench.sh [--seconds N] [--only insilo|client|storage|failover|endtoend] [--failover-runs N]
#        (default 5 seconds per runtime measurement, 10 per end-to-end phase; 3 failover runs per fault)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/postgres.sh
source "$REPO/scripts/lib/postgres.sh"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

pg_ensure_installed
only=""
seconds=()
runtime_args=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --only) only="${args[i + 1]:-}"; runtime_args+=(--only "$only"); i=$((i + 1)) ;;
    --seconds) seconds=(--seconds "${args[i + 1]:-5}"); i=$((i + 1)) ;;
    --failover-runs) runtime_args+=(--failover-runs "${args[i + 1]:-3}"); i=$((i + 1)) ;;
    *) echo "usage: scripts/bench.sh [--seconds N] [--only insilo|client|storage|failover|endtoend] [--failover-runs N]" >&2; exit 2 ;;
  esac
done

rows="$(mktemp -d)"
trap 'rm -rf "$rows"' EXIT
BENCH="$REPO/bench/PacificEdge.Benchmarks/bin/Release/net10.0/PacificEdge.Benchmarks.dll"
# Builds PacificEdge.Silo too (the failover section runs it as separate processes).
dotnet build "$REPO/bench/PacificEdge.Benchmarks/PacificEdge.Benchmarks.csproj" -c Release -nologo -v quiet >/dev/null

# A failing part is reported (its rows say FAILED, or its rows are missing) and the table is still printed.
status=0
if [[ "$only" != endtoend ]]; then
  dotnet "$BENCH" "${seconds[@]}" "${runtime_args[@]}" --rows-out "$rows/1-runtime.tsv" || status=1
fi

if [[ -z "$only" || "$only" == endtoend ]]; then
  if [[ ! -d "$REPO/src/WebFrontend/node_modules/@microsoft/signalr" ]]; then
    command -v npm >/dev/null 2>&1 || pe_apt_install npm
    (cd "$REPO/src/WebFrontend" && npm ci --no-audit --no-fund)
  fi
  dotnet build "$REPO/bench/PacificEdge.Benchmarks.EndToEnd/PacificEdge.Benchmarks.EndToEnd.csproj" -c Release -nologo -v quiet >/dev/null
  dotnet "$REPO/bench/PacificEdge.Benchmarks.EndToEnd/bin/Release/net10.0/PacificEdge.Benchmarks.EndToEnd.dll" "${seconds[@]}" --rows-out "$rows/2-endtoend.tsv" \
    || { status=1; echo "error: the end-to-end benchmark failed; its rows are missing" >&2; }
fi

dotnet "$BENCH" --print-table "$rows"/*.tsv
exit "$status"
