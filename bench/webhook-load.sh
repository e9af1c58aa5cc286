#!/usr/bin/env bash
# Load test of the admission webhook on loopback over TLS with keep-alive (wrk + bench/webhook-load.lua).
#
#   bench/webhook-load.sh                  # starts `imagegate serve` itself (needs the CLI built, see IMAGEGATE)
#   URL=https://127.0.0.1:8443 bench/webhook-load.sh   # against a webhook that is already running on loopback
#
# Steps the connection count up (CONNECTIONS, default "1 4 16 64"), each for DURATION seconds (default 10), and
# reports p50/p99/max latency and reviews/s per step. "Max sustainable" = the highest rate whose p99 stays below
# P99_BUDGET_MS (default 1000) with no errors. Bounded: every step is time-limited, the whole run by MAX_SECONDS.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10}
CONNECTIONS=${CONNECTIONS:-"1 4 16 64"}
THREADS=${THREADS:-2}
P99_BUDGET_MS=${P99_BUDGET_MS:-1000}
MAX_SECONDS=${MAX_SECONDS:-300}
REVIEW_PATH=${REVIEW_PATH:-/validate}
IMAGE=${IMAGE:-ghcr.io/acme/web:1.0}
POLICIES=${POLICIES:-}
IMAGEGATE=${IMAGEGATE:-cli/target/imagegate.jar}
PORT=${PORT:-18443}

if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian)" >&2
  apt-get install -y wrk >/dev/null
fi

work=$(mktemp -d)
server_pid=""
cleanup() {
  if [[ -n $server_pid ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -z ${URL:-} ]]; then
  . bin/jdk.sh
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
    -addext subjectAltName=IP:127.0.0.1,DNS:localhost -keyout "$work/tls.key" -out "$work/tls.crt" 2>/dev/null
  [[ -n $POLICIES && -e $POLICIES ]] || { echo "set POLICIES to a policy file or directory" >&2; exit 2; }
  [[ -f $IMAGEGATE ]] || { echo "build the CLI first (./mvnw -pl cli package) or set URL" >&2; exit 2; }
  "$JAVA_HOME/bin/java" -jar "$IMAGEGATE" serve --policies "$POLICIES" --bind-address 127.0.0.1 --port "$PORT" \
    --tls-cert "$work/tls.crt" --tls-key "$work/tls.key" --log-level warn >"$work/server.log" 2>&1 &
  server_pid=$!
  URL=https://127.0.0.1:$PORT
  for _ in $(seq 1 60); do
    curl -ksf "$URL/readyz" >/dev/null && break
    sleep 1
  done
  curl -ksf "$URL/readyz" >/dev/null || { echo "webhook not ready; log:" >&2; cat "$work/server.log" >&2; exit 1; }
fi

case $URL in
  https://127.0.0.1:*|https://localhost:*|https://\[::1\]:*) ;;
  *) echo "refusing to load anything but loopback: $URL" >&2; exit 2 ;;
esac

cat >"$work/review.json" <<JSON
{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"__UID__",
 "kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},
 "namespace":"default","operation":"CREATE","userInfo":{"username":"bench"},"dryRun":false,
 "object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"bench","namespace":"default"},
  "spec":{"containers":[{"name":"app","image":"$IMAGE"}]}}}}
JSON

export REVIEW_FILE=$work/review.json REVIEW_PATH
best_rps=0
start=$SECONDS
printf '%-12s %-10s %-10s %-10s %-10s %s\n' connections rps p50_ms p99_ms max_ms errors
for c in $CONNECTIONS; do
  (( SECONDS - start + DURATION <= MAX_SECONDS )) || { echo "time budget reached" >&2; break; }
  t=$(( c < THREADS ? c : THREADS ))
  line=$(timeout $((DURATION + 30)) wrk --latency -t"$t" -c"$c" -d"${DURATION}s" --timeout 15s \
    -s bench/webhook-load.lua "$URL" | grep '^RESULT')
  eval "${line#RESULT }"
  errs=$((non2xx + errors))
  printf '%-12s %-10s %-10s %-10s %-10s %s\n' "$c" "$rps" "$p50_ms" "$p99_ms" "$max_ms" "$errs"
  if (( errs == 0 )) && awk -v p="$p99_ms" -v b="$P99_BUDGET_MS" 'BEGIN{exit !(p < b)}'; then
    best_rps=$(awk -v a="$best_rps" -v b="$rps" 'BEGIN{print (b > a) ? b : a}')
  fi
done
echo "max sustainable: ${best_rps} reviews/s (p99 < ${P99_BUDGET_MS} ms, no errors, $REVIEW_PATH, image $IMAGE)"
