#!/usr/bin/env bash
# Password-flood benchmark: does a flood of wrong passwords starve everyone else? See bench/README.md.
#
#   bash bench/password-flood.sh
#
# Builds Release and, for each configuration below, starts Steward (fresh SQLite database), measures
# the median latency of the authorized read GET /api/v1/organisations/{id} alone (idle), then again
# while wrk floods POST /oauth/token grant_type=password with a wrong password from 2 connections,
# and prints idle vs flooded medians and their ratio. Configurations:
#   unbounded  password checks not bounded (PasswordConcurrency=64), no lockouts: the old behaviour
#   bounded    the default bound (one less than the cores), lockouts off: what the bound alone buys
#   defaults   everything at its default: the flood is locked out after 20 failures and answered 429
# Exits 0 when the "bounded" ratio is at most 2, 1 when it is not or a run failed, 2 when set-up failed.
set -euo pipefail
shopt -s inherit_errexit

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)

DURATION=${BENCH_DURATION:-10}         # seconds measured per phase
WARMUP=${BENCH_WARMUP:-3}              # seconds of warm-up before each measured phase
READ_CONNECTIONS=${BENCH_CONNECTIONS:-64}
READ_THREADS=${BENCH_THREADS:-2}
FLOOD_CONNECTIONS=${BENCH_FLOOD_CONNECTIONS:-2}
STEWARD_PORT=${STEWARD_PORT:-5081}
ADMIN_KEY=${STEWARD_BOOTSTRAP_ADMIN_KEY:-bench-admin}
ADMIN_SECRET=${STEWARD_BOOTSTRAP_ADMIN_SECRET:-bench-admin-secret-0123456789abcdef0123456789abcdef}
CONFIGS=${BENCH_CONFIGS:-"unbounded bounded defaults"}

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

STEWARD="http://127.0.0.1:$STEWARD_PORT"
WORK=$(mktemp -d /tmp/steward-flood.XXXXXX)
RESULTS_DIR="$BENCH_DIR/results"   # gitignored
mkdir -p "$RESULTS_DIR"
REPORT="$RESULTS_DIR/flood-$(date -u +%Y%m%dT%H%M%SZ).txt"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

SERVER_PID=""
stop_server() {
    [[ -n "$SERVER_PID" ]] || return 0
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in wrk jq curl; do command -v "$tool" >/dev/null 2>&1 || die "$tool is needed (bash bench/run.sh installs it)"; done

log "publishing a Release build to $WORK"
timeout 900 dotnet publish "$REPO_DIR/src/Steward.Server" -c Release -o "$WORK/steward" --nologo -v quiet </dev/null \
    || die "publishing src/Steward.Server failed"

curl -s -o /dev/null --max-time 1 "$STEWARD/" && die "port $STEWARD_PORT is already in use"

# api METHOD PATH EXPECTED_STATUS [curl args...]: prints the body, dies on another status (200/201 alike).
api() {
    local method=$1 path=$2 expect=$3; shift 3
    local out status
    out=$(curl -s --max-time 10 -X "$method" -w '\n%{http_code}' "$@" "$STEWARD$path") || die "$method $path: curl failed"
    status=${out##*$'\n'}; out=${out%$'\n'*}
    if [[ "$status" != "$expect" && ! ( "$status" =~ ^20[01]$ && "$expect" =~ ^20[01]$ ) ]]; then
        printf '%s\n' "$out" >&2; die "$method $path answered $status, expected $expect"
    fi
    printf '%s' "$out"
}
urlenc() { jq -rn --arg v "$1" '$v|@uri'; }
token_for() {
    api POST /oauth/token 200 -H 'Content-Type: application/x-www-form-urlencoded' \
        --data "grant_type=client_credentials&client_id=$(urlenc "$1")&client_secret=$(urlenc "$2")" | jq -er '.access_token'
}

# start_server NAME [Steward__… settings]: a fresh database, the settings given, waits for /healthz.
start_server() {
    local name=$1; shift
    mkdir -p "$WORK/$name/db" "$WORK/$name/run"
    (cd "$WORK/$name/run" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
        Steward__Storage__Provider=Sqlite "Steward__Storage__ConnectionString=Data Source=$WORK/$name/db/steward.db" \
        STEWARD_BOOTSTRAP_ADMIN_KEY="$ADMIN_KEY" STEWARD_BOOTSTRAP_ADMIN_SECRET="$ADMIN_SECRET" "$@" \
        dotnet "$WORK/steward/Steward.Server.dll" --urls "$STEWARD" </dev/null >"$WORK/$name/steward.log" 2>&1) &
    SERVER_PID=$!
    for _ in $(seq 1 120); do
        kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 40 "$WORK/$name/steward.log" >&2; die "Steward exited during start-up"; }
        [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$STEWARD/healthz" || true) == 200 ]] && return 0
        sleep 0.5
    done
    die "Steward did not answer /healthz within 60 s"
}

# median_ms FILE: wrk's "50%    1.23ms" in milliseconds.
median_ms() {
    awk '$1 == "50%" { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
        if (u == "us") v = v / 1000; else if (u == "s") v = v * 1000; printf "%.2f", v }' "$1"
}
count_of() { awk -v k="$2" '$0 ~ k {print $NF}' "$1"; }

# read_load NAME: the authorized read, measured with --latency after a warm-up.
read_load() {
    local name=$1
    timeout $((WARMUP + 30)) wrk -t"$READ_THREADS" -c"$READ_CONNECTIONS" -d"${WARMUP}s" \
        -H "Authorization: Bearer $ACC_TOKEN" "$STEWARD/api/v1/organisations/$ORG_ID" </dev/null >/dev/null 2>&1 || true
    timeout $((DURATION + 30)) wrk -t"$READ_THREADS" -c"$READ_CONNECTIONS" -d"${DURATION}s" --latency \
        -H "Authorization: Bearer $ACC_TOKEN" "$STEWARD/api/v1/organisations/$ORG_ID" </dev/null >"$WORK/$name.txt" 2>&1 || true
    cp "$WORK/$name.txt" "$RESULTS_DIR/last-flood-$name.txt" 2>/dev/null || true
}

ROWS=()
BOUNDED_OK=0
for config in $CONFIGS; do
    case "$config" in
        unbounded) settings=(Steward__BruteForce__PasswordConcurrency=64 Steward__BruteForce__FailuresPerName=0
                             Steward__BruteForce__FailuresPerAddress=0 Steward__BruteForce__RequestsPerSecond=0) ;;
        bounded)   settings=(Steward__BruteForce__FailuresPerName=0 Steward__BruteForce__FailuresPerAddress=0
                             Steward__BruteForce__RequestsPerSecond=0) ;;
        defaults)  settings=() ;;
        *) die "unknown configuration $config" ;;
    esac
    log "configuration $config: ${settings[*]:-(defaults)}"
    start_server "$config" "${settings[@]}"

    ROOT_TOKEN=$(token_for "$ADMIN_KEY" "$ADMIN_SECRET")
    ACCOUNT=$(api POST /api/v1/accounts 201 -H "Authorization: Bearer $ROOT_TOKEN" -H 'Content-Type: application/json' \
        --data '{"name":"bench","email":"bench@example.com"}')
    ACC_TOKEN=$(token_for "$(jq -r .api_key <<<"$ACCOUNT")" "$(jq -r .api_secret <<<"$ACCOUNT")")
    ORG=$(api POST /api/v1/organisations 201 -H "Authorization: Bearer $ACC_TOKEN" -H 'Content-Type: application/json' \
        --data '{"name":"bench-org","domain_name":"bench.example.com"}')
    ORG_ID=$(jq -er .id <<<"$ORG")
    api POST /api/v1/users 201 -H "Authorization: Bearer $ACC_TOKEN" -H 'Content-Type: application/json' \
        --data "{\"username\":\"victim\",\"organisation_id\":\"$ORG_ID\",\"password\":\"the-real-password\"}" >/dev/null

    log "  idle: the read alone"
    read_load "$config-idle"

    log "  flooded: the read while $FLOOD_CONNECTIONS connections send wrong passwords"
    timeout $((WARMUP + DURATION + 60)) wrk -t1 -c"$FLOOD_CONNECTIONS" -d"$((WARMUP + DURATION + 4))s" \
        -s "$BENCH_DIR/password.lua" "$STEWARD/oauth/token" -- "victim@bench.example.com" </dev/null >"$WORK/$config-flood.txt" 2>&1 &
    FLOOD_PID=$!
    sleep 1
    read_load "$config-flooded"
    wait "$FLOOD_PID" || true
    cp "$WORK/$config-flood.txt" "$RESULTS_DIR/last-flood-$config-wrk.txt" 2>/dev/null || true
    stop_server

    idle=$(median_ms "$WORK/$config-idle.txt"); flooded=$(median_ms "$WORK/$config-flooded.txt")
    flood_rps=$(awk '/^Requests\/sec:/ {print $2}' "$WORK/$config-flood.txt")
    flood_non2xx=$(count_of "$WORK/$config-flood.txt" "Non-2xx")
    if [[ -z "$idle" || -z "$flooded" ]]; then
        ROWS+=("$(printf '%-10s %10s %12s %7s %14s  %s' "$config" - - - - "wrk output unreadable (bench/results/last-flood-$config-*.txt)")")
        continue
    fi
    ratio=$(awk -v a="$flooded" -v b="$idle" 'BEGIN { printf "%.2f", a / b }')
    [[ $config == bounded ]] && awk -v r="$ratio" 'BEGIN { exit !(r <= 2) }' && BOUNDED_OK=1
    ROWS+=("$(printf '%-10s %8s ms %9s ms %7sx %9s req/s  (%s refused or wrong)' "$config" "$idle" "$flooded" "$ratio" "${flood_rps:-?}" "${flood_non2xx:-0}")")
done

{
    echo
    echo "Steward password-flood benchmark"
    echo "date:    $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
    echo "commit:  $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "cpus:    $(nproc) ($(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo))"
    echo "load:    read: wrk -t$READ_THREADS -c$READ_CONNECTIONS -d${DURATION}s --latency GET /api/v1/organisations/{id};"
    echo "         flood: wrk -t1 -c$FLOOD_CONNECTIONS POST /oauth/token grant_type=password, wrong password; loopback, one machine"
    echo
    printf '%-10s %11s %12s %8s %15s\n' "config" "idle p50" "flooded p50" "ratio" "flood rate"
    printf '%s\n' "${ROWS[@]}"
    echo
    if ((BOUNDED_OK)); then echo "bounded: the read's median stays within 2x under the flood"; else echo "bounded: RATIO ABOVE 2 (or not measured)"; fi
} | tee "$REPORT"
log "report saved to $REPORT"
((BOUNDED_OK)) && exit 0 || exit 1
