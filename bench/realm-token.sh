#!/usr/bin/env bash
# Realm token benchmark: RS256 client_credentials issuance at
# POST /realms/{realm}/protocol/openid-connect/token, against the bare Kestrel baseline.
#
#   bash bench/realm-token.sh
#
# Builds Release, starts Steward (fresh SQLite database) and bench/Bare on loopback as
# bench/run.sh does, makes an account (the realm) and drives the token endpoint with wrk,
# using the account's API key and secret as client_id and client_secret. Prints req/s and
# p99 and checks the target (issue 7: >= 2,500 tokens/s on 2 cores). Exits 0 when it is met,
# 1 when missed or a run had errors, 2 when the set-up failed. Knobs as bench/run.sh:
# BENCH_DURATION, BENCH_WARMUP, BENCH_CONNECTIONS, BENCH_THREADS, STEWARD_PORT, BARE_PORT.
set -euo pipefail
shopt -s inherit_errexit

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$BENCH_DIR/.." && pwd)

DURATION=${BENCH_DURATION:-10}
WARMUP=${BENCH_WARMUP:-3}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
STEWARD_PORT=${STEWARD_PORT:-5083}
BARE_PORT=${BARE_PORT:-5084}
TARGET=${BENCH_REALM_TOKEN_TARGET:-2500}
ADMIN_KEY=bench-admin
ADMIN_SECRET=bench-admin-secret-0123456789abcdef0123456789abcdef
REALM=bench-realm

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
STEWARD="http://127.0.0.1:$STEWARD_PORT"
BARE="http://127.0.0.1:$BARE_PORT"
WORK=$(mktemp -d /tmp/steward-realm-bench.XXXXXX)
RESULTS_DIR="$BENCH_DIR/results"   # gitignored
mkdir -p "$RESULTS_DIR"

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

for tool in wrk jq curl; do command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed (bench/run.sh installs it)"; done

log "publishing Release builds to $WORK"
timeout 900 dotnet publish "$BENCH_DIR/Bare/Bare.csproj" -c Release -o "$WORK/bare" --nologo -v quiet </dev/null \
    || die "publishing bench/Bare failed"
timeout 900 dotnet publish "$REPO_DIR/src/Steward.Server" -c Release -o "$WORK/steward" --nologo -v quiet </dev/null \
    || die "publishing src/Steward.Server failed"

wait_ok() {   # URL PID LOG
    for _ in $(seq 1 120); do
        kill -0 "$2" 2>/dev/null || { tail -n 40 "$3" >&2 || true; die "server for $1 exited during start-up"; }
        [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" || true) == 200 ]] && return 0
        sleep 0.5
    done
    tail -n 40 "$3" >&2 || true
    die "$1 did not answer 200 within 60 s"
}

log "starting bare Kestrel on $BARE"
(cd "$WORK" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    dotnet "$WORK/bare/Bare.dll" --urls "$BARE" </dev/null >"$WORK/bare.log" 2>&1) &
PIDS+=($!)
wait_ok "$BARE/plaintext" "${PIDS[-1]}" "$WORK/bare.log"

# One loopback address: the per-address sign-in rate limit is off, so that this measures issuance.
log "starting Steward on $STEWARD"
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

urlenc() { jq -rn --arg v "$1" '$v|@uri'; }
post_form() {   # PATH BODY: prints the JSON body, dies unless 200
    local out
    out=$(curl -s --max-time 10 -w '\n%{http_code}' -H 'Content-Type: application/x-www-form-urlencoded' --data "$2" "$STEWARD$1") || die "POST $1 failed"
    [[ ${out##*$'\n'} == 200 ]] || die "POST $1 answered ${out##*$'\n'}: ${out%$'\n'*}"
    printf '%s' "${out%$'\n'*}"
}

log "setting up the realm $REALM"
ROOT_TOKEN=$(post_form /oauth/token "grant_type=client_credentials&client_id=$ADMIN_KEY&client_secret=$ADMIN_SECRET" | jq -er .access_token)
ACCOUNT=$(curl -s --max-time 10 -H "Authorization: Bearer $ROOT_TOKEN" -H 'Content-Type: application/json' \
    --data "{\"name\":\"bench realm\",\"email\":\"bench@example.com\",\"slug\":\"$REALM\"}" "$STEWARD/api/v1/accounts")
KEY=$(jq -er .api_key <<<"$ACCOUNT") || die "no api_key in account response: $ACCOUNT"
SECRET=$(jq -er .api_secret <<<"$ACCOUNT") || die "no api_secret in account response: $ACCOUNT"
FORM="grant_type=client_credentials&client_id=$(urlenc "$KEY")&client_secret=$(urlenc "$SECRET")"
TOKEN_URL="$STEWARD/realms/$REALM/protocol/openid-connect/token"
post_form "/realms/$REALM/protocol/openid-connect/token" "$FORM" | jq -er .access_token >/dev/null || die "no access_token from the realm"

run_wrk() {   # NAME wrk-args...
    local name=$1; shift
    log "scenario $name: ${WARMUP}s warm-up + ${DURATION}s measured, $CONNECTIONS connections, $THREADS threads"
    if ((WARMUP > 0)); then
        timeout $((WARMUP + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$@" </dev/null >/dev/null 2>&1 || true
    fi
    timeout $((DURATION + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@" </dev/null >"$WORK/$name.txt" 2>&1 || true
    cp "$WORK/$name.txt" "$RESULTS_DIR/last-$name.txt" 2>/dev/null || true
}
run_wrk bare "$BARE/plaintext"
run_wrk realm_token -s "$BENCH_DIR/token.lua" "$TOKEN_URL" -- "$FORM"

rps_of() { awk '/^Requests\/sec:/ {print $2}' "$WORK/$1.txt"; }
p99_of() { awk '$1 == "99%" {print $2}' "$WORK/$1.txt"; }
errors_of() { awk '/Non-2xx or 3xx responses:/ {n += $NF} /Socket errors:/ {for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) {x = $i; sub(/,/, "", x); n += x}} END {print n + 0}' "$WORK/$1.txt"; }

BARE_RPS=$(rps_of bare); TOKEN_RPS=$(rps_of realm_token)
[[ -n "$BARE_RPS" && -n "$TOKEN_RPS" ]] || die "wrk output unreadable (see $RESULTS_DIR/last-*.txt)"
VERDICT=PASS
(($(errors_of realm_token) == 0)) || VERDICT=INVALID
[[ $VERDICT == PASS ]] && ! awk -v r="$TOKEN_RPS" -v t="$TARGET" 'BEGIN { exit !(r >= t) }' && VERDICT=FAIL
{
    echo
    echo "Steward realm token benchmark ($(date -u '+%Y-%m-%d %H:%M:%S UTC'), $(nproc) cpus, commit $(git -C "$REPO_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown))"
    printf '%-44s %12s %10s  %s\n' "scenario" "req/s" "p99" "target"
    printf '%-44s %12s %10s  %s\n' "bare Kestrel GET /plaintext" "$BARE_RPS" "$(p99_of bare)" "(baseline)"
    printf '%-44s %12s %10s  %s\n' "POST /realms/{realm}/.../token (RS256 c.c.)" "$TOKEN_RPS" "$(p99_of realm_token)" ">= $TARGET req/s: $VERDICT"
    awk -v a="$TOKEN_RPS" -v b="$BARE_RPS" 'BEGIN { printf "realm token / bare plaintext = %.1f%%\n", 100 * a / b }'
} | tee "$RESULTS_DIR/realm-token-$(date -u +%Y%m%dT%H%M%SZ).txt"
[[ $VERDICT == PASS ]]
