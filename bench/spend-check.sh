#!/usr/bin/env bash
# Spend-check and usage-ingest benchmark. See bench/README.md.
#
#   bash bench/spend-check.sh
#
# Builds Release, starts Steward (fresh SQLite database) and the bare Kestrel app on loopback,
# sets up a product with a far limit and a platform merchant, and drives with wrk:
#   bare      GET /plaintext on bare Kestrel, 64 connections            (baseline)
#   reserve   POST /api/v1/products/{id}/reservations, 64 connections  >= 50% of bare, p99 < 5 ms
#   reserve1  the same from 1 connection                                p99 < 1 ms
#   charge1   POST /api/v1/charges, 1 line a request, 64 connections    >= 5,000 req/s
#   batch100  POST /api/v1/charges, 100 lines a request, 16 connections >= 500 req/s (50,000 lines/s)
# Every reservation and every line is stored durably before it is answered. Exits 0 when every
# target is met, 1 when one is missed or a run had errors, 2 when the set-up failed.
set -euo pipefail
shopt -s inherit_errexit

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)

DURATION=${BENCH_DURATION:-10}        # seconds measured per scenario
WARMUP=${BENCH_WARMUP:-3}             # seconds of warm-up per scenario (not reported)
THREADS=${BENCH_THREADS:-2}
STEWARD_PORT=${STEWARD_PORT:-5081}
BARE_PORT=${BARE_PORT:-5082}
ADMIN_KEY=${STEWARD_BOOTSTRAP_ADMIN_KEY:-bench-admin}
ADMIN_SECRET=${STEWARD_BOOTSTRAP_ADMIN_SECRET:-bench-admin-secret-0123456789abcdef0123456789abcdef}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
STEWARD="http://127.0.0.1:$STEWARD_PORT"
BARE="http://127.0.0.1:$BARE_PORT"
WORK=$(mktemp -d /tmp/steward-spend.XXXXXX)
RESULTS_DIR="$BENCH_DIR/results"   # gitignored
mkdir -p "$RESULTS_DIR"
REPORT="$RESULTS_DIR/spend-check-$(date -u +%Y%m%dT%H%M%SZ).txt"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in wrk jq curl; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is required (bench/run.sh installs wrk and jq with apt)"
done

log "publishing Release builds to $WORK"
timeout 900 dotnet publish "$BENCH_DIR/Bare/Bare.csproj" -c Release -o "$WORK/bare" --nologo -v quiet </dev/null || die "publishing bench/Bare failed"
timeout 900 dotnet publish "$REPO_DIR/src/Steward.Server" -c Release -o "$WORK/steward" --nologo -v quiet </dev/null || die "publishing src/Steward.Server failed"

port_busy() { curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/"; }
port_busy "$BARE_PORT" && die "port $BARE_PORT is already in use"
port_busy "$STEWARD_PORT" && die "port $STEWARD_PORT is already in use"

wait_ok() {
    local url=$1 pid=$2 logf=$3
    for _ in $(seq 1 120); do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 40 "$logf" >&2 || true
            die "server for $url exited during start-up"
        fi
        [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true) == 200 ]] && return 0
        sleep 0.5
    done
    tail -n 40 "$logf" >&2 || true
    die "$url did not answer 200 within 60 s"
}

log "starting bare Kestrel on $BARE"
(cd "$WORK" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    dotnet "$WORK/bare/Bare.dll" --urls "$BARE" </dev/null >"$WORK/bare.log" 2>&1) &
PIDS+=($!)
wait_ok "$BARE/plaintext" "${PIDS[-1]}" "$WORK/bare.log"

log "starting Steward on $STEWARD (SQLite at $WORK/db/steward.db)"
mkdir -p "$WORK/db" "$WORK/run"
(cd "$WORK/run" && exec env \
    ASPNETCORE_ENVIRONMENT=Production \
    Logging__LogLevel__Default=Warning \
    Steward__Storage__Provider=Sqlite \
    "Steward__Storage__ConnectionString=Data Source=$WORK/db/steward.db" \
    STEWARD_BOOTSTRAP_ADMIN_KEY="$ADMIN_KEY" \
    STEWARD_BOOTSTRAP_ADMIN_SECRET="$ADMIN_SECRET" \
    Steward__BruteForce__RequestsPerSecond=0 \
    dotnet "$WORK/steward/Steward.Server.dll" --urls "$STEWARD" </dev/null >"$WORK/steward.log" 2>&1) &
PIDS+=($!)
wait_ok "$STEWARD/healthz" "${PIDS[-1]}" "$WORK/steward.log"

# api METHOD PATH EXPECTED_STATUS [curl args...]: prints the body; dies on another status.
api() {
    local method=$1 path=$2 expect=$3; shift 3
    local out status
    out=$(curl -s --max-time 10 -X "$method" -w '\n%{http_code}' "$@" "$STEWARD$path") || die "$method $path: curl failed"
    status=${out##*$'\n'}
    out=${out%$'\n'*}
    [[ "$status" == "$expect" ]] || { printf '%s\n' "$out" >&2; die "$method $path answered $status, expected $expect"; }
    printf '%s' "$out"
}
urlenc() { jq -rn --arg v "$1" '$v|@uri'; }
token_for() {
    local body
    body=$(api POST /oauth/token 200 -H 'Content-Type: application/x-www-form-urlencoded' \
        --data "grant_type=client_credentials&client_id=$(urlenc "$1")&client_secret=$(urlenc "$2")")
    jq -er '.access_token' <<<"$body" || die "no access_token in: $body"
}
json() { api "$1" "$2" "$3" -H "Authorization: Bearer $4" -H 'Content-Type: application/json' --data "$5"; }

log "setting up an account, a unit, a product (limit 10^12 coins) and a platform merchant"
ROOT_TOKEN=$(token_for "$ADMIN_KEY" "$ADMIN_SECRET")
ACCOUNT=$(json POST /api/v1/accounts 201 "$ROOT_TOKEN" '{"name":"bench","email":"bench@example.com"}')
ACC_TOKEN=$(token_for "$(jq -r .api_key <<<"$ACCOUNT")" "$(jq -r .api_secret <<<"$ACCOUNT")")
ORG_ID=$(json POST /api/v1/organisations 201 "$ACC_TOKEN" '{"name":"bench-org"}' | jq -er .id)
UNIT_ID=$(json POST "/api/v1/organisations/$ORG_ID/units" 201 "$ACC_TOKEN" '{"name":"bench-unit","billing_day":1}' | jq -er .id)
PRODUCT_ID=$(json POST "/api/v1/units/$UNIT_ID/products" 201 "$ACC_TOKEN" \
    '{"name":"bench","type":"DATA_MANAGER_STORAGE_SUBSCRIPTION","allowance":"1000000000000"}' | jq -er .id)
MERCHANT=$(json POST /api/v1/merchants 201 "$ROOT_TOKEN" '{"name":"bench-dm","kind":"DATA_MANAGER","api_hostname":"dm.example.com"}')
DM_TOKEN=$(token_for "$(jq -r .api_key <<<"$MERCHANT")" "$(jq -r .api_secret <<<"$MERCHANT")")
json POST "/api/v1/products/$PRODUCT_ID/reservations" 201 "$DM_TOKEN" '{"coins":"0.000001"}' >/dev/null

# run_wrk NAME CONNECTIONS THREADS wrk-args...: warm-up, then the measured run into $WORK/NAME.txt.
# __PHASE__ in the arguments becomes the thread-number offset (0 warm-up, THREADS measured).
run_wrk() {
    local name=$1 conns=$2 threads=$3; shift 3
    log "scenario $name: ${WARMUP}s warm-up + ${DURATION}s measured, $conns connections"
    if ((WARMUP > 0)); then
        timeout $((WARMUP + 30)) wrk -t"$threads" -c"$conns" -d"${WARMUP}s" "${@/__PHASE__/0}" </dev/null >"$WORK/$name.warmup.txt" 2>&1 || true
    fi
    timeout $((DURATION + 30)) wrk -t"$threads" -c"$conns" -d"${DURATION}s" --latency "${@/__PHASE__/$((threads * 1000))}" \
        </dev/null >"$WORK/$name.txt" 2>&1 || true
    cp "$WORK/$name.txt" "$RESULTS_DIR/last-$name.txt" 2>/dev/null || true
}

RESERVE_URL="$STEWARD/api/v1/products/$PRODUCT_ID/reservations"
run_wrk bare 64 "$THREADS" "$BARE/plaintext"
run_wrk reserve 64 "$THREADS" -s "$BENCH_DIR/reserve.lua" "$RESERVE_URL" -- "$DM_TOKEN"
run_wrk reserve1 1 1 -s "$BENCH_DIR/reserve.lua" "$RESERVE_URL" -- "$DM_TOKEN"
run_wrk charge1 64 "$THREADS" -s "$BENCH_DIR/charges.lua" "$STEWARD/api/v1/charges" -- __PHASE__ "$DM_TOKEN" "$PRODUCT_ID" 1 one-
run_wrk batch100 16 "$THREADS" -s "$BENCH_DIR/charges.lua" "$STEWARD/api/v1/charges" -- __PHASE__ "$DM_TOKEN" "$PRODUCT_ID" 100 hundred-

rps_of() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
p99_ms_of() {
    awk '$1 == "99%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
        if (u == "us") v = v / 1000; else if (u == "s") v = v * 1000; else if (u == "m") v = v * 60000
        printf "%.2f", v }' "$1"
}
non2xx_of() { awk '/Non-2xx or 3xx responses:/ {print $NF}' "$1"; }
sockerr_of() { awk '/Socket errors:/ { s = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { x = $i; sub(/,/, "", x); s += x } print s }' "$1"; }

ALL_PASS=1
ROWS=()
row() {
    local name=$1 label=$2 target=$3 check=$4
    local f="$WORK/$name.txt" rps p99 n2 se verdict note=""
    rps=$(rps_of "$f"); p99=$(p99_ms_of "$f"); n2=$(non2xx_of "$f"); se=$(sockerr_of "$f")
    n2=${n2:-0}; se=${se:-0}
    if [[ -z "$rps" || -z "$p99" ]]; then
        verdict=FAIL; note="wrk output unreadable (see $RESULTS_DIR/last-$name.txt)"; rps=-; p99=-
    elif ((n2 > 0 || se > 0)); then
        verdict=INVALID; note="$n2 non-2xx, $se socket errors"
    elif [[ "$check" == "-" ]]; then
        verdict=baseline
    elif awk -v rps="$rps" -v p99="$p99" "BEGIN { exit !($check) }"; then
        verdict=PASS
    else
        verdict=FAIL
    fi
    [[ $verdict == PASS || $verdict == baseline ]] || ALL_PASS=0
    ROWS+=("$(printf '%-42s %12s %9s  %-34s %-8s %s' "$label" "$rps" "${p99} ms" "$target" "$verdict" "$note")")
    eval "RPS_$name=\$rps"
}

row bare "bare Kestrel GET /plaintext (64 conn.)" "(baseline)" "-"
BARE_RPS=${RPS_bare:-0}
[[ $BARE_RPS == - ]] && BARE_RPS=0
MIN_RESERVE=$(awk -v b="$BARE_RPS" 'BEGIN { printf "%.0f", b * 0.5 }')
row reserve "POST …/reservations (64 conn.)" ">= $MIN_RESERVE req/s (50%), p99 < 5 ms" "rps >= 0.5 * $BARE_RPS && $BARE_RPS > 0 && p99 < 5"
row reserve1 "POST …/reservations (1 conn.)" "p99 < 1 ms" "p99 < 1"
row charge1 "POST /api/v1/charges, 1 line (64 conn.)" ">= 5000 req/s" "rps >= 5000"
row batch100 "POST /api/v1/charges, 100 lines (16 conn.)" ">= 500 req/s (50,000 lines/s)" "rps >= 500"

{
    echo
    echo "Steward spend-check and ingest benchmark"
    echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "commit:  $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "cpus:    $(nproc) ($(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo))"
    echo "dotnet:  $(dotnet --version 2>/dev/null || echo unknown); wrk $(wrk -v 2>&1 | awk 'NR==1 {print $2}')"
    echo "load:    wrk --latency, ${DURATION}s after a ${WARMUP}s warm-up; server and wrk share the machine; loopback"
    echo "storage: SQLite (fresh file), every reservation and line durable before its answer"
    echo
    printf '%-42s %12s %9s  %-34s %s\n' "scenario" "req/s" "p99" "target" "result"
    printf '%s\n' "${ROWS[@]}" | sed 's/ *$//'
    if [[ -n "${RPS_reserve:-}" && "${RPS_reserve}" != - && "$BARE_RPS" != 0 ]]; then
        echo
        awk -v a="$RPS_reserve" -v b="$BARE_RPS" 'BEGIN { printf "reservations / bare plaintext = %.1f%%\n", 100 * a / b }'
    fi
    if [[ -n "${RPS_batch100:-}" && "${RPS_batch100}" != - ]]; then
        awk -v a="$RPS_batch100" 'BEGIN { printf "ingest in batches of 100 = %.0f lines/s\n", 100 * a }'
    fi
    echo
    if ((ALL_PASS)); then echo "all targets met"; else echo "TARGETS MISSED (or a run had errors)"; fi
} | tee "$REPORT"
log "report saved to $REPORT"
((ALL_PASS)) && exit 0 || exit 1
