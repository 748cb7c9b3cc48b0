#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Builds and runs every test in PacificEdge.sln (Release), installing what the tests need first: PostgreSQL server
# binaries (tests start private throwaway clusters), the front end's npm packages, and Debian's chromium when a test
# project uses Playwright. Extra arguments go to `dotnet test` (e.g. --filter ...).
#
# The last line printed is always `Total: N passed, N failed, N skipped`. The exit code is dotnet test's, and
# non-zero as well when a test failed or when no test ran at all.
#
# Environment:
#   PACIFICEDGE_TEST_HANG_TIMEOUT  per-test hang limit for dotnet test's blame collector (default 15m; "off" disables).
#                                  A hung test is then reported by name instead of eating CI's whole time budget.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
# shellcheck source=lib/postgres.sh
source scripts/lib/postgres.sh

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

log() { echo "[test.sh] $*" >&2; }

command -v dotnet >/dev/null 2>&1 || { log "error: the .NET SDK (dotnet) is not on PATH"; echo "Total: 0 passed, 0 failed, 0 skipped"; exit 1; }

# --- What the tests need ------------------------------------------------------------------------------------------
pg_ensure_installed

FRONTEND=src/WebFrontend
# A checkout whose node_modules predates a new dependency (chart.js for the admin console) installs again.
if [[ -f "$FRONTEND/package.json" && ( ! -d "$FRONTEND/node_modules" || ! -d "$FRONTEND/node_modules/chart.js" ) ]]; then
  command -v npm >/dev/null 2>&1 || pe_apt_install npm
  log "Installing front-end npm packages..."
  if [[ -f "$FRONTEND/package-lock.json" ]]; then
    # Dev dependencies (lighthouse, for scripts/lighthouse.sh) are not needed by any test.
    (cd "$FRONTEND" && npm ci --omit=dev --no-audit --no-fund)
  else
    (cd "$FRONTEND" && npm install --no-audit --no-fund)
  fi
fi

# Browser tests drive Debian's chromium (Playwright cannot download its own browsers here).
if grep -rqs --include='*.csproj' 'Microsoft.Playwright' tests; then
  [[ -x /usr/bin/chromium ]] || pe_apt_install chromium
fi

# tests/Deploy.Tests renders deploy/k8s with `kubectl kustomize` (needs kubectl 1.21+, i.e. kustomize v4+). The machine
# image ships kubectl; Debian itself only has kubernetes-client (kubectl 1.20, kustomize v2), too old for the overlays.
if ! command -v kubectl >/dev/null 2>&1; then
  pe_apt_install kubectl || log "warning: no apt source offers kubectl; the Deploy tests will fail"
fi

# --- Run ----------------------------------------------------------------------------------------------------------
hang_args=()
hang="${PACIFICEDGE_TEST_HANG_TIMEOUT:-15m}"
if [[ "$hang" != off && "$hang" != 0 ]]; then
  hang_args=(--blame-hang-timeout "$hang" --blame-hang-dump-type none)
fi

output="$(mktemp)"
trap 'rm -f "$output"' EXIT

# The minimal console logger prints one "Passed!/Failed! - Failed: x, Passed: y, Skipped: z, Total: t" line per
# test project; the terminal logger (which would hide them) is turned off.
set +e
dotnet test PacificEdge.sln -c Release --tl:off --logger "console;verbosity=minimal" "${hang_args[@]}" "$@" 2>&1 | tee "$output"
status=${PIPESTATUS[0]}
set -e

read -r passed failed skipped < <(
  sed -E 's/\x1b\[[0-9;]*[A-Za-z]//g' "$output" | awk '
    match($0, /[A-Za-z]+! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+, +Total: +[0-9]+/) {
      line = substr($0, RSTART, RLENGTH)
      gsub(/[^0-9,]/, "", line)
      split(line, n, ",")
      f += n[1]; p += n[2]; s += n[3]
    }
    END { printf "%d %d %d\n", p, f, s }')

if [[ $status == 0 && $failed -gt 0 ]]; then
  status=1
fi
if [[ $status == 0 && $((passed + failed + skipped)) == 0 ]]; then
  log "error: no tests ran"
  status=1
fi
echo "Total: $passed passed, $failed failed, $skipped skipped"
exit "$status"
