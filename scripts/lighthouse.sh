#!/usr/bin/env bash
# shellcheck source-path=SCRIPTDIR
# Lighthouse scores of the shopper's pages and the admin console (see docs/PERFORMANCE.md for recorded results).
# Starts the store with scripts/run.sh on a throwaway PostgreSQL cluster and its own port, places and pays an order
# as a guest (the order page needs one to show), signs in as an admin (the auth cookie goes to Lighthouse through
# --extra-headers), runs Lighthouse 12 (npm devDependency of src/WebFrontend) in Debian's headless chromium against
# the storefront, that order's page and the admin console, and prints one table:
#   page, performance, accessibility, best practices, SEO, cumulative layout shift, console errors, verdict.
# The verdict checks the bars: accessibility >= 95, best practices 100, CLS < 0.1, no console errors. The exit code is
# non-zero when a page misses a bar or a run failed. Reports (JSON and HTML) stay in the output directory.
#
# Usage: scripts/lighthouse.sh [--admin-url URL-or-path] [--preset mobile|desktop|mobile,desktop] [--out DIR]
#   --admin-url  the admin console (default /admin.html); a path is taken relative to the store
#   --preset     Lighthouse's form factor(s) (default mobile, Lighthouse's own default: a throttled phone)
#   --out        where the reports go (default a new temporary directory, printed at the end)
# Environment:
#   PACIFICEDGE_LH_PORT   port for the store (default 5181)
#   LIGHTHOUSE_LOGIN_PATH the sign-in endpoint taking {"email","password"} (default /api/auth/login)
#   CHROME_PATH           the browser (default /usr/bin/chromium)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/postgres.sh
source "$REPO/scripts/lib/postgres.sh"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

admin_url="/admin.html"
preset="mobile"
out=""
while (($#)); do
  case "$1" in
    --admin-url) admin_url="${2:?}"; shift 2 ;;
    --preset) preset="${2:?}"; shift 2 ;;
    --out) out="${2:?}"; shift 2 ;;
    *) echo "usage: scripts/lighthouse.sh [--admin-url URL-or-path] [--preset mobile|desktop|mobile,desktop] [--out DIR]" >&2; exit 2 ;;
  esac
done
IFS=, read -r -a presets <<<"$preset"
for p in "${presets[@]}"; do
  [[ "$p" == mobile || "$p" == desktop ]] || { echo "error: --preset takes mobile, desktop or both (comma-separated)" >&2; exit 2; }
done

log() { echo "[lighthouse.sh] $*" >&2; }

PORT="${PACIFICEDGE_LH_PORT:-5181}"
URL="http://127.0.0.1:$PORT"
[[ "$admin_url" == http* ]] || admin_url="$URL/${admin_url#/}"
FRONTEND="$REPO/src/WebFrontend"
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
LOGIN_PATH="${LIGHTHOUSE_LOGIN_PATH:-/api/auth/login}"

work="$(mktemp -d)"
chmod 755 "$work" # the postgres OS user must reach the throwaway cluster inside it
out="${out:-$work/reports}"
mkdir -p "$out"
RUN_PID=""
cleanup() {
  if [[ -n "$RUN_PID" ]] && kill -0 "$RUN_PID" 2>/dev/null; then
    log "Stopping the store..."
    kill -TERM "$RUN_PID" 2>/dev/null || true
    wait "$RUN_PID" 2>/dev/null || true
  fi
  rm -rf "$work/pg" "$work/cookies"
}
trap cleanup EXIT

# --- Tools --------------------------------------------------------------------------------------------------------
command -v curl >/dev/null 2>&1 || pe_apt_install curl
command -v npm >/dev/null 2>&1 || pe_apt_install npm
[[ -x "$CHROME_PATH" ]] || pe_apt_install chromium
if [[ ! -x "$FRONTEND/node_modules/.bin/lighthouse" ]]; then
  log "Installing the front end's npm packages with dev dependencies (lighthouse)..."
  (cd "$FRONTEND" && npm ci --no-audit --no-fund)
fi
json() { node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const v=JSON.parse(s);console.log(process.argv[1].split(".").reduce((o,k)=>o?.[k],v)??"")})' "$1"; }
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# --- The store (scripts/run.sh on a throwaway database) -----------------------------------------------------------
ADMIN_EMAIL="lighthouse-admin@localhost.test"
ADMIN_PASSWORD="$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')"
log "Starting the store at $URL (build, migrations, demo catalog; log in $work/run.log)..."
PACIFICEDGE_PG_DIR="$work/pg" PACIFICEDGE_PG_PORT="$(free_port)" PACIFICEDGE_URL="$URL" PACIFICEDGE_START_TIMEOUT=180 \
  PACIFICEDGE_ADMIN_EMAIL="$ADMIN_EMAIL" PACIFICEDGE_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
  "$REPO/scripts/run.sh" >"$work/run.log" 2>&1 &
RUN_PID=$!
deadline=$((SECONDS + 900))
until [[ "$(curl -s -o /dev/null --max-time 2 -w '%{http_code}' "$URL/health/live" || true)" == 200 ]]; do
  if ! kill -0 "$RUN_PID" 2>/dev/null || ((SECONDS >= deadline)); then
    tail -30 "$work/run.log" >&2
    log "error: the store did not start"
    exit 1
  fi
  sleep 1
done

# --- An order to look at: two products, paid by a guest, as the storefront does it ----------------------------------
api() { # METHOD PATH [BODY] [extra curl args...]
  local method="$1" path="$2" body="${3:-}"
  shift 3 || shift $#
  curl -sf -X "$method" "$URL$path" -H 'Content-Type: application/json' ${body:+--data "$body"} "$@"
}
cart="$(api POST /api/carts "" | json cartId)"
api POST "/api/carts/$cart/lines" '{"sku":"PE-NAD-500MG","quantity":2}' >/dev/null
api POST "/api/carts/$cart/lines" '{"sku":"PE-BACWATER-30ML","quantity":1}' >/dev/null
checkout="$(api POST "/api/carts/$cart/checkout" \
  '{"email":"lighthouse@example.test","shipTo":{"name":"Sample Shopper","line1":"1 Example Street","city":"Portland","postalCode":"97201","country":"US"}}' \
  -H "Idempotency-Key: lighthouse-$RANDOM$RANDOM")"
order_id="$(json orderId <<<"$checkout")"
token="$(json accessToken <<<"$checkout")"
api POST "/api/orders/$order_id/pay?token=$token" '{"cardToken":"tok_visa"}' >/dev/null
for _ in $(seq 120); do
  [[ "$(api GET "/api/orders/$order_id?token=$token" "" | json payment)" == Paid ]] && break
  sleep 0.5
done
order_url="$URL$(json orderUrl <<<"$checkout")"

# --- Admin sign-in: the cookie jar becomes one Cookie header for Lighthouse ----------------------------------------
api POST "$LOGIN_PATH" "{\"email\":\"$ADMIN_EMAIL\",\"password\":\"$ADMIN_PASSWORD\"}" -c "$work/cookies" -o /dev/null \
  || log "warning: admin sign-in failed; the admin console is measured signed out"
cookie="$(awk -F'\t' 'NF >= 7 && ($1 !~ /^#/ || $1 ~ /^#HttpOnly_/) { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$work/cookies" 2>/dev/null || true)"
printf '{"Cookie":"%s"}' "$cookie" >"$work/admin-headers.json"

# --- Lighthouse ---------------------------------------------------------------------------------------------------
status=0
reports=()
measure() { # NAME PRESET URL [extra lighthouse args...]
  local name="$1-$2" form="$2" url="$3"
  shift 3
  local preset_args=()
  [[ "$form" == desktop ]] && preset_args=(--preset=desktop)
  log "Lighthouse: $name"
  reports+=("$out/$name.report.json")
  "$FRONTEND/node_modules/.bin/lighthouse" "$url" --quiet "${preset_args[@]}" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    --only-categories=performance,accessibility,best-practices,seo \
    --output=json --output=html --output-path="$out/$name" "$@" \
    || { log "error: Lighthouse failed on $name"; status=1; }
}
for p in "${presets[@]}"; do
  measure storefront "$p" "$URL/"
  measure order "$p" "$order_url"
  measure admin "$p" "$admin_url" --extra-headers="$work/admin-headers.json"
done

node "$REPO/scripts/lib/lighthouse-table.cjs" "${reports[@]}" || status=1
echo "Reports: $out (Lighthouse $("$FRONTEND/node_modules/.bin/lighthouse" --version), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
exit "$status"
