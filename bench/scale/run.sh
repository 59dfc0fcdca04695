#!/usr/bin/env bash
# Memory and reads at scale: 1,000,000 users in 10,000 organisations (see bench/README.md).
#   bash bench/scale/run.sh                 # defaults: 10000 organisations, 1000000 users
#   ORGS=1000 USERS=100000 bash bench/scale/run.sh
# Publishes Release, seeds a fresh SQLite database straight into its tables (seed.py), starts
# Steward on it and drives random authorized reads of organisations and users with wrk while
# sampling the server's resident memory (VmRSS). Prints RSS after start, after each phase and the
# peak, with req/s of each phase. Bounded in time; loopback only.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd); REPO=$(cd "$BENCH_DIR/.." && pwd)
ORGS=${ORGS:-10000}; USERS=${USERS:-1000000}; PORT=${STEWARD_PORT:-5085}; DURATION=${BENCH_DURATION:-30}
W=$(mktemp -d /tmp/steward-scale.XXXXXX); trap 'kill $PID 2>/dev/null || true; rm -rf "$W"' EXIT
KEY=scale-admin; SECRET=scale-admin-secret-0123456789abcdef0123456789abcdef
dotnet publish "$REPO/src/Steward.Server" -c Release -o "$W/steward" --nologo -v quiet </dev/null >/dev/null
start() {
  (cd "$W" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning \
    Steward__Storage__Provider=Sqlite "Steward__Storage__ConnectionString=Data Source=$W/steward.db" \
    STEWARD_BOOTSTRAP_ADMIN_KEY=$KEY STEWARD_BOOTSTRAP_ADMIN_SECRET=$SECRET \
    dotnet "$W/steward/Steward.Server.dll" --urls "http://127.0.0.1:$PORT" </dev/null >>"$W/log" 2>&1) &
  PID=$!
  for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return; sleep 0.5; done
  tail -20 "$W/log"; exit 2
}
rss() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$(pgrep -P $PID -f Steward.Server.dll || echo $PID)/status" 2>/dev/null || awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$PID/status; }
token() { curl -s -X POST "http://127.0.0.1:$PORT/oauth/token" -d grant_type=client_credentials -d "client_id=$1" -d "client_secret=$2" | jq -r .access_token; }
start
ROOT=$(token $KEY $SECRET)
ACC=$(curl -s -X POST "http://127.0.0.1:$PORT/api/v1/accounts" -H "Authorization: Bearer $ROOT" -H 'Content-Type: application/json' -d '{"name":"Scale","email":"scale@example.com"}')
kill $PID; wait $PID 2>/dev/null || true
echo "seeding $ORGS organisations and $USERS users..."
python3 "$BENCH_DIR/scale/seed.py" "$W/steward.db" "$(echo "$ACC" | jq -r .id)" "$ORGS" "$USERS"
start
TOKEN=$(token "$(echo "$ACC" | jq -r .api_key)" "$(echo "$ACC" | jq -r .api_secret)")
echo "date: $(date -u '+%F %T') UTC; commit: $(git -C "$REPO" rev-parse --short HEAD); $ORGS organisations, $USERS users"
echo "RSS after start: $(rss)"
PEAK=0
sample() { while kill -0 $PID 2>/dev/null; do v=$(awk '/VmRSS/ {print int($2/1024)}' /proc/$PID/status 2>/dev/null || echo 0); [ "$v" -gt "$PEAK" ] && PEAK=$v && echo $PEAK > "$W/peak"; sleep 1; done; }
sample & SAMPLER=$!
for phase in "organisations:/api/v1/organisations/:$W/steward.db.org-ids" "users:/api/v1/users/:$W/steward.db.user-ids" "organisations:/api/v1/organisations/:$W/steward.db.org-ids"; do
  IFS=: read -r name prefix ids <<<"$phase"
  out=$(wrk -t2 -c64 -d${DURATION}s --latency -s "$BENCH_DIR/scale/random-get.lua" "http://127.0.0.1:$PORT" -- "$ids" "$prefix" "$TOKEN")
  echo "random GET $name: $(echo "$out" | awk '/Requests\/sec/ {print $2}') req/s, p99 $(echo "$out" | awk '/ 99%/ {print $2}'), non-2xx: $(echo "$out" | awk '/Non-2xx/ {print $NF}' | head -1), RSS now $(rss)"
done
kill $SAMPLER 2>/dev/null || true
echo "RSS peak: $(cat "$W/peak" 2>/dev/null || echo '?') MB"
