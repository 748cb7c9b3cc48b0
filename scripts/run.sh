#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# shellcheck disable=SC2317  # stop_app and cleanup run from traps
# Runs the whole Pacific Edge system on this machine (Debian with the .NET SDK): PostgreSQL, migrations, then the
# silo and the web front end in one process (cohosted mode). Ctrl-C stops everything this script started.
#
# Environment:
#   PACIFICEDGE_DB       Npgsql connection string. When unset, a private PostgreSQL cluster is started under
#                        <repo>/.data/postgres (kept across runs) with database "pacificedge".
#   PACIFICEDGE_PG_PORT  port of that private cluster (default 55432)
#   PACIFICEDGE_PG_DIR   directory of that private cluster (default <repo>/.data/postgres)
#   PACIFICEDGE_URL      where the app listens (default http://127.0.0.1:5080)
#   PACIFICEDGE_START_TIMEOUT  seconds to wait for /health/live (default 60)
#   PACIFICEDGE_STOP_TIMEOUT   seconds to wait for a graceful stop before SIGKILL (default 60)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/postgres.sh
source "$REPO/scripts/lib/postgres.sh"

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
URL="${PACIFICEDGE_URL:-http://127.0.0.1:5080}"
URL="${URL%/}"
START_TIMEOUT="${PACIFICEDGE_START_TIMEOUT:-60}"
STOP_TIMEOUT="${PACIFICEDGE_STOP_TIMEOUT:-60}"
SILO_PROJECT="$REPO/src/Silo/PacificEdge.Silo.csproj"
SILO_BIN="$REPO/src/Silo/bin/Release/net10.0"
SILO_DLL="PacificEdge.Silo.dll"

PG_DIR=""
STARTED_PG=0
APP_PID=""

log() { echo "[run.sh] $*" >&2; }

stop_app() {
  [[ -n "$APP_PID" ]] || return 0
  if kill -0 "$APP_PID" 2>/dev/null; then
    log "Stopping Pacific Edge (pid $APP_PID)..."
    kill -TERM "$APP_PID" 2>/dev/null || true
    local i
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
      kill -0 "$APP_PID" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$APP_PID" 2>/dev/null; then
      log "still running after ${STOP_TIMEOUT}s; killing it"
      kill -KILL "$APP_PID" 2>/dev/null || true
    fi
  fi
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

cleanup() {
  stop_app || true
  if [[ $STARTED_PG == 1 ]]; then
    log "Stopping the private PostgreSQL cluster in $PG_DIR"
    pg_stop_cluster "$PG_DIR" || log "warning: could not stop PostgreSQL in $PG_DIR"
  fi
}
trap cleanup EXIT
# Ctrl-C and SIGTERM are the normal way to stop: clean up (EXIT trap) and report success.
trap 'exit 0' INT TERM

command -v dotnet >/dev/null 2>&1 || { log "error: the .NET SDK (dotnet) is not on PATH"; exit 1; }
command -v curl >/dev/null 2>&1 || pe_apt_install curl

# --- Database -----------------------------------------------------------------------------------------------------
if [[ -z "${PACIFICEDGE_DB:-}" ]]; then
  pg_ensure_installed
  PG_DIR="${PACIFICEDGE_PG_DIR:-$REPO/.data/postgres}"
  PG_PORT="${PACIFICEDGE_PG_PORT:-55432}"
  mkdir -p "$PG_DIR"
  PG_DIR="$(cd "$PG_DIR" && pwd)"
  if ! pg_cluster_running "$PG_DIR"; then
    STARTED_PG=1
  fi
  if ! pg_start_cluster "$PG_DIR" "$PG_PORT"; then
    STARTED_PG=0
    log "error: could not start PostgreSQL in $PG_DIR (set PACIFICEDGE_PG_DIR / PACIFICEDGE_PG_PORT, or PACIFICEDGE_DB)"
    exit 1
  fi
  PG_PORT="$(pg_cluster_port "$PG_DIR")"
  pg_create_database "$PG_PORT" pacificedge
  export PACIFICEDGE_DB="Host=127.0.0.1;Port=$PG_PORT;Database=pacificedge;Username=postgres"
  log "PostgreSQL ready on 127.0.0.1:$PG_PORT (data in $PG_DIR)"
else
  log "Using PACIFICEDGE_DB from the environment"
fi

# --- Local secrets --------------------------------------------------------------------------------------------------
# On a developer machine random secrets are made once and kept under .data/ (never committed): the payment sandbox's
# webhook signing secret, the shipping webhook token and the key that signs guest order links. In production every
# secret comes from the environment.
local_secret() { # VARIABLE FILE PREFIX
  local variable="$1" file="$REPO/.data/$2" prefix="$3"
  if [[ -z "${!variable:-}" ]]; then
    mkdir -p "$REPO/.data"
    if [[ ! -s "$file" ]]; then
      (umask 077 && printf '%s%s' "$prefix" "$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$file")
    fi
    printf -v "$variable" '%s' "$(cat "$file")"
    export "${variable?}"
  fi
}
local_secret Commerce__Payments__Sandbox__WebhookSecret payments-webhook-secret whsec_
local_secret Webhooks__ShippingToken shipping-webhook-token ""
local_secret Frontend__OrderTokenKey order-token-key ""
local_secret Frontend__KeyRingSecret key-ring-secret ""
# The first admin: from the environment, or a local account with a random password made on the first run
# (there is never a default password).
if [[ -z "${PACIFICEDGE_ADMIN_EMAIL:-}" ]]; then
  export PACIFICEDGE_ADMIN_EMAIL="admin@localhost.test"
  local_secret PACIFICEDGE_ADMIN_PASSWORD admin-password ""
fi
export Commerce__Payments__Sandbox__WebhookUrl="${Commerce__Payments__Sandbox__WebhookUrl:-$URL/webhooks/payments}"
export Commerce__PublicBaseUrl="${Commerce__PublicBaseUrl:-$URL}"
# A local run logs readable text to the console and to a rolling file under .data/logs (5 files of 20 MiB at most).
export Telemetry__Logging__FilePath="${Telemetry__Logging__FilePath:-$REPO/.data/logs/pacificedge.log}"
export Telemetry__Logging__Json="${Telemetry__Logging__Json:-false}"

# --- Front-end assets (npm ci) ------------------------------------------------------------------------------------
# The SignalR browser client and Chart.js come from npm and are copied into the pages at build time.
if [[ ! -d "$REPO/src/WebFrontend/node_modules/@microsoft/signalr" || ! -d "$REPO/src/WebFrontend/node_modules/chart.js" ]]; then
  command -v npm >/dev/null 2>&1 || pe_apt_install npm
  log "Installing front-end packages (npm ci)..."
  (cd "$REPO/src/WebFrontend" && npm ci --omit=dev --no-audit --no-fund) || { log "error: npm ci failed"; exit 1; }
fi

# --- Build and migrate --------------------------------------------------------------------------------------------
log "Building the silo (Release)..."
dotnet build "$SILO_PROJECT" -c Release -nologo -v quiet || { log "error: the build failed (see above)"; exit 1; }
[[ -f "$SILO_BIN/$SILO_DLL" ]] || { log "error: build produced no $SILO_BIN/$SILO_DLL"; exit 1; }

# Run from the output directory so appsettings*.json there are found (the content root is the working directory).
log "Applying database migrations..."
(cd "$SILO_BIN" && dotnet "$SILO_DLL" migrate) || { log "error: migrations failed (see above)"; exit 1; }

# --- Start --------------------------------------------------------------------------------------------------------
log "Starting Pacific Edge (cohosted) at $URL ..."
SEED_ARGS=()
[[ "${PACIFICEDGE_SEED_DEMO:-1}" == 0 ]] || SEED_ARGS=(--seed-demo)   # a dozen demo products; idempotent
(cd "$SILO_BIN" && exec dotnet "$SILO_DLL" cohosted --urls "$URL" "${SEED_ARGS[@]}") &
APP_PID=$!

# Probe the first URL given; a wildcard host (+, *, 0.0.0.0, [::]) is reached through loopback.
PROBE="${URL%%;*}"
PROBE="$(sed -E 's#^(https?://)(\+|\*|0\.0\.0\.0|\[::\])#\1127.0.0.1#' <<<"$PROBE")"
deadline=$((SECONDS + START_TIMEOUT))
while true; do
  code="$(curl -s -k -o /dev/null --max-time 2 -w '%{http_code}' "$PROBE/health/live" || true)"
  [[ "$code" == 200 ]] && break
  if ! kill -0 "$APP_PID" 2>/dev/null; then
    status=0
    wait "$APP_PID" || status=$?
    APP_PID=""
    log "error: Pacific Edge exited with code $status before $PROBE/health/live answered 200"
    exit 1
  fi
  if ((SECONDS >= deadline)); then
    log "error: $PROBE/health/live did not answer 200 within ${START_TIMEOUT}s (last status: ${code:-none})"
    exit 1
  fi
  sleep 0.5
done

echo "Pacific Edge is running at $URL"
echo "  storefront  $URL/            admin dashboard  $URL/admin.html"
if [[ -f "$REPO/.data/admin-password" && "$PACIFICEDGE_ADMIN_EMAIL" == "admin@localhost.test" ]]; then
  echo "  admin sign-in: $PACIFICEDGE_ADMIN_EMAIL / password in .data/admin-password"
fi

status=0
wait "$APP_PID" || status=$?
APP_PID=""
log "Pacific Edge exited with code $status"
exit "$status"
