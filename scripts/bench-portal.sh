#!/usr/bin/env bash
# Server-side render times of the portal's overview and reports list on the database that
# scripts/seed-reports.sh filled (1,000,000 reports of one tenant).
#
#   scripts/bench-portal.sh [ITERATIONS] [RUNS]     default 100 requests per page, 3 runs
#   BENCH_WARMUP=N (default 10) requests per page first, not counted; BENCH_NO_BUILD=1 to use the last build.
#
# Starts the portal (Release) on loopback against backscatter_seed, logs in through the login form
# with the seeded owner and GETs each page one request at a time: the time is the whole prerendered
# HTML response (static server-side rendering of the page, its database queries included), from the
# request to the last byte. Prints p50/p95/p99 per page and the load average of the shared machine.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
ITERATIONS=${1:-100}
RUNS=${2:-3}
WARMUP=${BENCH_WARMUP:-10}
WORK="$ROOT/.local/bench-portal"
# shellcheck source=scripts/portal-host.sh
. scripts/portal-host.sh
say() { printf '[bench-portal] %s\n' "$*" >&2; }

pg -d "$SEED_DB" -c "SELECT 1 FROM users WHERE email = '$SEED_EMAIL'" | grep -q 1 || { say "no seeded database; run scripts/seed-reports.sh first"; exit 1; }
mkdir -p "$WORK/mail"
trap stop_portal EXIT
say "building Release"
build_portal
say "starting the portal on $SEED_DB"
start_portal "$WORK/mail" "$WORK/web.log"

# The busiest reflector, a rare one, a recipient and a Message-ID from the data, so that each filter finds something.
TOP_REFLECTOR=$(pg -d "$SEED_DB" -c "SELECT host(ip) FROM reflector_sightings GROUP BY ip ORDER BY sum(count) DESC LIMIT 1")
RARE_REFLECTOR=$(pg -d "$SEED_DB" -c "SELECT host(ip) FROM reflector_sightings GROUP BY ip ORDER BY sum(count), ip LIMIT 1")
RECIPIENT=$(pg -d "$SEED_DB" -c "SELECT bounced_to FROM reports WHERE bounced_to LIKE 'u%' ORDER BY received_at DESC LIMIT 1 OFFSET 5000")
MESSAGE_ID=$(pg -d "$SEED_DB" -c "SELECT original_message_id FROM reports ORDER BY received_at DESC LIMIT 1 OFFSET 20000")
enc() { python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"; }
PAGES=(
  "overview"
  "reports"
  "reports?page=100"
  "reports?kind=ChallengeResponse"
  "reports?verdict=Legitimate&reason=mailboxfull"
  "reports?reflector=$TOP_REFLECTOR"
  "reports?reflector=$RARE_REFLECTOR"
  "reports?q=$(enc "$RECIPIENT")"
  "reports?q=$(enc "$MESSAGE_ID")"
  "reports?q=$(enc "overdue #4711")"
)

echo "Portal render times, $(pg -d "$SEED_DB" -c "SELECT count(*) FROM reports") reports, $ITERATIONS requests per page after $WARMUP warm-up, $(nproc) cores"
for run in $(seq 1 "$RUNS"); do
  echo
  echo "run $run, $(date -u +%H:%M:%S) UTC, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  web_bench measure "http://127.0.0.1:$PORTAL_PORT/" "$SEED_EMAIL" "$SEED_PASSWORD" "$ITERATIONS" "$WARMUP" "${PAGES[@]}"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
done
