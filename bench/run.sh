#!/usr/bin/env bash
# Steward load benchmark. See bench/README.md.
#
#   bash bench/run.sh             # full run: bare Kestrel + Steward, prints the table
#   bash bench/run.sh --bare-only # only the bare Kestrel baseline (no Steward needed)
#
# Builds Release, starts Steward (fresh SQLite database) and a bare Kestrel app on
# loopback, drives both with wrk and prints req/s and p99 per scenario against the
# targets. Exits 0 when every target is met, 1 when one is missed or a run had errors,
# 2 when the set-up failed.
set -euo pipefail
shopt -s inherit_errexit

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)

# Knobs (environment).
DURATION=${BENCH_DURATION:-10}        # seconds measured per scenario
WARMUP=${BENCH_WARMUP:-3}             # seconds of warm-up per scenario (not reported)
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
STEWARD_PORT=${STEWARD_PORT:-5081}
BARE_PORT=${BARE_PORT:-5082}
ADMIN_KEY=${STEWARD_BOOTSTRAP_ADMIN_KEY:-bench-admin}
ADMIN_SECRET=${STEWARD_BOOTSTRAP_ADMIN_SECRET:-bench-admin-secret-0123456789abcdef0123456789abcdef}

BARE_ONLY=0
case "${1:-}" in
    --bare-only) BARE_ONLY=1 ;;
    "") ;;
    *) echo "usage: bash bench/run.sh [--bare-only]" >&2; exit 2 ;;
esac

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

STEWARD="http://127.0.0.1:$STEWARD_PORT"
BARE="http://127.0.0.1:$BARE_PORT"

WORK=$(mktemp -d /tmp/steward-bench.XXXXXX)
RESULTS_DIR="$BENCH_DIR/results"   # gitignored
mkdir -p "$RESULTS_DIR"
REPORT="$RESULTS_DIR/run-$(date -u +%Y%m%dT%H%M%SZ).txt"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

# --- cleanup: stop both servers whatever happens ----------------------------------------
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools ------------------------------------------------------------------------------
need_apt=()
command -v wrk >/dev/null 2>&1 || need_apt+=(wrk)
command -v jq >/dev/null 2>&1 || need_apt+=(jq)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
if ((${#need_apt[@]})); then
    log "installing ${need_apt[*]} via apt"
    [[ $(id -u) -eq 0 ]] || die "need root to apt-get install ${need_apt[*]}"
    export DEBIAN_FRONTEND=noninteractive
    timeout 600 apt-get update -qq </dev/null
    timeout 600 apt-get install -y -qq "${need_apt[@]}" </dev/null
fi

# --- build ------------------------------------------------------------------------------
log "publishing Release builds to $WORK"
timeout 900 dotnet publish "$BENCH_DIR/Bare/Bare.csproj" -c Release -o "$WORK/bare" --nologo -v quiet </dev/null \
    || die "publishing bench/Bare failed"
if ((!BARE_ONLY)); then
    [[ -d "$REPO_DIR/src/Steward.Server" ]] || die "src/Steward.Server not found"
    timeout 900 dotnet publish "$REPO_DIR/src/Steward.Server" -c Release -o "$WORK/steward" --nologo -v quiet </dev/null \
        || die "publishing src/Steward.Server failed"
fi

# --- start servers ----------------------------------------------------------------------
port_busy() { curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$1/" ; }
port_busy "$BARE_PORT" && die "port $BARE_PORT is already in use"
((BARE_ONLY)) || ! port_busy "$STEWARD_PORT" || die "port $STEWARD_PORT is already in use"

# wait_ok URL PID LOG: wait up to 60 s for URL to answer 200 while PID lives.
wait_ok() {
    local url=$1 pid=$2 logf=$3
    for _ in $(seq 1 120); do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "--- server log ($logf) ---" >&2; tail -n 40 "$logf" >&2 || true
            die "server for $url exited during start-up"
        fi
        [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" || true) == 200 ]] && return 0
        sleep 0.5
    done
    echo "--- server log ($logf) ---" >&2; tail -n 40 "$logf" >&2 || true
    die "$url did not answer 200 within 60 s"
}

log "starting bare Kestrel on $BARE"
(cd "$WORK" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    dotnet "$WORK/bare/Bare.dll" --urls "$BARE" </dev/null >"$WORK/bare.log" 2>&1) &
PIDS+=($!)
wait_ok "$BARE/plaintext" "${PIDS[-1]}" "$WORK/bare.log"

if ((!BARE_ONLY)); then
    # The token scenario is all one loopback address: the per-address sign-in rate limit is off, so that
    # it measures issuance rather than the limiter (export Steward__BruteForce__RequestsPerSecond to keep it).
    log "starting Steward on $STEWARD (SQLite at $WORK/db/steward.db)"
    mkdir -p "$WORK/db" "$WORK/run"
    (cd "$WORK/run" && exec env \
        ASPNETCORE_ENVIRONMENT=Production \
        Logging__LogLevel__Default=Warning \
        Steward__Storage__Provider=Sqlite \
        "Steward__Storage__ConnectionString=Data Source=$WORK/db/steward.db" \
        STEWARD_BOOTSTRAP_ADMIN_KEY="$ADMIN_KEY" \
        STEWARD_BOOTSTRAP_ADMIN_SECRET="$ADMIN_SECRET" \
        Steward__BruteForce__RequestsPerSecond="${Steward__BruteForce__RequestsPerSecond:-0}" \
        dotnet "$WORK/steward/Steward.Server.dll" --urls "$STEWARD" </dev/null >"$WORK/steward.log" 2>&1) &
    PIDS+=($!)
    wait_ok "$STEWARD/healthz" "${PIDS[-1]}" "$WORK/steward.log"
fi

# --- set-up data over HTTP --------------------------------------------------------------
# api METHOD PATH EXPECTED_STATUS [curl args...]: prints the body, dies unless the status
# is the expected one (a 201 where 200 was expected, or the other way round, is accepted).
api() {
    local method=$1 path=$2 expect=$3; shift 3
    local out status
    out=$(curl -s --max-time 10 -X "$method" -w '\n%{http_code}' "$@" "$STEWARD$path") \
        || die "$method $path: curl failed"
    status=${out##*$'\n'}
    out=${out%$'\n'*}
    if [[ "$status" != "$expect" && ! ( "$status" =~ ^20[01]$ && "$expect" =~ ^20[01]$ ) ]]; then
        printf '%s\n' "$out" >&2
        die "$method $path answered $status, expected $expect"
    fi
    printf '%s' "$out"
}
urlenc() { jq -rn --arg v "$1" '$v|@uri'; }
token_for() {
    local body
    body=$(api POST /oauth/token 200 \
        -H 'Content-Type: application/x-www-form-urlencoded' -H 'Accept: application/json' \
        --data "grant_type=client_credentials&client_id=$(urlenc "$1")&client_secret=$(urlenc "$2")")
    jq -er '.access_token' <<<"$body" || die "no access_token in token response: $body"
}

if ((!BARE_ONLY)); then
    log "setting up an account and an organisation"
    ROOT_TOKEN=$(token_for "$ADMIN_KEY" "$ADMIN_SECRET")
    ACCOUNT=$(api POST /api/v1/accounts 201 \
        -H "Authorization: Bearer $ROOT_TOKEN" -H 'Content-Type: application/json' \
        --data '{"name":"bench","email":"bench@example.com"}')
    ACC_KEY=$(jq -r '.api_key // .credential.api_key // .credentials[0].api_key // empty' <<<"$ACCOUNT")
    ACC_SECRET=$(jq -r '.api_secret // .credential.api_secret // .credentials[0].api_secret // empty' <<<"$ACCOUNT")
    [[ -n "$ACC_KEY" && -n "$ACC_SECRET" ]] || die "no api_key/api_secret in account response: $ACCOUNT"
    ACC_TOKEN=$(token_for "$ACC_KEY" "$ACC_SECRET")
    ORG=$(api POST /api/v1/organisations 201 \
        -H "Authorization: Bearer $ACC_TOKEN" -H 'Content-Type: application/json' \
        --data '{"name":"bench-org"}')
    ORG_ID=$(jq -er '.id' <<<"$ORG") || die "no id in organisation response: $ORG"
    api GET "/api/v1/organisations/$ORG_ID" 200 -H "Authorization: Bearer $ACC_TOKEN" >/dev/null
    TOKEN_FORM="grant_type=client_credentials&client_id=$(urlenc "$ACC_KEY")&client_secret=$(urlenc "$ACC_SECRET")"
fi

# --- load -------------------------------------------------------------------------------
# run_wrk NAME wrk-args...: warm-up run, then the measured run; leaves the output in
# $WORK/NAME.txt.
run_wrk() {
    local name=$1; shift
    log "scenario $name: ${WARMUP}s warm-up + ${DURATION}s measured, $CONNECTIONS connections, $THREADS threads"
    if ((WARMUP > 0)); then
        timeout $((WARMUP + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "${@/__PHASE__/0}" \
            </dev/null >"$WORK/$name.warmup.txt" 2>&1 || true
    fi
    timeout $((DURATION + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${@/__PHASE__/$THREADS}" \
        </dev/null >"$WORK/$name.txt" 2>&1 || true
    cp "$WORK/$name.txt" "$RESULTS_DIR/last-$name.txt" 2>/dev/null || true
}

# Parse helpers over a wrk output file.
rps_of() { awk '/^Requests\/sec:/ {print $2}' "$1"; }
p99_ms_of() {   # "99%    3.19ms" -> 3.19 (also us and s)
    awk '$1 == "99%" {
        v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
        if (u == "us") v = v / 1000; else if (u == "s") v = v * 1000; else if (u == "m") v = v * 60000
        printf "%.2f", v
    }' "$1"
}
non2xx_of() { awk '/Non-2xx or 3xx responses:/ {print $NF}' "$1"; }
sockerr_of() {  # "Socket errors: connect 0, read 0, write 0, timeout 0" -> sum
    awk '/Socket errors:/ { s = 0; for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) { x = $i; sub(/,/, "", x); s += x } print s }' "$1"
}

run_wrk bare "$BARE/plaintext"
if ((!BARE_ONLY)); then
    run_wrk org_get -H "Authorization: Bearer $ACC_TOKEN" "$STEWARD/api/v1/organisations/$ORG_ID"
    run_wrk token -s "$BENCH_DIR/token.lua" "$STEWARD/oauth/token" -- "$TOKEN_FORM"
    # __PHASE__ becomes the thread-number offset (0 for warm-up, THREADS when measured),
    # so the two runs never create the same username.
    run_wrk users -s "$BENCH_DIR/users.lua" "$STEWARD/api/v1/users" -- __PHASE__ "$ACC_TOKEN"
fi

# --- report -----------------------------------------------------------------------------
ALL_PASS=1
ROWS=()
# row NAME LABEL TARGET-TEXT CHECK: CHECK is an awk condition over rps and p99 (ms).
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
    ROWS+=("$(printf '%-36s %12s %9s  %-36s %-8s %s' "$label" "$rps" "${p99} ms" "$target" "$verdict" "$note")")
    eval "RPS_$name=\$rps"
}

row bare "bare Kestrel GET /plaintext" "(baseline)" "-"
if ((!BARE_ONLY)); then
    BARE_RPS=${RPS_bare:-0}
    [[ $BARE_RPS == - ]] && BARE_RPS=0
    MIN_GET=$(awk -v b="$BARE_RPS" 'BEGIN { printf "%.0f", b * 0.4 }')
    row org_get "GET /api/v1/organisations/{id}" ">= $MIN_GET req/s (40%), p99 < 10 ms" \
        "rps >= 0.4 * $BARE_RPS && $BARE_RPS > 0 && p99 < 10"
    row token "POST /oauth/token (client_cred.)" ">= 5000 req/s" "rps >= 5000"
    row users "POST /api/v1/users (SQLite)" ">= 1500 req/s" "rps >= 1500"
fi

CPU_MODEL=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo)
COMMIT=$(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)
{
    echo
    echo "Steward benchmark"
    echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "commit:  $COMMIT"
    echo "cpus:    $(nproc) ($CPU_MODEL)"
    echo "kernel:  $(uname -sr)"
    echo "dotnet:  $(dotnet --version 2>/dev/null || echo unknown); wrk $(wrk -v 2>&1 | awk 'NR==1 {print $2}')"
    echo "load:    wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency after a ${WARMUP}s warm-up; server and wrk share the machine; loopback"
    echo "storage: SQLite (fresh file)"
    echo
    printf '%-36s %12s %9s  %-36s %s\n' "scenario" "req/s" "p99" "target" "result"
    printf '%s\n' "${ROWS[@]}" | sed 's/ *$//'
    if ((!BARE_ONLY)) && [[ -n "${RPS_org_get:-}" && "${RPS_org_get}" != - && "$BARE_RPS" != 0 ]]; then
        echo
        awk -v a="$RPS_org_get" -v b="$BARE_RPS" 'BEGIN { printf "authorized GET / bare plaintext = %.1f%%\n", 100 * a / b }'
    fi
    echo
    if ((ALL_PASS)); then echo "all targets met"; else echo "TARGETS MISSED (or a run had errors)"; fi
} | tee "$REPORT"
log "report saved to $REPORT; raw wrk output in $RESULTS_DIR/last-*.txt"

((ALL_PASS)) && exit 0 || exit 1
