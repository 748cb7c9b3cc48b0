#!/usr/bin/env bash
# Runs every benchmark in one go and prints one table (see docs/PERFORMANCE.md for recorded results).
# Nothing here is a test: numbers vary with the machine, so compare ratios (e.g. grain writes / pgbench)
# measured in the same run rather than absolute values.
#
# Sections: local grain calls; state writes vs pgbench; cluster (silo message framing, cross-silo calls between
# two in-process silos over real HTTP/2); failover (two silo processes + a client: cross-process calls/s, and the
# time from kill -9 of a silo to all its grains answering again).
#
# Usage: scripts/bench.sh [--seconds N] [--only local|storage|cluster|failover]   (default 5 seconds per measurement)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/postgres.sh
source "$REPO/scripts/lib/postgres.sh"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

pg_ensure_installed
dotnet build "$REPO/bench/PacificEdge.Benchmarks/PacificEdge.Benchmarks.csproj" -c Release -nologo -v quiet >/dev/null
exec dotnet "$REPO/bench/PacificEdge.Benchmarks/bin/Release/net10.0/PacificEdge.Benchmarks.dll" "$@"
