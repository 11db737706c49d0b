#!/usr/bin/env bash
# SMTP ingest throughput against postfix's smtp-sink (a receiver that only discards), in the same
# run, then the time until every accepted message is classified in PostgreSQL.
#
#   scripts/bench-smtp.sh [MESSAGES]      default 20000 per run
#   BENCH_WARMUP=N (default 1000) messages first, not counted; BENCH_NO_BUILD=1 to use the last build;
#   BENCH_SESSIONS="10 50" the session counts to run.
#   BENCH_NAME=bench (default): the database is backscatter_$BENCH_NAME and the host's queues and
#   exchanges get that prefix; BENCH_PORT=2526 (default): SMTP on it, smtp-sink on +1, HTTP on +3566.
#   Two runs with different names and ports can share the services.
#   BENCH_PERF=SECONDS: perf record (call graphs, perf map enabled in the host) of the Ingest process for
#   that long from the last 250 (classification catching up), into .local/bench-smtp-$NAME/perf-<sessions>.data.
#   BENCH_HOLD=00:00:05: Ingest:ClassificationHold, how long classification may give way to acceptance
#   (default: the host's, 0 since docs/adr/0023).
#   BENCH_ACCEPT_ONLY=1: acceptance alone. The host gets an unreachable RabbitMQ port, so nothing is
#   announced or classified and the CPU per message is that of the SMTP sessions and the inbox (the
#   failed announcements cost a little: a publish that times out per 15 s); no end-to-end figures.
#   BENCH_OUTAGE=1: a broker outage during the burst, then its end. Acceptance as BENCH_ACCEPT_ONLY (nothing
#   announced), then the host restarts with the bus on the same database and the script times how long
#   the sweeper (its production interval, Ingest:SweepAfter 1 s) takes until every report is classified.
#   BENCH_DUPLICATE_WINDOW=00:00:00 (default, off: every message is the same bounce); 01:00:00 turns
#   duplicate detection on as in production, where every copy after the first is then only counted.
#   BENCH_SINK_RUNS=3: smtp-sink runs per session count; the fastest is the reference (its rate varies).
#   BENCH_REUSE=1: smtp-source keeps each connection for the next message (-d), as a forwarding MTA
#   with a backlog does (Postfix's connection cache on demand); the default is a connection per message.
#   CPU_WAKE_LATENCY_US=0: hold /dev/cpu_dma_latency at that value for the run (root only), so that idle
#   vCPUs poll instead of halting (scripts/hold-cpu-wake-latency.sh; a host setting, not the product's).
#   BENCH_LOG_LEVEL=Information (default, as in production: one line per SMTP session); Warning to
#   leave the session lines out.
#
# Loopback only; every loop is bounded. Starts its own Ingest host (Release build) on port 2526
# against a fresh database (backscatter_bench by default); leaves the shared services running. Duplicate
# detection is off for the run (the same bounce is sent every time, and each must be stored).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
MESSAGES=${1:-20000}
WARMUP=${BENCH_WARMUP:-1000}
NAME=${BENCH_NAME:-bench}
INGEST_PORT=${BENCH_PORT:-2526}
SINK_PORT=$((INGEST_PORT + 1))
HTTP_PORT=$((INGEST_PORT + 3566))
DB="backscatter_$NAME"
WORK="$ROOT/.local/bench-smtp-$NAME"
mkdir -p "$WORK"

say() { printf '[bench-smtp] %s\n' "$*" >&2; }

if ! command -v smtp-source >/dev/null || ! command -v smtp-sink >/dev/null; then
  say "installing postfix (for smtp-source and smtp-sink; its own service is not started)"
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postfix >/dev/null
  rm -f /usr/sbin/policy-rc.d
fi
SMTP_SOURCE=$(command -v smtp-source || echo /usr/sbin/smtp-source)
SMTP_SINK=$(command -v smtp-sink || echo /usr/sbin/smtp-sink)

# The services must already run (scripts/services.sh up); this script never starts or stops them,
# so it can run on a machine where others share them.
eval "$(scripts/services.sh env ingest)"
HOST_LOGIN="$ConnectionStrings__Backscatter"
PSQL_ADMIN="$ConnectionStrings__BackscatterMigrations"
pg() { PGPASSWORD=${BACKSCATTER_PG_PASSWORD:-backscatter} psql -h 127.0.0.1 -p "${BACKSCATTER_PG_PORT:-55432}" -U "${BACKSCATTER_PG_USER:-backscatter}" -qtA "$@"; }
pg -d backscatter -c "SELECT 1" >/dev/null || { say "PostgreSQL is not reachable; start it with scripts/services.sh up"; exit 1; }
# An autovacuum worker of the last run's inserts may still hold the database (FORCE cannot end it): retry.
for _ in $(seq 1 30); do pg -d backscatter -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 && break; sleep 1; done
pg -d backscatter -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null
pg -d backscatter -c "CREATE DATABASE $DB" >/dev/null
# The Ingest as its own login, as in production; the schema owner migrates the fresh database at start.
export ConnectionStrings__Backscatter="${HOST_LOGIN/Database=backscatter;/Database=$DB;}"
export ConnectionStrings__BackscatterMigrations="${PSQL_ADMIN/Database=backscatter;/Database=$DB;}"

# The same 4 KB bounce every time: a real Postfix DSN from the corpus, padded with a header.
BOUNCE="$WORK/bounce-4k.eml"
{
  tr -d '\r' < ../shared/corpus/sisimai/maildir/bsd/lhost-postfix-04.eml | sed 's/$/\r/'
} > "$WORK/base.eml"
pad=$((4096 - $(stat -c %s "$WORK/base.eml") - 12))
{ printf 'X-Padding: %s\r\n' "$(head -c $((pad > 0 ? pad : 0)) /dev/zero | tr '\0' 'x')"; cat "$WORK/base.eml"; } > "$BOUNCE"
say "message: $(stat -c %s "$BOUNCE") bytes"

say "building Release"
[ -n "${BENCH_NO_BUILD:-}" ] || dotnet build src/Ingest -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null

# The host runs with the environment its container image carries (ContainerEnvironmentVariable items
# in src/Ingest's project, e.g. DOTNET_ReadyToRun=0, docs/adr/0028); a variable already set here wins,
# so that DOTNET_ReadyToRun=1 scripts/bench-smtp.sh measures the framework's precompiled code.
while IFS='=' read -r key value; do
  [ -n "$key" ] || continue
  if [ -z "${!key+set}" ]; then export "$key=$value"; say "image environment: $key=$value"; fi
done < <(dotnet msbuild src/Ingest -getItem:ContainerEnvironmentVariable 2>/dev/null | awk -F'"' '/"Identity":/ { k = $4 } /"Value":/ { print k "=" $4 }')

INGEST_PID=""
SINK_PID=""
WAKE_PID=""
cleanup() {
  # Wait for the host to end: a next run that starts while it still shuts down would find its health
  # endpoint answering "ready" before the new host has migrated the new database.
  if [ -n "$INGEST_PID" ] && kill "$INGEST_PID" 2>/dev/null; then
    for _ in $(seq 1 100); do kill -0 "$INGEST_PID" 2>/dev/null || break; sleep 0.1; done
  fi
  [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null || true
  [ -z "${POLL_PID:-}" ] || kill "$POLL_PID" 2>/dev/null || true
  [ -z "$WAKE_PID" ] || kill "$WAKE_PID" 2>/dev/null || true
}
trap cleanup EXIT

if [ -n "${CPU_WAKE_LATENCY_US:-}" ]; then
  scripts/hold-cpu-wake-latency.sh "$CPU_WAKE_LATENCY_US" &
  WAKE_PID=$!
  sleep 0.2
  kill -0 "$WAKE_PID" 2>/dev/null || { say "could not hold /dev/cpu_dma_latency (root only)"; exit 1; }
  say "idle CPUs held at a wake-up latency of $CPU_WAKE_LATENCY_US µs for the run"
fi

say "starting smtp-sink on 127.0.0.1:$SINK_PORT"
# As root smtp-sink refuses to start without -u (it drops to that user after binding); before this
# check it never ran, and smtp-source's one second of "Connection refused" passed for its rate.
SINK_USER=()
[ "$(id -u)" != 0 ] || SINK_USER=(-u nobody)
"$SMTP_SINK" "${SINK_USER[@]}" "127.0.0.1:$SINK_PORT" 256 > "$WORK/sink.log" 2>&1 &
SINK_PID=$!
sleep 0.5
kill -0 "$SINK_PID" 2>/dev/null || { cat "$WORK/sink.log"; say "smtp-sink did not start"; exit 1; }

say "starting Ingest (Release) with SMTP on 127.0.0.1:$INGEST_PORT"
OUTAGE=${BENCH_OUTAGE:-}
ACCEPT_ONLY=${BENCH_ACCEPT_ONLY:-$OUTAGE}
start_ingest() { # bus port, MassTransit log level
  (cd src/Ingest && if [ -n "${BENCH_HOLD:-}" ]; then export Ingest__ClassificationHold=$BENCH_HOLD; fi && DOTNET_PerfMapEnabled=${BENCH_PERF:+1} DOTNET_EnableWriteXorExecute=${BENCH_PERF:+0} \
    ASPNETCORE_ENVIRONMENT=Development RabbitMq__Port=$1 Logging__LogLevel__MassTransit=$2 Smtp__Port=$INGEST_PORT Urls="http://127.0.0.1:$HTTP_PORT" \
    RabbitMq__EndpointPrefix=$NAME RabbitMq__TopologyPrefix=$NAME Ingest__CreateDemoTenant=false Ingest__DuplicateWindow=${BENCH_DUPLICATE_WINDOW:-00:00:00} Logging__LogLevel__Default=${BENCH_LOG_LEVEL:-Information} \
    exec dotnet bin/Release/net10.0/Backscatter.Ingest.dll) >> "$WORK/ingest.log" 2>&1 &
  INGEST_PID=$!
}
: > "$WORK/ingest.log"
if [ -z "$ACCEPT_ONLY" ]; then start_ingest "$RabbitMq__Port" Information; else start_ingest 1 None; fi
# Up to 4 minutes: on a loaded machine the host takes long to start.
ready() { # without the bus (accept only): the database and its schema are enough
  if [ -z "$ACCEPT_ONLY" ]; then curl -fsS -o /dev/null "http://127.0.0.1:$HTTP_PORT/health/ready" 2>/dev/null
  else curl -sS "http://127.0.0.1:$HTTP_PORT/health/ready" 2>/dev/null | tr -d ' \n' | grep -q '"database-schema":{"status":"Healthy"'; fi
}
for _ in $(seq 1 480); do ready && break; sleep 0.5; done
ready || { tail -n 30 "$WORK/ingest.log"; say "Ingest did not become ready"; exit 1; }
pg -d "$DB" -c "INSERT INTO tenants (id, name, created_at) VALUES ('00000000-0000-7000-8000-000000000001', 'Bench', now());
  INSERT INTO ingest_addresses (id, tenant_id, address, created_at) VALUES (gen_random_uuid(), '00000000-0000-7000-8000-000000000001', 'bench@in.backscatter.test', now());" >/dev/null

# smtp-source against both receivers alike: -s sessions in parallel, -m messages in all, -F file,
# -f sender, -t recipient; without -d every message has a connection of its own (HELO, MAIL, RCPT,
# DATA, QUIT), as a forwarding MTA without connection caching sends it.
run_source() { # port sessions; prints start, end and smtp-source's CPU in ms
  local start end TIMEFORMAT='%U %S' times
  start=$(date +%s.%N)
  times=$( { time "$SMTP_SOURCE" ${BENCH_REUSE:+-d} -s "$2" -m "$MESSAGES" -F "$BOUNCE" -f "mailer-daemon@mx.example.net" -t bench@in.backscatter.test "127.0.0.1:$1" 2>"$WORK/source-$1-$2.err" || true; } 2>&1 )
  end=$(date +%s.%N)
  # A receiver that is not there must not pass for a fast one.
  if grep -q fatal "$WORK/source-$1-$2.err"; then head -n 3 "$WORK/source-$1-$2.err" >&2; say "smtp-source failed against port $1"; exit 1; fi
  echo "$start $end $(awk '{ print ($1 + $2) * 1000 }' <<<"$times")"
}

CONNECTIONS="a connection per message"
[ -z "${BENCH_REUSE:-}" ] || CONNECTIONS="connections reused (smtp-source -d)"

rate() { awk -v n="$1" -v s="$2" -v e="$3" 'BEGIN { printf "%.0f", n / (e - s) }'; }
# CPU the Ingest process used so far, in milliseconds: on a shared machine a steadier figure than the rates.
ingest_cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) * 1000 / hz }' "/proc/$INGEST_PID/stat"; }
# PostgreSQL: the backends connected to the bench database (others' databases share the server).
# RabbitMQ: the whole broker, shared with whatever else runs on the machine (an upper bound).
cpu_ms_of() { # pid...
  local hz total=0 pid
  hz=$(getconf CLK_TCK)
  for pid in "$@"; do
    total=$(awk -v t="$total" -v hz="$hz" '{ sub(/^.*\) /, ""); print t + ($12 + $13) * 1000 / hz; exit }' "/proc/$pid/stat" 2>/dev/null || echo "$total")
  done
  echo "$total"
}
bench_backends() { for pid in $(pgrep -f "postgres: .* $DB " || true); do echo "$pid"; done; }
# Snapshot: "pid cpu_ms" per bench backend, so that connections opened during a run count from 0.
pg_snapshot() { local pid; for pid in $(bench_backends); do echo "$pid $(cpu_ms_of "$pid")"; done; }
pg_cpu_since() { # snapshot-file
  local now total=0 pid cpu before
  while read -r pid cpu; do
    before=$(awk -v p="$pid" '$1 == p { print $2 }' "$1")
    total=$(awk -v t="$total" -v c="$cpu" -v b="${before:-0}" 'BEGIN { print t + c - b }')
  done < <(pg_snapshot)
  echo "$total"
}
# The whole machine's busy share of both cores since a snapshot of /proc/stat's first line (idle and
# iowait count as not busy): whether a phase was short of CPU or waited on something else.
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat; }
busy_since() { # "busy idle" snapshot
  local now; now=$(machine_ticks)
  awk -v a="$1" -v b="$now" 'BEGIN { split(a, x, " "); split(b, y, " "); busy = y[1] - x[1]; idle = y[2] - x[2]; printf "%.0f%%", 100 * busy / (busy + idle) }'
}
beam_cpu_ms() { cpu_ms_of $(pgrep -x beam.smp || true); }
# One number from a query, into $answer, through one psql session kept open for the run: a psql
# started ten times a second (each with a backend of its own) took 15 % of the machine while the
# pipeline was classifying (perf, 2026-11-27), and slowed what it measured.
session_query() {
  if [ -z "${POLL_PID:-}" ]; then
    coproc POLL { pg -d "$DB" 2>&1; }
  fi
  echo "$1;" >&"${POLL[1]}"
  IFS= read -r -t 60 answer <&"${POLL[0]}" || answer=-
  [[ "$answer" =~ ^[0-9]+$ ]] || { say "query failed: $answer"; exit 1; }
}
# The reports still waiting for classification, into $pending.
count_pending() { session_query "SELECT count(*) FROM reports WHERE status = 'Received'"; pending=$answer; }
wait_classified() {
  pending=-
  [ -z "$ACCEPT_ONLY" ] || return 0
  # Polled every 0.1 s: the catch-up takes a few seconds, and a coarser poll would add up to its
  # interval to the end-to-end time.
  for _ in $(seq 1 3000); do
    count_pending
    [ "$pending" = "0" ] && break
    sleep 0.1
  done
}

# Warm-up, not counted: the runs below measure the running host, not its first minute.
say "warming up with $WARMUP messages"
"$SMTP_SOURCE" -s 10 -m "$WARMUP" -F "$BOUNCE" -f "mailer-daemon@mx.example.net" -t bench@in.backscatter.test "127.0.0.1:$INGEST_PORT" 2>/dev/null || true
"$SMTP_SOURCE" -s 10 -m "$WARMUP" -F "$BOUNCE" -f "mailer-daemon@mx.example.net" -t bench@in.backscatter.test "127.0.0.1:$SINK_PORT" 2>/dev/null || true
wait_classified

results=()
for sessions in ${BENCH_SESSIONS:-10 50}; do
  # smtp-sink's rate swings by up to 2x between consecutive runs on this machine (2,000 against
  # 4,400 msg/s): the reference is the fastest of BENCH_SINK_RUNS runs, so the ratio errs low.
  sink_before=$(cpu_ms_of "$SINK_PID")
  sink_rate=0 sink_rates=()
  for _ in $(seq 1 "${BENCH_SINK_RUNS:-3}"); do
    read -r s e _ < <(run_source "$SINK_PORT" "$sessions")
    r=$(rate "$MESSAGES" "$s" "$e")
    sink_rates+=("$r")
    if [ "$r" -gt "$sink_rate" ]; then sink_rate=$r; fi
  done
  # smtp-sink's own CPU per message: what a receiver that only discards pays for the same connections.
  sink_cpu=$(awk -v a="$(cpu_ms_of "$SINK_PID")" -v b="$sink_before" -v n="$((MESSAGES * ${BENCH_SINK_RUNS:-3}))" 'BEGIN { printf "%.2f", (a - b) / n }')
  say "$sessions sessions: smtp-sink runs ${sink_rates[*]} msg/s; the reference is the fastest"
  before=$(pg -d "$DB" -c "SELECT count(*) + coalesce(sum(duplicate_count), 0) FROM reports")
  commits_before=$(pg -d backscatter -c "SELECT xact_commit FROM pg_stat_database WHERE datname = '$DB'")
  cpu_before=$(ingest_cpu_ms)
  ticks_before=$(machine_ticks)
  pg_snapshot > "$WORK/pg-before"
  beam_before=$(beam_cpu_ms)
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  read -r s e source_ms < <(run_source "$INGEST_PORT" "$sessions")
  # The first look at what is left to classify comes before anything else: when nothing is left, the
  # end-to-end time ends here (the snapshots below take a few tenths of a second on this machine).
  pending_accepted=-
  if [ -z "$ACCEPT_ONLY" ]; then count_pending; pending_accepted=$pending; fi
  first_look_at=$(date +%s.%N)
  cpu_accepted=$(ingest_cpu_ms)
  busy_accepting=$(busy_since "$ticks_before")
  ticks_accepted=$(machine_ticks)
  pg_accepted=$(pg_cpu_since "$WORK/pg-before")
  beam_accepted=$(beam_cpu_ms)
  PERF_PID=""
  if [ -n "${BENCH_PERF:-}" ]; then
    perf record -q -F 499 -g -p "$INGEST_PID" -o "$WORK/perf-$sessions.data" -- sleep "$BENCH_PERF" >/dev/null 2>&1 &
    PERF_PID=$!
  fi
  session_query "SELECT xact_commit FROM pg_stat_database WHERE datname = '$DB'"; commits_accepted=$answer
  # Then until every accepted message is classified, before the other queries (they took about half
  # a second, counted as classification before).
  if [ -z "$ACCEPT_ONLY" ] && [ "$pending_accepted" = 0 ]; then
    pending=0 done_at=$first_look_at
  else
    wait_classified
    done_at=$(date +%s.%N)
  fi
  after=$(pg -d "$DB" -c "SELECT count(*) + coalesce(sum(duplicate_count), 0) FROM reports")
  accepted=$((after - before))
  # Transactions in the bench database per accepted message (the inbox's group commit: below 1 when batches hold several).
  commits=$(awk -v a="$commits_accepted" -v b="$commits_before" -v n="$accepted" 'BEGIN { printf "%.2f", (a - b) / n }')
  ingest_rate=$(rate "$accepted" "$s" "$e")
  ratio=$(awk -v a="$ingest_rate" -v b="$sink_rate" 'BEGIN { printf "%.2f", a / b }')
  if [ -n "$PERF_PID" ]; then wait "$PERF_PID" || true; fi
  cpu_done=$(ingest_cpu_ms)
  busy_after=$(busy_since "$ticks_accepted")
  cpu=$(awk -v a="$cpu_done" -v b="$cpu_before" -v n="$accepted" 'BEGIN { printf "%.2f", (a - b) / n }')
  # Split at the last 250: Ingest's CPU while accepting, and while classifying the reports left then.
  cpu_during=$(awk -v a="$cpu_accepted" -v b="$cpu_before" -v n="$accepted" 'BEGIN { printf "%.2f", (a - b) / n }')
  cpu_after=$(awk -v a="$cpu_done" -v b="$cpu_accepted" -v n="$accepted" 'BEGIN { printf "%.2f", (a - b) / n }')
  pg_total=$(pg_cpu_since "$WORK/pg-before")
  pg_split=$(awk -v a="$pg_accepted" -v t="$pg_total" -v n="$accepted" 'BEGIN { printf "%.2f while accepting, %.2f after", a / n, (t - a) / n }')
  beam_now=$(beam_cpu_ms)
  beam_split=$(awk -v b="$beam_before" -v a="$beam_accepted" -v t="$beam_now" -v n="$accepted" 'BEGIN { printf "%.2f while accepting, %.2f after", (a - b) / n, (t - a) / n }')
  catch_up=$(awk -v e="$e" -v d="$done_at" 'BEGIN { printf "%.1f", d - e }')
  pg_cpu=$(awk -v a="$pg_total" -v n="$accepted" 'BEGIN { printf "%.2f", a / n }')
  beam_cpu=$(awk -v a="$beam_now" -v b="$beam_before" -v n="$accepted" 'BEGIN { printf "%.2f", (a - b) / n }')
  source_cpu=$(awk -v a="$source_ms" -v n="$accepted" 'BEGIN { printf "%.2f", a / n }')
  classified=$(pg -d "$DB" -c "SELECT count(*) FROM reports WHERE status = 'Classified'")
  e2e=$(awk -v n="$accepted" -v s="$s" -v e="$done_at" 'BEGIN { printf "%.0f", n / (e - s) }')
  if [ -z "$ACCEPT_ONLY" ]; then
    results+=("$sessions sessions: smtp-sink $sink_rate msg/s, ingest $ingest_rate msg/s accepted (${ratio}x), $accepted accepted, end to end $e2e msg/s classified; CPU per message: Ingest $cpu ms ($cpu_during while accepting, $cpu_after after; $pending_accepted left to classify at the last 250, done ${catch_up} s later), PostgreSQL (bench backends) $pg_cpu ms ($pg_split), RabbitMQ (whole broker) $beam_cpu ms ($beam_split), smtp-source $source_cpu ms, smtp-sink $sink_cpu ms; PostgreSQL transactions per message during acceptance $commits; pending after wait: $pending; machine busy $busy_accepting while accepting, $busy_after after; load average before: $load; $CONNECTIONS")
  else
    results+=("$sessions sessions: smtp-sink $sink_rate msg/s, ingest $ingest_rate msg/s accepted (${ratio}x), $accepted accepted, acceptance only (no bus); CPU per message: Ingest $cpu ms, PostgreSQL (bench backends) $pg_cpu ms, smtp-source $source_cpu ms, smtp-sink $sink_cpu ms; PostgreSQL transactions per message $commits; machine busy $busy_accepting; load average before: $load; $CONNECTIONS")
  fi
  say "${results[-1]}"
done

if [ -n "$OUTAGE" ]; then
  # The broker comes back: the same database, the host restarted with the bus. Everything accepted
  # meanwhile was never announced; the sweeper (production interval, 1 minute) has it all.
  waiting=$(pg -d "$DB" -c "SELECT count(*) FROM reports WHERE status = 'Received'")
  say "broker back: restarting the Ingest with the bus; $waiting reports wait for the sweeper"
  kill "$INGEST_PID" && for _ in $(seq 1 100); do kill -0 "$INGEST_PID" 2>/dev/null || break; sleep 0.1; done
  ACCEPT_ONLY=""
  restarted=$(date +%s.%N)
  Ingest__SweepAfter=00:00:01 start_ingest "$RabbitMq__Port" Information
  for _ in $(seq 1 480); do ready && break; sleep 0.5; done
  ready || { tail -n 30 "$WORK/ingest.log"; say "Ingest did not become ready"; exit 1; }
  ready_at=$(date +%s.%N)
  first_swept="" pending=-
  for _ in $(seq 1 7200); do # at most two hours
    count_pending
    [ -n "$first_swept" ] || grep -q "Announced .* reports again" "$WORK/ingest.log" && first_swept=${first_swept:-$(date +%s.%N)}
    [ "$pending" = "0" ] && break
    sleep 1
  done
  done_at=$(date +%s.%N)
  results+=("after the outage: $waiting reports waiting; host ready $(awk -v a="$restarted" -v b="$ready_at" 'BEGIN { printf "%.1f", b - a }') s after the restart, first sweep $(awk -v a="$ready_at" -v b="${first_swept:-$done_at}" 'BEGIN { printf "%.1f", b - a }') s after ready, all classified $(awk -v a="$ready_at" -v b="$done_at" 'BEGIN { printf "%.1f", b - a }') s after ready ($pending left); $(grep -c "Announced .* reports again" "$WORK/ingest.log") sweep passes logged")
  say "${results[-1]}"
fi

echo
echo "SMTP ingest benchmark, $MESSAGES messages of $(stat -c %s "$BOUNCE") bytes per run, $(nproc) cores"
printf '  %s\n' "${results[@]}"
echo "  reports stored: $(pg -d "$DB" -c "SELECT count(*) FROM reports"), classified: $(pg -d "$DB" -c "SELECT count(*) FROM reports WHERE status = 'Classified'"), failed: $(pg -d "$DB" -c "SELECT count(*) FROM reports WHERE status = 'Failed'")"
