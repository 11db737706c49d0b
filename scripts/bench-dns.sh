#!/usr/bin/env bash
# The DNS feed against rbldnsd on this machine: the same 100,000-address zone, dnsperf against each in
# the same run (half listed, half unlisted names), p99 latency at half of rbldnsd's rate, and the memory
# and reload time of 1,000,000 listings. Loopback only; every run is bounded in time.
# Results go to docs/benchmarks.md, section "DNS feed".
#
# Half load is measured twice per server: by dnsperf -v (latency from user space in dnsperf's sender and
# receiver threads) and by benchmarks/dns-probe (one thread, the same rate; "user" is the same user-space
# latency, "wire" the kernel's send timestamp of the query to the kernel's receive timestamp of the
# answer, so the client's own wake-up delays are left out and the server's are in; "send-late" says how
# far the probe fell behind its schedule, i.e. whether the client itself got the CPU). Load average is
# printed with every half-load measurement: on a shared machine the tail follows it.
#
# Options (environment):
#   COUNT DURATION HALF_DURATION MEMORY_COUNT RBLDNSD_PORT FEED_PORT   sizes, seconds, ports
#   HALF_ROUNDS=N     repeat the half-load measurements N times, servers alternating (default 2)
#   HALF_RATE=Q       half load at Q q/s instead of half of rbldnsd's measured rate
#   SKIP_FULL=1       skip the full-load runs (needs HALF_RATE)
#   SKIP_MEMORY=1     skip the 1,000,000-address memory and reload measurement
#   DB_MEMORY=1       also the feed's reload from PostgreSQL (the production path): MEMORY_COUNT listed rows
#                     in the database backscatter_feedbench, read as the Feed's login (needs scripts/services.sh up)
#   FEED_THREADS=N    UDP receive threads of the feed (default: one per processor)
#   FEED_SLICE_US=N   scheduler slice of the feed's receive threads in µs (default 100, DnsFeed:UdpReceiveSlice;
#                     0 keeps the kernel's default, as before docs/adr/0013)
#   FEED_BATCHING=0   the feed answers one query per system call (DnsFeed:UdpBatching=false; default: recvmmsg
#                     and sendmmsg, up to 16 queries per wake-up)
#   FEED_METRICS=1    the feed's metrics aggregated by the OpenTelemetry SDK while serving, as in a host that exports
#                     them (default: nothing listens, so counting costs next to nothing)
#   FEED_SOCKET_PER_THREAD=1  each receive thread of the feed on a UDP socket of its own, all on the feed's port
#                     with SO_REUSEPORT (DnsFeed:UdpSocketPerThread; default: one socket shared by all threads).
#                     The kernel picks the socket by a hash of the client's address and port, so each of dnsperf's
#                     -c 4 sockets, and the probe's one socket, stays on one receive thread.
#   FEED_POLICY=deadline  the experiment of docs/adr/0017 (rejected for the product): the feed's receive threads
#                     and, as "rbldnsd-dl", a second rbldnsd beside the first are put under SCHED_DEADLINE with the
#                     same reservation per thread, FEED_RUNTIME_US (500) every FEED_PERIOD_US (1000), from outside
#                     (chrt -R -d); the first rbldnsd stays as deployed (normal priority). The full-load runs then
#                     also time, on the side, a fixed CPU loop and `dotnet --version` (the rest of the machine
#                     during a query flood). Root only. The clients stay at normal priority (see BENCH_RT).
#   BENCH_PIN=1       servers on core 1, the clients on core 0
#   BENCH_RT=1        the half-load runs with both servers and the clients (dnsperf, probe) under
#                     SCHED_FIFO (chrt -f 10): the latency without other processes' time slices in
#                     front of them, as on a machine that does nothing else. The full-load runs stay at
#                     normal priority (real-time threads at full load would starve the machine). Root only.
#                     Real-time threads are stopped for up to 50 ms once they used 95 % of a CPU in a
#                     second (kernel.sched_rt_runtime_us): a rare 50 ms maximum is that. Leave BENCH_PIN
#                     off with it: pinned, dnsperf's two threads share one core and hit that limit.
#   SERVER_NICE=-10   the half-load runs with both servers (every thread) at that nice value, the clients at 0.
#   BENCH_RT=clients  only the clients of the half-load runs under SCHED_FIFO, the servers as deployed: the
#                     servers' own scheduling, as when the clients are other machines (with FEED_POLICY=deadline).
#   CLIENT_SLICE_US=N the clients of the half-load runs (dnsperf, probe) ask for an N µs scheduler slice, as the
#                     feed's receive threads do (normal policy and nice value, no privilege; sched_setattr, x86-64, through
#                     perl, inherited by their threads): a woken client thread no longer waits out the 1.4 ms
#                     slice of whatever runs, so the tail is closer to the servers' own, as with clients on other
#                     machines, without FIFO clients starving the servers. The servers stay as deployed.
#   CPU_WAKE_LATENCY_US=0  hold a PM QoS request on /dev/cpu_dma_latency for the whole run (root only), as
#                     tuned's latency-performance and network-latency profiles do: idle CPUs then poll instead of
#                     halting. On this VM (haltpoll, guest_halt_poll_ns 0) a halted vCPU waits for the host to
#                     resume it, a wake-up of milliseconds; a host setting, not the feed's (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-100000}
DURATION=${DURATION:-20}              # seconds of full-load dnsperf per server
HALF_DURATION=${HALF_DURATION:-10}    # seconds of half-load dnsperf per server
MEMORY_COUNT=${MEMORY_COUNT:-1000000}
RBLDNSD_PORT=${RBLDNSD_PORT:-15353}
FEED_PORT=${FEED_PORT:-15354}
ZONE=bl.backscatter.test
DNSPERF_LOAD=(-c 4 -T 1 -q 200)       # the same client settings for both servers

. scripts/bench-dns-tools.sh

# BENCH_PIN=1: servers on core 1, dnsperf on core 0, so the latency tail is not the scheduler handing
# one core back and forth between the client and the server (both servers are pinned alike).
server_cpu=() client_cpu=()
if [ "${BENCH_PIN:-0}" = 1 ]; then server_cpu=(taskset -c 1); client_cpu=(taskset -c 0); fi
half_client=("${client_cpu[@]}")
if [ "${BENCH_RT:-0}" != 0 ]; then half_client=(chrt -f 10 "${client_cpu[@]}"); fi
if [ -n "${CLIENT_SLICE_US:-}" ]; then
  # struct sched_attr: size, policy (SCHED_OTHER), flags, nice, priority, runtime (the slice, ns), deadline, period.
  half_client=(perl -e 'my $a = pack("LLQlLQQQ", 48, 0, 0, 0, 0, shift(@ARGV) * 1000, 0, 0);
    syscall(314, 0, $a, 0) == 0 or die "sched_setattr: $!\n"; exec @ARGV or die "exec: $!\n"' "$CLIENT_SLICE_US" "${half_client[@]}")
fi
HALF_ROUNDS=${HALF_ROUNDS:-2}

dns_bench_work bench-dns

if [ -n "${CPU_WAKE_LATENCY_US:-}" ]; then
  # The request lasts while the file stays open: a process that holds it, killed at exit with the servers.
  scripts/hold-cpu-wake-latency.sh "$CPU_WAKE_LATENCY_US" &
  pids+=($!)
  sleep 0.2
  kill -0 "${pids[-1]}" 2>/dev/null || { echo "could not hold /dev/cpu_dma_latency (root only)" >&2; exit 1; }
  echo "== idle CPUs held at a wake-up latency of ${CPU_WAKE_LATENCY_US} µs (/dev/cpu_dma_latency) for the run"
fi

echo "== building the benchmark tool (Release)"
dotnet build benchmarks/Backscatter.Feed.Benchmarks -c Release -v quiet -nologo >/dev/null
bench=benchmarks/Backscatter.Feed.Benchmarks/bin/Release/net10.0/Backscatter.Feed.Benchmarks
gcc -O2 -Wall -o "$work/dns-probe" benchmarks/dns-probe/dns-probe.c

echo "== generating the zone"
"$bench" zone "$COUNT" "$work/zone.ip4set" "$work/queries.txt"

serve_seconds=$((2 * DURATION + 2 * HALF_DURATION + 60))
serve_seconds=$((serve_seconds + 6 * HALF_ROUNDS * HALF_DURATION + DURATION))
timeout "$serve_seconds" "${server_cpu[@]}" rbldnsd -n -w "$work" -b "127.0.0.1/$RBLDNSD_PORT" -u nobody "$ZONE:ip4set:zone.ip4set" >"$work/rbldnsd.log" 2>&1 &
rbldnsd_timeout_pid=$!
pids+=($rbldnsd_timeout_pid)
"${server_cpu[@]}" "$bench" serve "$work/zone.ip4set" "$FEED_PORT" "$serve_seconds" ${FEED_THREADS:-} >"$work/feed.log" 2>&1 &
feed_pid=$!
pids+=($feed_pid)
servers=("rbldnsd:$RBLDNSD_PORT" "feed:$FEED_PORT")
FEED_POLICY=${FEED_POLICY:-fair}
if [ "$FEED_POLICY" = deadline ]; then
  RBLDNSD_DL_PORT=$((RBLDNSD_PORT + 2))
  timeout "$serve_seconds" "${server_cpu[@]}" rbldnsd -n -w "$work" -b "127.0.0.1/$RBLDNSD_DL_PORT" -u nobody "$ZONE:ip4set:zone.ip4set" >"$work/rbldnsd-dl.log" 2>&1 &
  pids+=($!)
  servers=("rbldnsd:$RBLDNSD_PORT" "rbldnsd-dl:$RBLDNSD_DL_PORT" "feed:$FEED_PORT")
fi

wait_ready() {
  for _ in $(seq 1 60); do
    if dig @127.0.0.1 -p "$1" +time=1 +tries=1 +short "2.0.0.127.$ZONE" A 2>/dev/null | grep -q 127.0.0.2; then return 0; fi
    sleep 0.5
  done
  echo "server on port $1 did not answer"; cat "$work"/*.log; exit 1
}
for server in "${servers[@]}"; do wait_ready "${server#*:}"; done
if [ "$FEED_POLICY" = deadline ]; then
  # The same reservation for rbldnsd's one thread as for each of the feed's receive threads. -R (reset on
  # fork): a deadline thread may not start threads otherwise, and the .NET runtime aborts when it cannot.
  runtime_ns=$((${FEED_RUNTIME_US:-500} * 1000)) period_ns=$((${FEED_PERIOD_US:-1000} * 1000))
  for tid in "$(pgrep -u nobody -f "rbldnsd .*127.0.0.1/$RBLDNSD_DL_PORT" | head -1)" $(grep -l '^dns-udp-' /proc/"$feed_pid"/task/*/comm | cut -d/ -f5); do
    chrt -R -d -T "$runtime_ns" -P "$period_ns" -D "$period_ns" -p 0 "$tid"
  done
fi
echo "== scheduling of the servers' threads (chrt -p)"
for task in /proc/"$(pgrep -P "$rbldnsd_timeout_pid" -x rbldnsd)"/task/* /proc/"$(pgrep -u nobody -f "rbldnsd .*127.0.0.1/${RBLDNSD_DL_PORT:-none}" | head -1)"/task/* /proc/"$feed_pid"/task/*; do
  [ -e "$task/comm" ] || continue
  case "$(cat "$task/comm")" in
    rbldnsd|dns-udp-*) echo "$(cat "$task/comm") $(tr '\0' ' ' <"${task%/task/*}/cmdline" | grep -o '127.0.0.1/[0-9]*\|serve [^ ]* [0-9]*' | tail -1): $(chrt -p "${task##*/}" | sed -n '1p;3p' | cut -d: -f2 | tr -s '\n ' ' ')" ;;
  esac
done

echo "== both servers give the same answers (first 20 names, A and TXT)"
head -20 "$work/queries.txt" | while read -r name _; do
  for type in A TXT; do
    a=$(dig @127.0.0.1 -p "$RBLDNSD_PORT" +notcp +short "$name" "$type" | sort)
    b=$(dig @127.0.0.1 -p "$FEED_PORT" +notcp +short "$name" "$type" | sort)
    if [ "$a" != "$b" ]; then echo "DIFFERENT for $name $type: rbldnsd [$a] feed [$b]"; exit 1; fi
  done
done
echo "same"


load() { cut -d' ' -f1 /proc/loadavg; }

full_load() { # port -> prints qps and average latency (ms)
  "${client_cpu[@]}" dnsperf -s 127.0.0.1 -p "$1" -d "$work/queries.txt" -l "$DURATION" "${DNSPERF_LOAD[@]}" >"$work/full-$1.txt" 2>&1
  local qps avg lost
  qps=$(awk '/Queries per second/ {printf "%.0f", $4}' "$work/full-$1.txt")
  avg=$(awk '/Average Latency/ {printf "%.3f", $4 * 1000}' "$work/full-$1.txt")
  lost=$(awk '/Queries lost/ {print $3 $4}' "$work/full-$1.txt")
  echo "$qps $avg $lost"
}

half_load() { # port rate -> prints achieved qps, p50, p99, max latency (ms), load average before and after
  local before
  before=$(load)
  "${half_client[@]}" dnsperf -s 127.0.0.1 -p "$1" -d "$work/queries.txt" -l "$HALF_DURATION" -Q "$2" -v "${DNSPERF_LOAD[@]}" >"$work/half-$1.txt" 2>&1
  local qps
  qps=$(awk '/Queries per second/ {printf "%.0f", $4}' "$work/half-$1.txt")
  awk '/^> / {print $NF * 1000}' "$work/half-$1.txt" | sort -g >"$work/lat-$1.txt"
  local n
  n=$(wc -l <"$work/lat-$1.txt")
  echo "$qps $(sed -n "$(( (n + 1) / 2 ))p" "$work/lat-$1.txt") $(sed -n "$(( (n * 99 + 99) / 100 ))p" "$work/lat-$1.txt") $(tail -1 "$work/lat-$1.txt") $before $(load)"
}

probe() { # port rate -> the probe's line (sent, lost, user and wire percentiles), load average before and after
  local before
  before=$(load)
  echo "$("${half_client[@]}" "$work/dns-probe" 127.0.0.1 "$1" "$work/queries.txt" "$2" "$HALF_DURATION") load $before-$(load)"
}

# The rest of the machine during a query flood: a fixed CPU loop and `dotnet --version`, wall-clock seconds.
side_work() {
  local start loop
  start=$(date +%s.%N)
  awk 'BEGIN {for (i = 0; i < 3000000; i++) s += i}'
  loop=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.2f", e - s}')
  start=$(date +%s.%N)
  dotnet --version >/dev/null
  echo "cpu loop ${loop} s, dotnet --version $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN {printf "%.2f", e - s}') s"
}

if [ "${SKIP_FULL:-0}" = 1 ]; then
  r_qps=$((2 * ${HALF_RATE:?SKIP_FULL=1 needs HALF_RATE}))
  ratio=-
else
  if [ "$FEED_POLICY" = deadline ]; then echo "== side work, no queries: $(side_work) (load $(load))"; fi
  echo "== full load, ${DURATION} s each: dnsperf ${DNSPERF_LOAD[*]} (load average $(load))"
  for server in "${servers[@]}"; do
    side=""
    if [ "$FEED_POLICY" = deadline ]; then (sleep 5; side_work) >"$work/side.txt" & side=$!; fi
    read -r qps avg lost < <(full_load "${server#*:}")
    if [ -n "$side" ]; then wait "$side"; side=", meanwhile $(cat "$work/side.txt")"; fi
    printf '%-10s %s q/s, average latency %s ms, lost %s%s\n' "${server%%:*}:" "$qps" "$avg" "$lost" "$side"
    case ${server%%:*} in rbldnsd) r_qps=$qps ;; feed) f_qps=$qps ;; esac
  done
  ratio=$(awk -v f="$f_qps" -v r="$r_qps" 'BEGIN {printf "%.2f", f / r}')
  echo "ratio feed / rbldnsd: ${ratio}x"
fi

half=${HALF_RATE:-$((r_qps / 2))}
if [ "${BENCH_RT:-0}" = 1 ]; then
  chrt -a -f -p 10 "$(pgrep -P "$rbldnsd_timeout_pid" -x rbldnsd)"
  chrt -a -f -p 10 "$feed_pid"
  echo "== servers and clients under SCHED_FIFO for the half-load runs"
fi
if [ -n "${SERVER_NICE:-}" ]; then
  # Both servers alike, every thread: what a deployment's Nice= would give them (the clients stay at 0).
  for server_pid in "$(pgrep -P "$rbldnsd_timeout_pid" -x rbldnsd)" "$feed_pid"; do
    for task in /proc/"$server_pid"/task/*; do renice -n "$SERVER_NICE" -p "${task##*/}" >/dev/null; done
  done
  echo "== servers at nice $SERVER_NICE for the half-load runs"
fi
echo "== half load ($half q/s), ${HALF_DURATION} s each, $HALF_ROUNDS rounds"
echo "   dnsperf -v: achieved q/s, p50 / p99 / max ms; probe: p50 p90 p99 p99.9 max ms, user and wire"
feed_p99s=() feed_wire_p99s=()
for round in $(seq 1 "$HALF_ROUNDS"); do
  for server in "${servers[@]}"; do
    read -r h_qps h_p50 h_p99 h_max h_l1 h_l2 < <(half_load "${server#*:}" "$half")
    printf 'round %s %-10s dnsperf: %s q/s, p50 %s, p99 %s, max %s ms (load %s-%s)\n' "$round" "${server%%:*}" "$h_qps" "$h_p50" "$h_p99" "$h_max" "$h_l1" "$h_l2"
    if [ "${server%%:*}" = feed ]; then feed_p99s+=("$h_p99"); fi
  done
  for server in "${servers[@]}"; do
    line=$(probe "${server#*:}" "$half")
    printf 'round %s %-10s probe:   %s\n' "$round" "${server%%:*}" "$line"
    if [ "${server%%:*}" = feed ]; then feed_wire_p99s+=("$(awk '{for (i = 1; i <= NF; i++) if ($i == "wire") print $(i + 3)}' <<<"$line")"); fi
  done
done

kill -TERM "$feed_pid" 2>/dev/null && wait "$feed_pid" 2>/dev/null || true
echo "feed $(grep 'while serving' "$work/feed.log" || echo 'while serving: no report')"

if [ "${SKIP_MEMORY:-0}" != 1 ]; then
  echo "== feed memory and reload with $MEMORY_COUNT listed addresses (a fresh process)"
  "$bench" zone "$MEMORY_COUNT" "$work/big.ip4set" "$work/big-queries.txt" >/dev/null
  "$bench" memory "$work/big.ip4set"
fi

if [ "${DB_MEMORY:-0}" = 1 ]; then
  echo "== feed reload from PostgreSQL with $MEMORY_COUNT listed addresses (a fresh process)"
  eval "$(scripts/services.sh env feed)"
  pg() { PGPASSWORD=${BACKSCATTER_PG_PASSWORD:-backscatter} psql -h 127.0.0.1 -p "${BACKSCATTER_PG_PORT:-55432}" -U "${BACKSCATTER_PG_USER:-backscatter}" -qtA -d backscatter "$@"; }
  pg -c "SELECT 1 FROM pg_database WHERE datname = 'backscatter_feedbench'" | grep -q 1 || pg -c "CREATE DATABASE backscatter_feedbench" >/dev/null
  owner=$ConnectionStrings__BackscatterMigrations feed=$ConnectionStrings__Backscatter
  "$bench" seed-db "${owner/Database=backscatter;/Database=backscatter_feedbench;}" "$MEMORY_COUNT"
  "$bench" memory-db "${feed/Database=backscatter;/Database=backscatter_feedbench;}"
fi

echo "== summary"
echo "qps ratio ${ratio}x (goal >= 1.0); feed p99 at half load (goal <= 1 ms): dnsperf ${feed_p99s[*]} ms, probe wire ${feed_wire_p99s[*]} ms"
